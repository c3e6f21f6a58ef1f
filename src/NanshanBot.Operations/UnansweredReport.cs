using System.Globalization;
using Microsoft.Data.Sqlite;
using NanshanBot.Retrieval;

namespace NanshanBot.Operations;

/// <summary>
/// The most frequent declined questions: what /unanswered and <c>kb unanswered</c> show. Questions are grouped
/// in SQL by a wording key (<see cref="UnansweredGrouping.Key"/>), computed once per row and stored with it; one
/// call reads at most the <see cref="MaxRowsRead"/> most recent declined questions of its window, and in chat it
/// runs off the caller's thread with a <see cref="Timeout"/>.
/// </summary>
public sealed class UnansweredReport
{
    public const int MaxRowsRead = 10_000;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private const string Recent = "WITH recent AS (SELECT wording, text, at FROM questions WHERE kind = 'declined' AND at >= $since ORDER BY id DESC LIMIT $cap) ";
    private readonly string connectionString;
    private readonly QuestionLog log;
    private readonly KnowledgeState knowledge;
    private readonly TimeProvider time;

    /// <param name="log">The log that writes the database (it creates the tables; its queue is flushed first).</param>
    public UnansweredReport(string databasePath, QuestionLog log, KnowledgeState knowledge, TimeProvider time)
    {
        (this.log, this.knowledge, this.time) = (log, knowledge, time);
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        QuestionDatabase.AddWordingColumn(connectionString);
    }

    /// <summary>For chat: flushed, counted on a pool thread, given up after <see cref="Timeout"/>.</summary>
    /// <exception cref="TimeoutException">The count took longer than <see cref="Timeout"/>.</exception>
    public async Task<IReadOnlyList<UnansweredGroup>> TopAsync(DateTimeOffset since, int top, CancellationToken cancellationToken)
    {
        await log.FlushAsync(cancellationToken);
        return await Task.Run(() => Top(since, top), cancellationToken).WaitAsync(Timeout, time, cancellationToken);
    }

    public IReadOnlyList<UnansweredGroup> Top(DateTimeOffset since, int top)
    {
        using var connection = QuestionDatabase.Open(connectionString);
        var window = new (string, object)[] { ("$since", QuestionDatabase.Stamp(since)), ("$cap", MaxRowsRead) };
        AddMissingKeys(connection, window);
        var groups = QuestionDatabase.Query(connection,
            Recent + "SELECT wording, COUNT(*) AS n, MAX(at) AS last FROM recent GROUP BY wording ORDER BY n DESC, last DESC LIMIT $top",
            r => (Key: r.GetString(0), Count: r.GetInt32(1), Last: DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture)),
            [.. window, ("$top", top)]);
        return groups.Select(g =>
        {
            var variants = QuestionDatabase.Query(connection,
                Recent + "SELECT text FROM recent WHERE wording = $key GROUP BY text ORDER BY COUNT(*) DESC, MAX(at) DESC LIMIT 5",
                r => UserText.Printable(r.GetString(0)), [.. window, ("$key", g.Key)]);
            return new UnansweredGroup(variants[0], g.Count, g.Last, variants);
        }).ToList();
    }

    /// <summary>Gives the rows of the window that have no wording key yet their key (older rows, or rows written
    /// since the last report), in one transaction.</summary>
    private void AddMissingKeys(SqliteConnection connection, (string, object)[] window)
    {
        var index = knowledge.Current;
        var missing = QuestionDatabase.Query(connection,
            "SELECT id, text FROM questions WHERE kind = 'declined' AND at >= $since AND wording IS NULL ORDER BY id DESC LIMIT $cap",
            r => (Id: r.GetInt64(0), Text: r.GetString(1)), window);
        using var transaction = connection.BeginTransaction();
        foreach (var (id, text) in missing)
        {
            QuestionDatabase.Execute(connection, "UPDATE questions SET wording = $w WHERE id = $id",
                ("$w", UnansweredGrouping.Key(index, text)), ("$id", id));
        }

        transaction.Commit();
    }
}
