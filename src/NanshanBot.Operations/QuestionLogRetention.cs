using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NanshanBot.Operations;

/// <summary>Keeps the question log to <c>Data:RetentionDays</c>: at start and then daily, questions and votes older
/// than that are deleted, so that the log (which anyone can add rows to) cannot grow without end.</summary>
public sealed partial class QuestionLogRetention(string databasePath, QuestionLog log, TimeSpan keep, TimeProvider time, ILogger<QuestionLogRetention> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromDays(1);
    private readonly string connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        try
        {
            do
            {
                await log.FlushAsync(stoppingToken);
                Prune();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Prune()
    {
        try
        {
            using var connection = QuestionDatabase.Open(connectionString);
            using var transaction = connection.BeginTransaction();
            var cutoff = ("$cutoff", (object)QuestionDatabase.Stamp(time.GetUtcNow() - keep));
            var questions = QuestionDatabase.Execute(connection, "DELETE FROM questions WHERE at < $cutoff", cutoff);
            var votes = QuestionDatabase.Execute(connection, "DELETE FROM feedback WHERE at < $cutoff", cutoff);
            transaction.Commit();
            if (questions + votes > 0)
            {
                LogPruned(logger, questions, votes, keep.TotalDays);
            }
        }
        catch (SqliteException e)
        {
            LogPruneFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Question log: {Questions} questions and {Votes} votes older than {Days} days deleted")]
    private static partial void LogPruned(ILogger logger, int questions, int votes, double days);

    [LoggerMessage(Level = LogLevel.Error, Message = "Question log: old rows could not be deleted; trying again tomorrow")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
