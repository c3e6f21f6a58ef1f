using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NanshanBot.State;

namespace NanshanBot.Answering.Llm;

/// <summary>
/// At most <see cref="LlmOptions.MaxCallsPerMinute"/> model calls per clock minute, counted in the shared state so
/// that several instances share one budget; past it questions get the offline answer until the minute is over. A
/// crowd (or a script) can then not run up the model bill, nor wait on a model that is being throttled anyway.
/// </summary>
public sealed partial class ModelCallBudget(ISharedState state, TimeProvider time, IOptions<LlmOptions> options, ILogger<ModelCallBudget> logger)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(2);

    public async ValueTask<bool> TryTakeAsync(CancellationToken cancellationToken)
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var max = options.Value.MaxCallsPerMinute;
        var calls = await state.IncrementAsync("llm-calls:" + minute.ToString(CultureInfo.InvariantCulture), Keep, cancellationToken);
        if (calls == max + 1)
        {
            LogBudgetSpent(logger, max);
        }

        return calls <= max;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Llm:MaxCallsPerMinute ({Max}) reached: offline answers until the minute is over")]
    private static partial void LogBudgetSpent(ILogger logger, int max);
}
