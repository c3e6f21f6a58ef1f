using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;

namespace NanshanBot.State;

/// <summary>
/// Shared state for one process: dictionaries with expiry from the injected clock, one per kind of record (the
/// key's first segment: <c>conversation</c>, <c>flood</c>, <c>reply</c>...), each bounded on its own (expired
/// entries are swept, then the ones closest to expiry go). A flood of one kind, say conversation ids, never
/// pushes out another's records, such as flood counters or reply claims. What one instance needs alone, and
/// what several instances fall back to while Redis is unreachable.
/// </summary>
public sealed class LocalState(TimeProvider time, int capacityPerKind = LocalState.DefaultCapacity) : ISharedState
{
    public const int DefaultCapacity = 50_000;

    // Counting a ConcurrentDictionary takes all its locks: check the bound every so many writes only.
    private const int CheckEvery = 256;
    private readonly ConcurrentDictionary<string, Shelf> shelves = new(StringComparer.Ordinal);

    public string Where => "memory";

    /// <summary>Entries of every kind together.</summary>
    public int Count => shelves.Values.Sum(s => s.Entries.Count);

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
        var shelf = ShelfOf(key);
        shelf.Entries[key] = new Entry(value, time.GetUtcNow() + expiry);
        Wrote(shelf);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> AddAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var fresh = new Entry(value, now + expiry);
        var shelf = ShelfOf(key);
        while (true)
        {
            if (shelf.Entries.TryAdd(key, fresh))
            {
                Wrote(shelf);
                return ValueTask.FromResult(true);
            }

            if (shelf.Entries.TryGetValue(key, out var existing))
            {
                if (existing.ExpiresAt > now)
                {
                    return ValueTask.FromResult(false);
                }

                // Expired: replace it, unless another caller got there first (then loop and see).
                if (shelf.Entries.TryUpdate(key, fresh, existing))
                {
                    return ValueTask.FromResult(true);
                }
            }
        }
    }

    public ValueTask RemoveAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        var entries = ShelfOf(key).Entries;
        if (entries.TryGetValue(key, out var entry) && entry.Value is string held && held == value)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<long> IncrementAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var shelf = ShelfOf(key);
        while (true)
        {
            // A live counter counts in place: nothing is allocated per increment.
            if (shelf.Entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now && entry.Value is Counter live)
            {
                return ValueTask.FromResult(live.Increment());
            }

            // Absent, expired or not a counter: a new counter at 1, unless another caller got there first.
            var fresh = new Entry(new Counter(), now + expiry);
            if (entry is null ? shelf.Entries.TryAdd(key, fresh) : shelf.Entries.TryUpdate(key, fresh, entry))
            {
                Wrote(shelf);
                return ValueTask.FromResult(((Counter)fresh.Value).Increment());
            }
        }
    }

    private Entry? Live(string key)
    {
        var entries = ShelfOf(key).Entries;
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

    /// <summary>The dictionary of the key's kind: its text up to the first ':', or "" for a key without one
    /// (looked up without allocating).</summary>
    private Shelf ShelfOf(string key)
    {
        var colon = key.IndexOf(':');
        var kind = colon > 0 ? key.AsSpan(0, colon) : [];
        return shelves.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(kind, out var shelf)
            ? shelf
            : shelves.GetOrAdd(kind.ToString(), static _ => new Shelf());
    }

    private void Wrote(Shelf shelf)
    {
        if (Interlocked.Increment(ref shelf.Writes) % CheckEvery == 0 && shelf.Entries.Count > capacityPerKind)
        {
            Sweep(shelf.Entries);
        }
    }

    private void Sweep(ConcurrentDictionary<string, Entry> entries)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in entries)
        {
            if (entry.ExpiresAt <= now)
            {
                entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }

        var excess = entries.Count - capacityPerKind;
        if (excess > 0)
        {
            foreach (var (key, _) in entries.OrderBy(p => p.Value.ExpiresAt).Take(Math.Max(excess, capacityPerKind / 10)).ToList())
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>The records of one kind and how often they were written (for the bound check).</summary>
    private sealed class Shelf
    {
        public readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);
        public long Writes;
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
