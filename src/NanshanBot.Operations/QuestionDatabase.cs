using System.Globalization;
using Microsoft.Data.Sqlite;

namespace NanshanBot.Operations;

/// <summary>The SQL helpers the readers of <c>questions.db</c> share (the report, the retention).</summary>
internal static class QuestionDatabase
{
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The wording key column and its index, added to a database written before they existed.</summary>
    public static void AddWordingColumn(string connectionString)
    {
        using var connection = Open(connectionString);
        if (!Query(connection, "SELECT name FROM pragma_table_info('questions')", r => r.GetString(0)).Contains("wording"))
        {
            try
            {
                Execute(connection, "ALTER TABLE questions ADD COLUMN wording TEXT");
            }
            catch (SqliteException) when (Query(connection, "SELECT name FROM pragma_table_info('questions')", r => r.GetString(0)).Contains("wording"))
            {
                // Another process (a `kb unanswered` beside the service) added it meanwhile.
            }
        }

        Execute(connection, "CREATE INDEX IF NOT EXISTS questions_declined ON questions(kind, wording)");
    }

    public static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] values)
    {
        using var command = Command(connection, sql, values);
        return command.ExecuteNonQuery();
    }

    public static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] values)
    {
        using var command = Command(connection, sql, values);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Times as the log stores them (sortable text).</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
