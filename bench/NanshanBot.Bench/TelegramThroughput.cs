using System.Diagnostics;
using NanshanBot.Fakes;
using NanshanBot.Hosting;

namespace NanshanBot.Bench;

/// <summary>
/// Updates handled end to end: the real service, polling a Bot API fake on 127.0.0.1 that serves N questions
/// from N chats. Measures updates per second and the time from getUpdates returning an update to its
/// sendMessage arriving. Once at Telegram's own global limit (30 messages/s), once with the limit lifted, to
/// show what the bot itself can do.
/// </summary>
public static class TelegramThroughput
{
    public static async Task RunAsync(BenchReport report)
    {
        await RunOnceAsync(report, "telegram (30 msg/s limit)", report.Quick ? 150 : 600, 30);
        await RunOnceAsync(report, "telegram (limit lifted)", report.Quick ? 1000 : 5000, 100_000);
    }

    private static async Task RunOnceAsync(BenchReport report, string scenario, int count, int perSecond)
    {
        await using var api = await FakeBotApi.StartAsync();
        var data = Directory.CreateTempSubdirectory("nanshanbot-bench-").FullName;
        var app = ServiceHost.Build(
        [
            "--Telegram:BotToken=123456:BENCH", $"--Telegram:ApiBaseUrl={api.Url}", "--Telegram:PollTimeoutSeconds=1",
            $"--Telegram:MessagesPerSecond={perSecond}", "--Telegram:FloodLimitPerMinute=1000", $"--Data:Path={data}",
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var questions = new[] { "南山区人均GDP有多少？", "What was Nanshan District's GDP in 2025?", "南山有多少家上市公司？", "罗湖区2025年GDP是多少？" };
        var started = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            api.Enqueue(FakeBotApi.Updates.Text(i + 1, 1_000_000 + i, questions[i % questions.Length]));
        }

        while (api.RepliedAt.Count < count && started.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(5);
        }

        var elapsed = started.Elapsed;
        var latencies = api.RepliedAt.Select(p => Stopwatch.GetElapsedTime(api.ServedAt[p.Key], p.Value).TotalMilliseconds).ToList();
        report.Add(scenario, $"updates handled ({count} sent)", api.RepliedAt.Count, "");
        report.Add(scenario, "throughput", api.RepliedAt.Count / elapsed.TotalSeconds, "updates/s");
        report.Add(scenario, "getUpdates -> sendMessage p50", BenchReport.Percentile(latencies, 0.50), "ms");
        report.Add(scenario, "getUpdates -> sendMessage p99", BenchReport.Percentile(latencies, 0.99), "ms");
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }
}
