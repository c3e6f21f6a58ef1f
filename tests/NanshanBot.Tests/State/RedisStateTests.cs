using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using NanshanBot.State;
using NanshanBot.State.Redis;
using NanshanBot.Tests.Support;
using StackExchange.Redis;

namespace NanshanBot.Tests.State;

/// <summary>The shared-state contract against a real Redis, each test under a key prefix of its own.</summary>
public sealed class RedisStateTests : SharedStateContract
{
    private readonly List<IConnectionMultiplexer> connections = [];

    public override async Task InitializeAsync()
    {
        var options = new RedisOptions { Configuration = await RedisServer.Shared(), KeyPrefix = $"test:{Guid.NewGuid():N}:",
            // The longest allowed: on a busy test machine a shorter deadline would switch a store to local memory.
            OperationTimeout = TimeSpan.FromSeconds(1) };
        First = await ConnectAsync(options);
        Second = await ConnectAsync(options);
    }

    public override async Task DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    protected override Task PassAsync(TimeSpan span) => Task.Delay(span);

    /// <summary>Wide enough for a loaded machine: Redis's expiry runs on real time, not the fake clock.</summary>
    protected override TimeSpan Short => TimeSpan.FromSeconds(2);

    /// <summary>A store as an instance of the bot builds it: its own connection, its own local fallback.</summary>
    internal static async Task<(RedisState State, IConnectionMultiplexer Connection)> OpenAsync(RedisOptions options)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(options.Client());
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var state = new RedisState(connection, options, new LocalState(TimeProvider.System), TimeProvider.System, meters, NullLogger<RedisState>.Instance);
        return (state, connection);
    }

    private async Task<ISharedState> ConnectAsync(RedisOptions options)
    {
        var (state, connection) = await OpenAsync(options);
        connections.Add(connection);
        Assert.Equal("redis", state.Where);
        return state;
    }
}
