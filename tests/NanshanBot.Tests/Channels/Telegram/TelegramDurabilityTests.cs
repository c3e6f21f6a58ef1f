using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using NanshanBot.Fakes;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Channels.Telegram;

/// <summary>What the program (a real process) keeps when it is killed: updates confirmed to Telegram are on disk
/// first, synced, and answered after a restart.</summary>
public sealed class TelegramDurabilityTests
{
    [Fact]
    public async Task AnUpdateAcknowledgedToTheWebhookIsAnsweredAfterTheProcessIsKilled()
    {
        await using var api = await FakeBotApi.StartAsync();
        var data = Repository.TempPath("data");
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = "123456:TEST", ["Telegram__ApiBaseUrl"] = api.Url, ["Telegram__Mode"] = "webhook",
            ["Telegram__WebhookUrl"] = "https://bot.example.invalid/telegram/webhook", ["Telegram__SecretToken"] = "s3cret", ["Data__Path"] = data,
        };
        api.Hold("sendMessage");
        var (first, url) = await StartAsync(environment);
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/telegram/webhook") { Content = JsonContent.Create(Text(1, 510, "南山区有多少海归人才？")) };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "s3cret");

        HttpResponseMessage acknowledged;
        try
        {
            acknowledged = await http.SendAsync(request);
        }
        finally
        {
            await KillAsync(first);
        }

        api.Release("sendMessage");
        var (second, _) = await StartAsync(environment);
        try
        {
            await UntilAsync(() => api.Sent().Count > 0, "the answer after the restart");

            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            Assert.Contains("10万", Assert.Single(api.Sent())["text"]!.GetValue<string>());
        }
        finally
        {
            await StopAsync(second);
            Repository.Delete(data);
        }
    }

    [Fact]
    public async Task AnUpdateConfirmedByPollingIsAnsweredOnceAfterTheProcessIsKilled()
    {
        await using var api = await FakeBotApi.StartAsync();
        var data = Repository.TempPath("data");
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = "123456:TEST", ["Telegram__ApiBaseUrl"] = api.Url, ["Telegram__PollTimeoutSeconds"] = "1", ["Data__Path"] = data,
        };
        api.Hold("sendMessage");
        api.Enqueue(Text(1, 511, "南山区有多少海归人才？"));
        var (first, _) = await StartAsync(environment);
        try
        {
            await UntilAsync(() => api.Offsets.Contains(2), "the update confirmed");
        }
        finally
        {
            await KillAsync(first);
        }

        api.Release("sendMessage");
        var (second, _) = await StartAsync(environment);
        try
        {
            await UntilAsync(() => api.Sent().Count > 0, "the answer after the restart");
            await UntilAsync(() => api.Sent("getUpdates").Count(b => b["offset"]?.GetValue<long>() == 2) > 3, "a few more polls");

            Assert.Contains("10万", Assert.Single(api.Sent())["text"]!.GetValue<string>());
        }
        finally
        {
            await StopAsync(second);
            Repository.Delete(data);
        }
    }

    [Fact]
    public async Task TheOffsetFileAndTheJournalAreSyncedToDiskBeforeAnUpdateIsConfirmed()
    {
        Assert.True(File.Exists("/usr/bin/strace"), "strace is missing: run the tests with `bash scripts/test.sh`, which installs it.");
        await using var api = await FakeBotApi.StartAsync();
        var data = Repository.TempPath("data");
        var trace = Repository.TempPath("trace");
        api.Enqueue(Text(1, 512, "南山区有多少海归人才？"));
        using var traced = ProgramProcess.StartSyncTraced(trace, ["--urls", "http://127.0.0.1:0"], new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = "123456:TEST", ["Telegram__ApiBaseUrl"] = api.Url, ["Telegram__PollTimeoutSeconds"] = "1", ["Data__Path"] = data,
        });
        _ = traced.StandardOutput.ReadToEndAsync();
        _ = traced.StandardError.ReadToEndAsync();
        try
        {
            await UntilAsync(() => api.Offsets.Contains(2) && api.Sent().Count == 1, "the update answered and confirmed");

            var syncs = File.ReadAllLines(trace).Where(l => l.Contains("sync(", StringComparison.Ordinal)).ToList();
            Assert.Contains(syncs, l => l.Contains("123456-updates.json.tmp>", StringComparison.Ordinal));
            Assert.Contains(syncs, l => l.Contains("123456-pending.jsonl>", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var child in ProgramProcess.Children(traced))
            {
                using var program = Process.GetProcessById(child);
                await ProgramProcess.EndAsync(program);
            }

            await ProgramProcess.EndAsync(traced);
            Repository.Delete(data);
            File.Delete(trace);
        }
    }

    /// <summary>Starts the service and waits (30 s at most) for the address it listens on; a service that does
    /// not get there is killed and the failure shows what it wrote.</summary>
    private static async Task<(Process Process, string Url)> StartAsync(Dictionary<string, string> environment)
    {
        var process = ProgramProcess.Start(["--urls", "http://127.0.0.1:0"], environment);
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("NanshanBot is running on ", StringComparison.Ordinal))
                {
                    _ = process.StandardOutput.ReadToEndAsync();
                    return (process, line["NanshanBot is running on ".Length..].Split(',', ' ')[0]);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        await KillAsync(process);
        throw new InvalidOperationException("The service did not listen within 30 s:\n" + await errors);
    }

    /// <summary>kill -9: the process gets no chance to finish anything.</summary>
    private static async Task KillAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static async Task StopAsync(Process process)
    {
        await ProgramProcess.EndAsync(process);
        process.Dispose();
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
