using Microsoft.Extensions.Diagnostics.HealthChecks;
using NanshanBot.Channels.Telegram;

namespace NanshanBot.Hosting;

/// <summary>/readyz: the knowledge is loaded (it is before the host starts) and every configured channel has
/// started (Telegram: getMe succeeded).</summary>
public sealed class ChannelsReady(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var telegram = services.GetService<BotIdentity>();
        return Task.FromResult(telegram is { Known: false }
            ? HealthCheckResult.Unhealthy("The Telegram channel has not started yet (getMe has not succeeded).")
            : HealthCheckResult.Healthy("Knowledge loaded; channels started."));
    }
}
