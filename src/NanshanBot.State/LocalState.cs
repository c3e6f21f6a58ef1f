using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;

namespace NanshanBot.State;

/// <summary>
/// Shared state for one process: a dictionary with expiry from the injected clock, bounded in size (expired
/// entries are swept, then the ones closest to expiry go). What one instance needs alone, and what several
/// instances fall back to while Redis is unreachable.
/// </summary>
public sealed class LocalState(TimeProvider time, int capacity = LocalState.DefaultCapacity) : ISharedState
{
    public const int DefaultCapacity = 200_000;

    // Counting a ConcurrentDictionary takes all its locks: check the bound every so many writes only.
    private const int CheckEvery = 256;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long writes;

    public string Where => "memory";

    public int Count => entries.Count;

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Live(key)?.Value switch
        {
            string text => text,
            Counter count => count.Value.ToString(CultureInfo.InvariantCulture),
            _ => null,
        });

    public ValueTask SetAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default) =>
        Put(key, value, expiry);

    public ValueTask<T?> GetAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) where T : class =>
        ValueTask.FromResult(Live(key)?.Value as T);

    public ValueTask SetAsync<T>(string key, T value, JsonTypeInfo<T> type, TimeSpan expiry, CancellationToken cancellationToken = default) where T : class =>
        Put(key, value, expiry);

    private ValueTask Put(string key, object value, TimeSpan expiry)
    {
        entries[key] = new Entry(value, time.GetUtcNow() + expiry);
        Wrote();
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> AddAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var fresh = new Entry(value, now + expiry);
        while (true)
        {
            if (entries.TryAdd(key, fresh))
            {
                Wrote();
                return ValueTask.FromResult(true);
            }

            if (entries.TryGetValue(key, out var existing))
            {
                if (existing.ExpiresAt > now)
                {
                    return ValueTask.FromResult(false);
                }

                // Expired: replace it, unless another caller got there first (then loop and see).
                if (entries.TryUpdate(key, fresh, existing))
                {
                    return ValueTask.FromResult(true);
                }
            }
        }
    }

    public ValueTask RemoveAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        if (entries.TryGetValue(key, out var entry) && entry.Value is string held && held == value)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<long> IncrementAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            // A live counter counts in place: nothing is allocated per increment.
            if (entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now && entry.Value is Counter live)
            {
                return ValueTask.FromResult(live.Increment());
            }

            // Absent, expired or not a counter: a new counter at 1, unless another caller got there first.
            var fresh = new Entry(new Counter(), now + expiry);
            if (entry is null ? entries.TryAdd(key, fresh) : entries.TryUpdate(key, fresh, entry))
            {
                Wrote();
                return ValueTask.FromResult(((Counter)fresh.Value).Increment());
            }
        }
    }

    private Entry? Live(string key)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > time.GetUtcNow())
        {
            return entry;
        }

        entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        return null;
    }

    private void Wrote()
    {
        if (Interlocked.Increment(ref writes) % CheckEvery == 0 && entries.Count > capacity)
        {
            Sweep();
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in entries)
        {
            if (entry.ExpiresAt <= now)
            {
                entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }

        var excess = entries.Count - capacity;
        if (excess > 0)
        {
            foreach (var (key, _) in entries.OrderBy(p => p.Value.ExpiresAt).Take(Math.Max(excess, capacity / 10)).ToList())
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>A string, a <see cref="Counter"/> or a record kept as it is.</summary>
    private sealed record Entry(object Value, DateTimeOffset ExpiresAt);

    /// <summary>A counter's value, incremented where it is kept.</summary>
    private sealed class Counter
    {
        private long value;

        public long Value => Interlocked.Read(ref value);

        public long Increment() => Interlocked.Increment(ref value);
    }
}
