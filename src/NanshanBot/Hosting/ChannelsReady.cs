using Microsoft.Extensions.Diagnostics.HealthChecks;
using NanshanBot.Channels;
using NanshanBot.Retrieval;

namespace NanshanBot.Hosting;

/// <summary>/readyz: the knowledge is loaded (the service listens while it loads) and every transport that is on
/// has started (Telegram: getMe succeeded).</summary>
public sealed class ChannelsReady(KnowledgeState knowledge, IEnumerable<ITransport> transports) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!knowledge.IsLoaded)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The knowledge is still loading."));
        }

        var waiting = transports.Where(t => !t.Started).Select(t => t.Channel).ToList();
        return Task.FromResult(waiting.Count > 0
            ? HealthCheckResult.Unhealthy($"Not started yet: {string.Join(", ", waiting)} (Telegram: getMe has not succeeded).")
            : HealthCheckResult.Healthy("Knowledge loaded; channels started."));
    }
}
