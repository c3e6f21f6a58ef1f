using System.Text.Json.Serialization.Metadata;

namespace NanshanBot.State;

/// <summary>
/// The few operations the bot's shared state needs, each on a string key with an expiry: every entry
/// disappears by itself. Implementations never throw for an unavailable store (they fall back and say so in
/// their logs); a caller's cancellation is honoured.
/// </summary>
public interface ISharedState
{
    /// <summary>"memory" or "redis": where the state lives right now (shown by /stats and health checks).</summary>
    string Where { get; }

    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    ValueTask SetAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default);

    /// <summary>A record read back: in memory the very object set, in Redis its JSON (<paramref name="type"/>);
    /// null when absent or unreadable (written by another version).</summary>
    ValueTask<T?> GetAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) where T : class;

    /// <summary>Keeps an immutable record: in memory as it is (no serialising on the answer path), in Redis as
    /// JSON.</summary>
    ValueTask SetAsync<T>(string key, T value, JsonTypeInfo<T> type, TimeSpan expiry, CancellationToken cancellationToken = default) where T : class;

    /// <summary>Sets the key only when it is absent: true for the one caller that created it (a claim or a lock).</summary>
    ValueTask<bool> AddAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default);

    /// <summary>Removes the key only while it still holds <paramref name="value"/> (releasing one's own lock).</summary>
    ValueTask RemoveAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Adds one to a counter and returns the new count; a counter created by this call expires after
    /// <paramref name="expiry"/>.</summary>
    ValueTask<long> IncrementAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default);
}
