using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NanshanBot.State.Redis;

/// <summary>Where shared state lives when several instances run as one bot (section <c>Redis</c>).</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis connection string ("redis1:6379,password=..."); unset: state stays in this
    /// process. A password belongs in an environment variable (<c>Redis__Configuration</c>), not in a file.</summary>
    public string? Configuration { get; set; }

    /// <summary>Put before every key, so that several bots (or a test) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "nanshanbot:";

    /// <summary>The longest one Redis call may take before this instance answers from its own memory. A call
    /// that times out sends the next ones to local memory for <see cref="RetryAfter"/>, so a message waits for
    /// at most one timeout: well inside WeChat's 5 seconds.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After a failed call, Redis is left alone for this long (answers use local state meanwhile).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    /// <summary>Whether <paramref name="configuration"/> turns Redis on: what registration decides with.</summary>
    public static bool IsOn(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[Section + ":" + nameof(Configuration)]);

    /// <summary>The client's settings: never abort on a failed connect (keep retrying in the background),
    /// timeouts as short as <see cref="OperationTimeout"/>, reconnect attempts every second.</summary>
    public ConfigurationOptions Client()
    {
        var client = ConfigurationOptions.Parse(Configuration!);
        client.AbortOnConnectFail = false;
        client.ConnectTimeout = Math.Min(client.ConnectTimeout, 2000);
        client.AsyncTimeout = (int)OperationTimeout.TotalMilliseconds;
        client.SyncTimeout = (int)OperationTimeout.TotalMilliseconds;
        // Try to reconnect every second rather than backing off to a minute: an outage ends when Redis is back.
        client.ReconnectRetryPolicy = new LinearRetry(1000);
        return client;
    }
}

public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        try
        {
            if (ConfigurationOptions.Parse(options.Configuration!).EndPoints.Count == 0)
            {
                failures.Add("Redis:Configuration names no server (expected host:port).");
            }
        }
        catch (ArgumentException e)
        {
            failures.Add("Redis:Configuration is not a valid StackExchange.Redis connection string: " + e.Message);
        }

        if (options.OperationTimeout < TimeSpan.FromMilliseconds(10) || options.OperationTimeout > TimeSpan.FromSeconds(1))
        {
            failures.Add("Redis:OperationTimeout must be between 00:00:00.010 and 00:00:01 (a message makes several calls within WeChat's 5 s).");
        }

        if (options.RetryAfter <= TimeSpan.Zero)
        {
            failures.Add("Redis:RetryAfter must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
