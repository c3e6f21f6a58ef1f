using NanshanBot.Fakes;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Channels.Telegram;

/// <summary>The program started the way the README starts it, with the token in the environment.</summary>
public sealed class TelegramProcessTests
{
    [Fact]
    public async Task TheServiceStartedWithATokenAnswersPrivateQuestionsAndStopsOnSigterm()
    {
        await using var api = await FakeBotApi.StartAsync();
        var data = Repository.TempPath("data");
        using var service = ProgramProcess.Start(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = "123456:TEST",
            ["Telegram__ApiBaseUrl"] = api.Url,
            ["Telegram__PollTimeoutSeconds"] = "1",
            ["Data__Path"] = data,
        });
        var output = service.StandardOutput.ReadToEndAsync();
        _ = service.StandardError.ReadToEndAsync();
        int? exitCode;
        try
        {
            api.Enqueue(Text(1, 500, "南山区有多少海归人才？"));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (api.Sent().Count == 0 && DateTime.UtcNow < deadline && !service.HasExited)
            {
                await Task.Delay(50);
            }

            Assert.Contains("10万", Assert.Single(api.Sent())["text"]!.GetValue<string>());
        }
        finally
        {
            exitCode = await ProgramProcess.EndAsync(service);
            Repository.Delete(data);
        }

        Assert.Equal(0, exitCode);
        Assert.Contains("NanshanBot is running on", await output);
    }

    [Fact]
    public async Task AServiceStoppedByAFailingChannelExitsWithAnErrorCode()
    {
        // Telegram refuses the webhook URL: the channel cannot run, the host stops, and systemd must see a failure.
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("setWebhook", 400);

        var result = await ProgramProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment: new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = "123456:TEST",
            ["Telegram__ApiBaseUrl"] = api.Url,
            ["Telegram__Mode"] = "webhook",
            ["Telegram__WebhookUrl"] = "https://bot.example.invalid/telegram/webhook",
            ["Telegram__SecretToken"] = "s3cret",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("stopped because", result.Stderr);
        Assert.DoesNotContain("123456:TEST", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task AMalformedTokenStopsTheServiceWithAClearMessage()
    {
        var result = await ProgramProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment: new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = "not-a-token",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Telegram:BotToken does not look like a bot token", result.Stderr);
        Assert.DoesNotContain("not-a-token", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task WebhookModeWithoutASecretIsRefusedAtStart()
    {
        var result = await ProgramProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment: new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = "123456:TEST",
            ["Telegram__Mode"] = "webhook",
            ["Telegram__WebhookUrl"] = "https://bot.example.invalid/telegram/webhook",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Telegram:SecretToken must be", result.Stderr);
    }
}
