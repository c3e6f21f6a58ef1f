using System.Collections.Concurrent;

namespace NanshanBot.Channels.WeChat;

/// <summary>
/// One computation per message, however many times WeChat delivers it: the first delivery of a MsgId (or, for
/// events, FromUserName + CreateTime) starts the answer, and every retry, even one that arrives while the first
/// is still running, awaits that same task and gets the same reply. Entries expire after WeChat's retries.
/// </summary>
public sealed class ReplyCache(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private const int Capacity = 50_000;
    private readonly ConcurrentDictionary<string, (Lazy<Task<string>> Reply, DateTimeOffset At)> entries = new(StringComparer.Ordinal);

    /// <summary>Counts computations started, for tests and metrics.</summary>
    public int Computations => computations;

    private int computations;

    public Task<string> GetOrStart(string key, Func<Task<string>> compute)
    {
        var now = time.GetUtcNow();
        if (entries.Count > Capacity)
        {
            foreach (var old in entries.Where(e => now - e.Value.At > Lifetime).Select(e => e.Key).ToList())
            {
                entries.TryRemove(old, out _);
            }
        }

        var entry = entries.GetOrAdd(key, _ => (new Lazy<Task<string>>(() =>
        {
            Interlocked.Increment(ref computations);
            return compute();
        }), now));
        return entry.Reply.Value;
    }
}
