using System.Collections.Concurrent;
using NanshanBot.State;

namespace NanshanBot.Channels.WeChat;

/// <summary>
/// One computation per message, however many times and to whichever instance WeChat delivers it. The first
/// delivery of a MsgId (or, for events, FromUserName + CreateTime) takes a short lock in the shared state and
/// computes the reply, which it keeps there until WeChat's retries are over; a retry finds that reply, or,
/// while the lock is held elsewhere, waits for it (and takes over if the lock lapses). Within one process,
/// concurrent deliveries of a message await the same task.
/// </summary>
public sealed class ReplyCache(ISharedState state, TimeProvider time)
{
    /// <summary>WeChat retries three times within about 15 s; the reply is kept well past that.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>Longer than an answer can take (the reply deadline is under 5 s); a crashed owner's lock lapses.</summary>
    private static readonly TimeSpan LockTime = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(25);
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
        var replyKey = "reply:" + key;
        var lockKey = "reply-lock:" + key;
        var owner = Guid.NewGuid().ToString("N");
        while (true)
        {
            if (await state.GetAsync(replyKey) is { } done)
            {
                return done;
            }

            if (await state.AddAsync(lockKey, owner, LockTime))
            {
                return await ComputeAsync(key, replyKey, lockKey, owner, compute);
            }

            // Another instance is computing this reply: wait for it (or for its lock to lapse).
            await Task.Delay(PollEvery, time);
        }
    }

    private async Task<string> ComputeAsync(string key, string replyKey, string lockKey, string owner, Func<Task<string>> compute)
    {
        Interlocked.Increment(ref computations);
        try
        {
            var reply = await compute();
            await state.SetAsync(replyKey, reply, Lifetime);
            return reply;
        }
        catch
        {
            // A failed computation is not cached: the next delivery tries again.
            running.TryRemove(key, out _);
            throw;
        }
        finally
        {
            await state.RemoveAsync(lockKey, owner);
        }
    }
}
