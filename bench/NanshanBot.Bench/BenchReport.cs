using System.Globalization;
using System.Text.Json;

namespace NanshanBot.Bench;

/// <summary>The table the benchmark prints, and the same rows as JSON for tracking over time.</summary>
public sealed class BenchReport(bool quick)
{
    private readonly List<Row> rows = [];

    public bool Quick { get; } = quick;

    public void Add(string scenario, string metric, double value, string unit) => rows.Add(new Row(scenario, metric, value, unit));

    public void Print(TextWriter output)
    {
        output.WriteLine($"NanshanBot benchmark ({(Quick ? "quick" : "full")} run, {Environment.ProcessorCount} cores, .NET {Environment.Version})");
        output.WriteLine($"{"scenario",-34} {"metric",-30} {"value",14} unit");
        foreach (var row in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Scenario,-34} {row.Metric,-30} {row.Value,14:0.###} {row.Unit}"));
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(new { quick = Quick, date = DateTimeOffset.UtcNow, rows }, new JsonSerializerOptions
        {
            WriteIndented = true,

            // A figure that could not be measured (an edit that never went live) is NaN, written as "NaN".
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
    }

    public static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    public sealed record Row(string Scenario, string Metric, double Value, string Unit);
}

public static class Repo
{
    public static string Root { get; } = Find();

    public static string DevQuestions => Shared("eval", "dev.jsonl");

    /// <summary>A path in the shared material: <c>../shared</c> from the repository root, or the folder
    /// <c>NANSHANBOT_SHARED</c> names (as the tests and CI read it).</summary>
    public static string Shared(params string[] parts) =>
        Path.Combine([Environment.GetEnvironmentVariable("NANSHANBOT_SHARED") is { Length: > 0 } set ? set : Path.Combine(Root, "..", "shared"), .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NanshanBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NanshanBot.sln not found");
    }
}
