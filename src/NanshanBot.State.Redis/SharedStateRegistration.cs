using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NanshanBot.State.Redis;

public static partial class SharedStateRegistration
{
    /// <summary>Shared state in Redis when <c>Redis:Configuration</c> is set (options validated at start-up, a
    /// health check that reports Degraded while Redis is unreachable), else in this process's memory.</summary>
    public static IServiceCollection AddSharedState(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<ISharedState>();
        services.AddSingleton(sp => new LocalState(sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        if (!RedisOptions.IsOn(configuration))
        {
            services.AddSingleton<ISharedState>(sp => sp.GetRequiredService<LocalState>());
            return services;
        }

        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var client = sp.GetRequiredService<IOptions<RedisOptions>>().Value.Client();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisState));
            LogConnecting(logger, client.ToString(includePassword: false));
            return ConnectionMultiplexer.Connect(client);
        });
        services.AddSingleton(sp => new RedisState(
            sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<RedisOptions>>().Value,
            sp.GetRequiredService<LocalState>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IMeterFactory>(),
            sp.GetRequiredService<ILogger<RedisState>>()));
        services.AddSingleton<ISharedState>(sp => sp.GetRequiredService<RedisState>());
        services.AddHostedService<ConnectAtStart>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shared state in Redis ({Client})")]
    private static partial void LogConnecting(ILogger logger, string client);

    /// <summary>Connects while the host starts (up to the connect timeout), not on the first message that needs
    /// Redis, which would wait for it; an unreachable Redis is logged at once.</summary>
    private sealed class ConnectAtStart(RedisState state) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            state.ReportAtStart();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Degraded (HTTP 200 still: keep sending traffic), not unhealthy, while Redis is away: the instance
    /// still answers from its own memory.</summary>
    private sealed class RedisHealthCheck(RedisState state) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(state.IsConnected
                ? HealthCheckResult.Healthy("state shared in Redis")
                : HealthCheckResult.Degraded("Redis unreachable: answering from this instance's memory"));
    }
}
