using System.Collections.Concurrent;
using NanshanBot.State;

namespace NanshanBot.Channels.WeChat;

/// <summary>
/// One computation per message, however many times and to whichever instance WeChat delivers it. The first
/// delivery of a MsgId (or, for events, FromUserName + CreateTime) claims the message in the shared state for a
/// short while and computes the reply, which then replaces the claim until WeChat's retries are over; a retry
/// finds that reply, or, while the claim is held elsewhere, waits for it (and takes over if the claim lapses).
/// Within one process, concurrent deliveries of a message await the same task.
/// </summary>
public sealed class ReplyCache(ISharedState state, TimeProvider time)
{
    /// <summary>WeChat retries three times within about 15 s; the reply is kept well past that.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>Longer than an answer can take (a model call is cut at Llm:TimeoutSeconds); the claim of an
    /// instance that died while answering lapses, and a retry takes over.</summary>
    private static readonly TimeSpan LockTime = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(25);
    private const string Pending = "pending:";
    private const string Done = "done:";
    private const int Capacity = 50_000;
    private readonly ConcurrentDictionary<string, (Lazy<Task<string>> Reply, DateTimeOffset At)> running = new(StringComparer.Ordinal);
    private int computations;

    /// <summary>Counts computations this process started, for tests and the load generator.</summary>
    public int Computations => computations;

    public Task<string> GetOrStart(string key, Func<Task<string>> compute)
    {
        var now = time.GetUtcNow();
        if (running.Count > Capacity)
        {
            foreach (var old in running.Where(e => now - e.Value.At > Lifetime).Select(e => e.Key).ToList())
            {
                running.TryRemove(old, out _);
            }
        }

        var entry = running.GetOrAdd(key, k => (new Lazy<Task<string>>(() => SharedAsync(k, compute)), now));
        return entry.Reply.Value;
    }

    private async Task<string> SharedAsync(string key, Func<Task<string>> compute)
    {
        // One key per message: "pending:<owner>" while it is computed (a claim that lapses), then "done:<reply>".
        var entry = "reply:" + key;
        var claim = Pending + Guid.NewGuid().ToString("N");
        while (true)
        {
            if (await state.AddAsync(entry, claim, LockTime))
            {
                return await ComputeAsync(key, entry, claim, compute);
            }

            if (await state.GetAsync(entry) is { } value && value.StartsWith(Done, StringComparison.Ordinal))
            {
                return value[Done.Length..];
            }

            // Another instance is computing this reply: wait for it (or for its claim to lapse).
            await Task.Delay(PollEvery, time);
        }
    }

    private async Task<string> ComputeAsync(string key, string entry, string claim, Func<Task<string>> compute)
    {
        Interlocked.Increment(ref computations);
        string reply;
        try
        {
            reply = await compute();
        }
        catch
        {
            // A failed computation is not kept: the next delivery tries again at once.
            running.TryRemove(key, out _);
            await state.RemoveAsync(entry, claim);
            throw;
        }

        await state.SetAsync(entry, Done + reply, Lifetime);
        return reply;
    }
}
