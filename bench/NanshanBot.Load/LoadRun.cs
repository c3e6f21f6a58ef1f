using System.Collections.Concurrent;
using System.Diagnostics;
using NanshanBot.Fakes;

namespace NanshanBot.Load;

/// <summary>
/// Sends <see cref="LoadOptions.Messages"/> messages, half WeChat, half Telegram, alternating between the two
/// instances, <see cref="LoadOptions.Concurrency"/> at a time; a share of the WeChat messages is delivered to
/// both instances at once. Optionally kills Redis halfway and starts it again at five eighths (so that the last
/// part runs while the instances reconnect and after). Then waits
/// for every Telegram reply and counts what went wrong.
/// </summary>
public sealed class LoadRun(LoadOptions options, Instances instances, FakeBotApi api, RedisServer? redis, IReadOnlyList<string> questions)
{
    private readonly ConcurrentBag<(string Phase, string Channel, TimeSpan Latency)> latencies = [];
    private readonly ConcurrentBag<(string Phase, string Error)> errors = [];
    private readonly ConcurrentDictionary<long, (long Started, string Phase)> telegramChats = new();
    private int mismatches;
    private int weChatMessages;
    private readonly List<(string Phase, int Computations, int Messages)> marks = [];
    private string phase = options.StopRedisHalfway ? "redis up" : "whole run";
    private Task reconnected = Task.CompletedTask;

    public async Task<LoadReport> RunAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deliveries = new Deliveries(instances.Urls, http);
        var random = new Random(20261126);
        await WarmUpAsync(deliveries);
        using var slots = new SemaphoreSlim(options.Concurrency);
        var running = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < options.Messages; i++)
        {
            if (options.StopRedisHalfway && (i == options.Messages / 2 || i == options.Messages * 5 / 8))
            {
                // Let what is in flight finish first, so that each phase's counts are its own.
                await Task.WhenAll(running);
                await SwitchPhaseAsync(i);
            }

            await slots.WaitAsync();
            var duplicate = random.NextDouble() < options.RetryShare;
            var (index, text, current) = (i, questions[i % questions.Count], phase);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await (index % 2 == 0 ? WeChatAsync(deliveries, index, text, duplicate, current) : TelegramAsync(deliveries, index, text, current));
                }
                finally
                {
                    slots.Release();
                }
            }));
        }

        await Task.WhenAll(running);
        await reconnected;
        var missing = await WaitForTelegramRepliesAsync();
        Mark("end");
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadReport(options, elapsed, weChatMessages, telegramChats.Count, [.. latencies], [.. errors], missing,
            DuplicateTelegramReplies(), ExtraComputations(), mismatches);
    }

    private async Task SwitchPhaseAsync(int i)
    {
        if (redis is null)
        {
            return;
        }

        if (i == options.Messages / 2)
        {
            redis.Stop();
            Mark("redis down");
            Console.WriteLine($"-- Redis stopped at message {i}");
        }
        else if (i == options.Messages * 5 / 8)
        {
            await redis.RestartAsync();
            var restarted = Stopwatch.GetTimestamp();
            Mark("reconnecting");
            Console.WriteLine($"-- Redis started again at message {i}");
            reconnected = Task.Run(async () =>
            {
                await BothReadyAsync();
                Mark("redis back");
                Console.WriteLine($"-- both instances connected again {Stopwatch.GetElapsedTime(restarted).TotalSeconds:0.0} s later (/readyz Healthy)");
            });
        }
    }

    /// <summary>200 WeChat messages first, not counted: the figures are of warm instances.</summary>
    private async Task WarmUpAsync(Deliveries deliveries)
    {
        phase = "warm-up";
        for (var i = 0; i < 200; i += 4)
        {
            await Task.WhenAll(Enumerable.Range(i, 4).Select(j =>
                deliveries.WeChatAsync(j % 2, 4_000_000_000L + j, "oWarm" + j, questions[j % questions.Count])));
        }

        Mark(options.StopRedisHalfway ? "redis up" : "whole run");
    }

    /// <summary>Starts a phase, noting the WeChat computations and messages so far.</summary>
    private void Mark(string next)
    {
        lock (marks)
        {
            marks.Add((phase, instances.WeChatComputations, Volatile.Read(ref weChatMessages)));
            phase = next;
        }
    }

    /// <summary>WeChat replies computed more than once, by phase (from the counts at each phase's start; a
    /// message still running at a switch counts in the next phase).</summary>
    private Dictionary<string, int> ExtraComputations()
    {
        var extra = new Dictionary<string, int>();
        var (computations, messages) = (0, 0);
        foreach (var (name, c, m) in marks)
        {
            extra[name] = extra.GetValueOrDefault(name) + (c - computations) - (m - messages);
            (computations, messages) = (c, m);
        }

        extra.Remove("warm-up");
        return extra;
    }

    /// <summary>Waits (at most 30 s) until both instances report Healthy on /readyz (Degraded while Redis is
    /// away). Messages keep flowing meanwhile.</summary>
    private async Task BothReadyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var states = await Task.WhenAll(instances.Urls.Select(url => http.GetStringAsync(url + "/readyz")));
            if (states.All(s => s == "Healthy"))
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    private async Task WeChatAsync(Deliveries deliveries, int i, string text, bool duplicate, string current)
    {
        Interlocked.Increment(ref weChatMessages);
        var msgId = 5_000_000_000L + i;
        var user = "oLoad" + (i % Math.Max(1, options.Messages / 8));
        var to = i / 2 % 2;
        var sends = duplicate
            ? new[] { deliveries.WeChatAsync(to, msgId, user, text), deliveries.WeChatAsync(1 - to, msgId, user, text) }
            : new[] { deliveries.WeChatAsync(to, msgId, user, text) };
        var results = await Task.WhenAll(sends);
        foreach (var result in results)
        {
            latencies.Add((current, "wechat", result.Latency));
            if (result.Error is { } error)
            {
                errors.Add((current, "wechat: " + error));
            }
        }

        if (results.Length == 2 && results.All(r => r.Reply is not null) && results[0].Reply != results[1].Reply)
        {
            Interlocked.Increment(ref mismatches);
        }

        if (results.All(r => r.Reply is null))
        {
            // As WeChat does: deliver again (to the other instance).
            var retry = await deliveries.WeChatAsync(1 - to, msgId, user, text);
            if (retry.Error is { } error)
            {
                errors.Add((current, "wechat retry: " + error));
            }
        }
    }

    private async Task TelegramAsync(Deliveries deliveries, int i, string text, string current)
    {
        var chat = 10_000_000L + i;
        var to = i / 2 % 2;
        telegramChats[chat] = (Stopwatch.GetTimestamp(), current);
        if (await deliveries.TelegramAsync(to, i + 1, chat, text) is { } error)
        {
            errors.Add((current, "telegram: " + error));
            if (await deliveries.TelegramAsync(1 - to, i + 1, chat, text) is { } again)
            {
                errors.Add((current, "telegram retry: " + again));
            }
        }
    }

    /// <summary>Waits (at most 60 s) until every Telegram chat got its reply; the latency of each is from the
    /// webhook post to the reply reaching the Bot API.</summary>
    private async Task<int> WaitForTelegramRepliesAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (telegramChats.Keys.Any(c => !api.RepliedAt.ContainsKey(c)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        foreach (var (chat, (sent, current)) in telegramChats)
        {
            if (api.RepliedAt.TryGetValue(chat, out var replied))
            {
                latencies.Add((current, "telegram", Stopwatch.GetElapsedTime(sent, replied)));
            }
        }

        return telegramChats.Keys.Count(c => !api.RepliedAt.ContainsKey(c));
    }

    private int DuplicateTelegramReplies() =>
        api.Sent().GroupBy(m => m["chat_id"]!.GetValue<long>()).Sum(g => g.Count() - 1);
}
