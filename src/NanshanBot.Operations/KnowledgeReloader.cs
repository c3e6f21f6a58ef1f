using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Answering;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;

namespace NanshanBot.Operations;

/// <summary>Tells admins what they need to know (a broken knowledge edit) on the channels that can push messages.</summary>
public interface IAdminNotifier
{
    Task NotifyAsync(string message, CancellationToken cancellationToken);
}

/// <summary>What knowledge is serving and since when, for /stats and /version.</summary>
public sealed record KnowledgeStatus(string Path, string Version, DateTimeOffset LoadedAt, TimeSpan LoadTime, string? LastError);

/// <summary>
/// Loads the knowledge folder again and, if it is valid, swaps the new index in whole (questions in flight keep
/// the index they started with). Only the articles that changed are read and analysed again; the rest keep what
/// the serving index holds. An invalid folder changes nothing but the logs and a message to the admins, naming
/// file, line and problem.
/// </summary>
public sealed partial class KnowledgeReloader(
    KnowledgeState state,
    KnowledgeFactory factory,
    BotMetrics metrics,
    IEnumerable<IAdminNotifier> notifiers,
    TimeProvider time,
    ILogger<KnowledgeReloader> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly DateTimeOffset createdAt = time.GetUtcNow();
    private KnowledgeStatus? status;

    /// <summary>Made when first asked for (the first knowledge may still be loading when the service starts).</summary>
    public KnowledgeStatus Status
    {
        get => status ??= new(factory.Path, state.Current.Knowledge.Version, createdAt, TimeSpan.Zero, null);
        private set => status = value;
    }

    /// <summary>Reloads now; returns whether the new knowledge is serving, and a report for admins.</summary>
    public async Task<(bool Ok, string Report)> ReloadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var (index, errors) = LoadAfter();
            if (index is null)
            {
                var report = new KnowledgeValidationException(errors).Message + Environment.NewLine + "The previous knowledge keeps serving.";
                Status = Status with { LastError = report };
                metrics.Reloaded(false);
                LogInvalid(logger, report);
                foreach (var notifier in notifiers)
                {
                    await notifier.NotifyAsync(report, cancellationToken);
                }

                return (false, report);
            }

            state.Replace(index);
            var knowledge = index.Knowledge;
            Status = new KnowledgeStatus(factory.Path, knowledge.Version, time.GetUtcNow(), Stopwatch.GetElapsedTime(started), null);
            metrics.Reloaded(true);
            LogReloaded(logger, knowledge.Version, knowledge.Facts.Count, index.Added, index.ReusedDocuments, Status.LoadTime.TotalMilliseconds);

            // Serving already: what a mistyped question needs is built now rather than by the first one to need it,
            // and the index replaced (its postings, the documents of the articles that changed) is given back.
            KnowledgeFactory.PrepareAndCompact(index);
            return (true, $"Knowledge reloaded: version {knowledge.Version}, {knowledge.Facts.Count} facts, {knowledge.Passages.Count} passages ({index.Added} analysed, {index.ReusedDocuments} kept), in {Status.LoadTime.TotalMilliseconds:0} ms.");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The next index, from the serving one. In a method of its own, so that the serving index is not held
    /// by this method's frame: a reload runs too seldom for its code to be optimised, and unoptimised code keeps
    /// what it read alive to its end, which would keep the replaced index (tens of megabytes at ten thousand
    /// articles) through the compaction that is to give it back.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (KnowledgeIndex? Index, IReadOnlyList<KnowledgeError> Errors) LoadAfter() => factory.TryLoad(state.Current);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge reloaded: version {Version}, {Facts} facts, {Analysed} documents analysed, {Kept} kept, in {Ms:0} ms")]
    private static partial void LogReloaded(ILogger logger, string version, int facts, int analysed, int kept, double ms);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge edit rejected: {Report}")]
    private static partial void LogInvalid(ILogger logger, string report);
}
