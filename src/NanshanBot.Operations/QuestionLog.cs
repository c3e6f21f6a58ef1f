using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NanshanBot.Answering;
using NanshanBot.Answering.Grounding;

namespace NanshanBot.Operations;

/// <summary>
/// Every answered, declined or introduced question (time, channel, text, outcome, latency, facts; never who
/// asked) and every 👍/👎, in a local SQLite file. Writes are queued and batched off the answer path; a full
/// queue drops statistics, never answers. What is queued is also written every <see cref="FlushEvery"/>, where
/// no writer thread runs (the commands) too, so a killed process loses at most that much. The text is logged
/// without control and format characters (<see cref="UserText"/>).
/// </summary>
public sealed partial class QuestionLog : BackgroundService, IAnswerObserver, IFeedbackObserver
{
    private readonly string connectionString;
    private readonly TimeProvider time;
    private readonly ILogger<QuestionLog> logger;
    private readonly Channel<Action<SqliteCommand>> queue =
        Channel.CreateBounded<Action<SqliteCommand>>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);
    private readonly ITimer flushTimer;

    public QuestionLog(string databasePath, TimeProvider time, ILogger<QuestionLog> logger)
    {
        flushTimer = time.CreateTimer(_ => FlushOnTimer(), null, FlushEvery, FlushEvery);
        this.time = time;
        this.logger = logger;
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        using var connection = Open();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS questions (id INTEGER PRIMARY KEY, at TEXT NOT NULL, channel TEXT NOT NULL,
                text TEXT NOT NULL, kind TEXT NOT NULL, latency_ms REAL NOT NULL, facts TEXT NOT NULL, answer_id TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS questions_at ON questions(at);
            CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, at TEXT NOT NULL, answer_id TEXT NOT NULL, helpful INTEGER NOT NULL);
            """);
    }

    public void Observe(Question question, Answer answer, TimeSpan latency)
    {
        if (question.Channel == "eval" || !question.Counted)
        {
            return;
        }

        var at = Stamp(time.GetUtcNow());
        queue.Writer.TryWrite(command => Insert(command,
            "INSERT INTO questions (at, channel, text, kind, latency_ms, facts, answer_id) VALUES ($a, $c, $t, $k, $l, $f, $i)",
            ("$a", at), ("$c", question.Channel), ("$t", UserText.Printable(question.Text)), ("$k", answer.Kind.ToString().ToLowerInvariant()),
            ("$l", latency.TotalMilliseconds), ("$f", string.Join(",", answer.FactIds)), ("$i", answer.Id)));
    }

    public void Voted(string answerId, bool helpful) =>
        queue.Writer.TryWrite(command => Insert(command, "INSERT INTO feedback (at, answer_id, helpful) VALUES ($a, $i, $h)",
            ("$a", Stamp(time.GetUtcNow())), ("$i", answerId), ("$h", helpful ? 1 : 0)));

    /// <summary>Writes what is queued now, after any batch already being written (statistics and `kb unanswered`
    /// read right after).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            WriteQueued();
        }
        finally
        {
            writing.Release();
        }
    }

    private readonly SemaphoreSlim writing = new(1, 1);

    public Statistics Statistics()
    {
        using var connection = Open();
        var midnight = Stamp(new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero));
        var kinds = Query(connection, "SELECT kind, COUNT(*) FROM questions GROUP BY kind", r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(p => p.Item1, p => p.Item2);
        var today = Query(connection, "SELECT COUNT(*) FROM questions WHERE at >= $since", r => r.GetInt64(0), ("$since", midnight)).Single();
        var latencies = Query(connection, "SELECT latency_ms FROM questions ORDER BY id DESC LIMIT 10000", r => r.GetDouble(0)).Order().ToList();
        var feedback = Query(connection, "SELECT helpful, COUNT(*) FROM feedback GROUP BY helpful", r => (r.GetInt64(0), r.GetInt64(1)))
            .ToDictionary(p => p.Item1, p => p.Item2);
        return new Statistics(kinds.Values.Sum(), today, kinds.GetValueOrDefault("answered"), kinds.GetValueOrDefault("declined"),
            Percentile(latencies, 0.5), Percentile(latencies, 0.99), feedback.GetValueOrDefault(1), feedback.GetValueOrDefault(0));
    }

    /// <summary>Writes what is queued unless a write is under way (which takes it too).</summary>
    private void FlushOnTimer()
    {
        try
        {
            if (writing.Wait(0))
            {
                try
                {
                    WriteQueued();
                }
                finally
                {
                    writing.Release();
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            LogTimerFlushFailed(logger, e);
        }
    }

    public override void Dispose()
    {
        flushTimer.Dispose();
        base.Dispose();
    }

    /// <summary>SQLite's calls block (its async methods too, and a commit waits for the disk): the writer gets a
    /// thread of its own rather than holding one of the thread pool's, which answers and Redis replies need.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => WriteUntilStopped(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>How long the writer gathers records before writing them in one transaction. Woken for each
    /// question instead (a thread woken, a connection opened and a commit for nearly every question), it made
    /// the service's answers measurably slower than the bare engine's (the bench's host path rows).</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

    private void WriteUntilStopped(CancellationToken stoppingToken)
    {
        try
        {
            while (queue.Reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
            {
                Task.Delay(BatchWindow, time, stoppingToken).GetAwaiter().GetResult();
                WriteAfterOthers(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        WriteAfterOthers(CancellationToken.None);
    }

    private void WriteAfterOthers(CancellationToken cancellationToken)
    {
        writing.Wait(cancellationToken);
        try
        {
            WriteQueued();
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Writes what is queued now in one transaction, through one command, so that each insert reuses
    /// the statement the one before it prepared (the caller holds <see cref="writing"/>).</summary>
    private void WriteQueued()
    {
        var batch = new List<Action<SqliteCommand>>();
        while (queue.Reader.TryRead(out var write))
        {
            batch.Add(write);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            foreach (var write in batch)
            {
                write(command);
            }

            transaction.Commit();
        }
        catch (SqliteException e)
        {
            LogWriteFailed(logger, batch.Count, e);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs an insert on <paramref name="command"/>, keeping its prepared statement and parameters when
    /// the last insert on it had the same SQL.</summary>
    private static void Insert(SqliteCommand command, string sql, params (string Name, object Value)[] values)
    {
        if (command.CommandText != sql)
        {
            command.CommandText = sql;
            command.Parameters.Clear();
        }

        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value);
            }
        }

        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>yyyy-MM-ddTHH:mm:ss.fffZ (sortable as text), made from the "s" pattern, which is formatted without
    /// parsing a pattern, in about a third of the time of the custom pattern (one stamp per question).</summary>
    private static string Stamp(DateTimeOffset at) => string.Create(24, at.UtcDateTime, static (text, utc) =>
    {
        utc.TryFormat(text, out _, "s", CultureInfo.InvariantCulture);
        text[19] = '.';
        utc.Millisecond.TryFormat(text[20..23], out _, "D3", CultureInfo.InvariantCulture);
        text[23] = 'Z';
    });

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the queued question records on the timer")]
    private static partial void LogTimerFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} question records")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}

public sealed record Statistics(long Total, long Today, long Answered, long Declined, double LatencyP50Ms, double LatencyP99Ms, long Helpful, long NotHelpful);
