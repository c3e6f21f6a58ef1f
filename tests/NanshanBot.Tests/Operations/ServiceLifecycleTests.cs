using System.Net;
using System.Text.Json;
using NanshanBot.Fakes;
using NanshanBot.Tests.Channels.Telegram;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Operations;

/// <summary>The service as an operator sees it: ready only once its channels are, stopped by SIGTERM without
/// cutting answers off, and logging JSON with no secret in it.</summary>
public sealed class ServiceLifecycleTests
{
    [Fact]
    public async Task ReadinessIs503UntilTheChannelsHaveStarted()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.Hold("getMe");
        await using var t = await TelegramFixture.StartAsync(api: api);
        using var http = new HttpClient();

        var before = await http.GetAsync(t.Bot.Url + "/readyz");
        api.Release("getMe");
        await t.Bot.EventuallyAsync(() => http.GetAsync(t.Bot.Url + "/readyz").Result.StatusCode == HttpStatusCode.OK, because: "ready once getMe answered");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal("Unhealthy", await before.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SigtermLetsAnAnswerInFlightFinishBeforeTheServiceExits()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.Hold("sendMessage");
        api.Enqueue(Text(1, 520, "南山区有多少海归人才？"));
        using var service = ProgramProcess.Start(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = "123456:TEST", ["Telegram__ApiBaseUrl"] = api.Url, ["Telegram__PollTimeoutSeconds"] = "1",
        });
        var output = service.StandardOutput.ReadToEndAsync();
        var errors = service.StandardError.ReadToEndAsync();
        int? exitCode;
        try
        {
            await UntilAsync(() => api.Waiting("sendMessage") == 1, "the answer on its way");
            using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await term.WaitForExitAsync();
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(service.HasExited, "the service exited with an answer in flight");
            api.Release("sendMessage");
        }
        finally
        {
            exitCode = await ProgramProcess.EndAsync(service);
        }

        Assert.True(api.Sent().Count == 1, $"exit {exitCode}\n{await output}\n{await errors}");
        Assert.Equal(0, exitCode);
        Assert.Contains("10万", Assert.Single(api.Sent())["text"]!.GetValue<string>());
        Assert.DoesNotContain("still being answered", await output);
    }

    [Fact]
    public async Task JsonLogsCarryNoTokenEvenInAnErrorTelegramEchoedIt()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("getMe", 403, description: $"Forbidden: no access for /bot{TelegramFixture.Token}/getMe");
        using var service = ProgramProcess.Start(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = TelegramFixture.Token, ["Telegram__ApiBaseUrl"] = api.Url, ["Logging__Format"] = "json",
        });
        var output = service.StandardOutput.ReadToEndAsync();
        _ = service.StandardError.ReadToEndAsync();
        try
        {
            await UntilAsync(() => api.Sent("getUpdates").Count > 0, "polling after the refused getMe");
        }
        finally
        {
            await ProgramProcess.EndAsync(service);
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).ToList();
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
        Assert.Contains(lines, l => l.Contains("Telegram start-up call failed") && l.Contains("bot\\u003Credacted\\u003E/getMe", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("TEST-secret_token", await output);
    }

    /// <summary>Polls (at most 30 s of real time: a process starts and answers in it) until the condition holds.</summary>
    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not in 30 s: " + what);
            await Task.Delay(50);
        }
    }
}
