using System.Collections.Concurrent;

namespace NanshanBot.Channels;

public enum FloodVerdict
{
    /// <summary>Within the limit: answer.</summary>
    Allow,

    /// <summary>Just went over the limit: tell the user once, answer nothing.</summary>
    Notify,

    /// <summary>Still over the limit and already told: ignore.</summary>
    Ignore,
}

/// <summary>
/// Limits how many messages one user may send per minute (a sliding window, time from the injected clock).
/// The first message over the limit gets one notice; the rest of the flood is ignored until the window clears.
/// </summary>
public sealed class FloodGuard(TimeProvider time, int perMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int MaxTrackedUsers = 100_000;
    private readonly ConcurrentDictionary<string, UserWindow> users = new(StringComparer.Ordinal);

    public FloodVerdict Check(string userKey)
    {
        var now = time.GetUtcNow();
        if (users.Count > MaxTrackedUsers)
        {
            Forget(now);
        }

        var window = users.GetOrAdd(userKey, _ => new UserWindow());
        lock (window)
        {
            while (window.Times.Count > 0 && now - window.Times.Peek() >= Window)
            {
                window.Times.Dequeue();
            }

            if (window.Times.Count < perMinute)
            {
                window.Times.Enqueue(now);
                window.Notified = false;
                return FloodVerdict.Allow;
            }

            if (window.Notified)
            {
                return FloodVerdict.Ignore;
            }

            window.Notified = true;
            return FloodVerdict.Notify;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, window) in users)
        {
            lock (window)
            {
                if (window.Times.Count == 0 || now - window.Times.Last() >= Window)
                {
                    users.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class UserWindow
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public bool Notified { get; set; }
    }
}
