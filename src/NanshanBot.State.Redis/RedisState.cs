using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace NanshanBot.State.Redis;

/// <summary>
/// Shared state in Redis, and this instance's memory while Redis cannot be reached. Every call has a deadline
/// (<see cref="RedisOptions.OperationTimeout"/>); a failed or late call switches to local state for
/// <see cref="RedisOptions.RetryAfter"/> and is logged once per outage, as is the recovery. The client
/// reconnects by itself. Writes Redis accepted are kept locally too, so that during an outage this instance
/// still has its own recent conversations and claims.
/// </summary>
public sealed partial class RedisState : ISharedState
{
    private readonly Counter<long> fallbacks;
    private readonly KeyValuePair<string, object?> prefixTag;
    private readonly IConnectionMultiplexer redis;
    private readonly IDatabase database;
    private readonly LocalState local;
    private readonly RedisOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<RedisState> logger;
    private long retryAfterTicks;
    private int down;

    /// <param name="meters">The host's meter factory: the meter <c>NanshanBot</c> it makes is the one /metrics exports, and
    /// the host disposes it.</param>
    public RedisState(IConnectionMultiplexer redis, RedisOptions options, LocalState local, TimeProvider time, IMeterFactory meters, ILogger<RedisState> logger)
    {
        var meter = meters.Create("NanshanBot");
        this.redis = redis;
        this.options = options;
        this.local = local;
        this.time = time;
        this.logger = logger;
        database = redis.GetDatabase().WithKeyPrefix(options.KeyPrefix);
        prefixTag = new KeyValuePair<string, object?>("key_prefix", options.KeyPrefix);
        redis.ConnectionFailed += (_, e) => MarkDown(e.FailureType + " (" + e.Exception?.Message + ")", holdOff: false);
        // Back: the next call tries Redis at once (and logs the recovery when it succeeds).
        redis.ConnectionRestored += (_, _) => Interlocked.Exchange(ref retryAfterTicks, 0);
        fallbacks = meter.CreateCounter<long>("nanshanbot.shared_state.fallbacks",
            description: "Shared-state calls answered from this instance's memory, by key prefix and reason (disconnected, timeout, error)");
        meter.CreateObservableGauge("nanshanbot.redis.connected",
            () => new Measurement<int>(redis.IsConnected ? 1 : 0, prefixTag),
            description: "1 while the Redis client is connected, by key prefix");
    }

    /// <summary>Logs (once) when the client could not connect while the service started.</summary>
    public void ReportAtStart()
    {
        if (!redis.IsConnected)
        {
            MarkDown("not connected at start", holdOff: false);
        }
    }

    public string Where => IsAvailable ? "redis" : "memory";

    /// <summary>Whether calls go to Redis right now.</summary>
    public bool IsAvailable => Volatile.Read(ref down) == 0 && redis.IsConnected;

    /// <summary>Whether the client is connected (the next call will try Redis even if the last one failed).</summary>
    public bool IsConnected => redis.IsConnected;

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync(
            async db => (string?)await db.StringGetAsync(key),
            async (value, ct) => value ?? await local.GetAsync(key, ct),
            ct => local.GetAsync(key, ct),
            cancellationToken);

    public async ValueTask SetAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        await local.SetAsync(key, value, expiry, cancellationToken);
        await RunAsync(
            db => db.StringSetAsync(key, value, expiry),
            (_, _) => ValueTask.FromResult(true),
            _ => ValueTask.FromResult(true),
            cancellationToken);
    }

    public ValueTask<T?> GetAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) where T : class =>
        RunAsync(
            async db => (string?)await db.StringGetAsync(key),
            async (json, ct) => json is null ? await local.GetAsync(key, type, ct) : Read(json, type),
            ct => local.GetAsync(key, type, ct),
            cancellationToken);

    public async ValueTask SetAsync<T>(string key, T value, JsonTypeInfo<T> type, TimeSpan expiry, CancellationToken cancellationToken = default) where T : class
    {
        await local.SetAsync(key, value, type, expiry, cancellationToken);
        var json = JsonSerializer.Serialize(value, type);
        await RunAsync(
            db => db.StringSetAsync(key, json, expiry),
            (_, _) => ValueTask.FromResult(true),
            _ => ValueTask.FromResult(true),
            cancellationToken);
    }

    public ValueTask<bool> AddAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default) =>
        RunAsync(
            db => db.StringSetAsync(key, value, expiry, When.NotExists),
            async (added, ct) =>
            {
                if (added)
                {
                    await local.SetAsync(key, value, expiry, ct);
                }

                return added;
            },
            ct => local.AddAsync(key, value, expiry, ct),
            cancellationToken);

    public async ValueTask RemoveAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await local.RemoveAsync(key, value, cancellationToken);
        await RunAsync(
            db => db.LockReleaseAsync(key, value),
            (_, _) => ValueTask.FromResult(true),
            _ => ValueTask.FromResult(true),
            cancellationToken);
    }

    public ValueTask<long> IncrementAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default) =>
        RunAsync(
            async db =>
            {
                // One round trip, atomic: a counter never outlives its expiry, even if this process dies.
                var transaction = db.CreateTransaction();
                var count = transaction.StringIncrementAsync(key);
                _ = transaction.KeyExpireAsync(key, expiry, ExpireWhen.HasNoExpiry);
                await transaction.ExecuteAsync();
                return await count;
            },
            (count, _) => ValueTask.FromResult(count),
            ct => local.IncrementAsync(key, expiry, ct),
            cancellationToken);

    private static T? Read<T>(string json, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            // Written by another version of the bot: as if absent.
            return null;
        }
    }

    /// <summary>Runs <paramref name="remote"/> within the deadline and passes its result through
    /// <paramref name="then"/>; runs <paramref name="fallback"/> when Redis is out of use or the call fails.</summary>
    private async ValueTask<T> RunAsync<T, TRemote>(
        Func<IDatabaseAsync, Task<TRemote>> remote,
        Func<TRemote, CancellationToken, ValueTask<T>> then,
        Func<CancellationToken, ValueTask<T>> fallback,
        CancellationToken cancellationToken)
    {
        if (!InUse())
        {
            fallbacks.Add(1, prefixTag, new KeyValuePair<string, object?>("reason", "disconnected"));
            return await fallback(cancellationToken);
        }

        TRemote result;
        try
        {
            result = await remote(database).WaitAsync(options.OperationTimeout, time, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
        {
            MarkDown(e.GetType().Name + ": " + e.Message, holdOff: true);
            fallbacks.Add(1, prefixTag, new KeyValuePair<string, object?>("reason", e is TimeoutException ? "timeout" : "error"));
            return await fallback(cancellationToken);
        }

        if (Interlocked.Exchange(ref down, 0) == 1)
        {
            LogAvailable(logger, options.KeyPrefix);
        }

        return await then(result, cancellationToken);
    }

    private bool InUse()
    {
        if (!redis.IsConnected)
        {
            MarkDown("not connected", holdOff: false);
            return false;
        }

        return Volatile.Read(ref down) == 0 || time.GetUtcNow().UtcTicks >= Interlocked.Read(ref retryAfterTicks);
    }

    /// <summary>Switches to local state (logging once per outage). A failed or late call holds Redis off for
    /// <see cref="RedisOptions.RetryAfter"/> (a slow Redis would slow every message); a lost connection does not:
    /// the client's reconnection is what decides.</summary>
    private void MarkDown(string reason, bool holdOff)
    {
        Interlocked.Exchange(ref retryAfterTicks, holdOff ? (time.GetUtcNow() + options.RetryAfter).UtcTicks : 0);
        if (Interlocked.Exchange(ref down, 1) == 0)
        {
            LogUnavailable(logger, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable ({Reason}): answering from this instance's memory until it is back")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis reachable again: state is shared (prefix {Prefix})")]
    private static partial void LogAvailable(ILogger logger, string prefix);
}
