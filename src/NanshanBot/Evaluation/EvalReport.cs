using System.Globalization;

namespace NanshanBot.Evaluation;

/// <summary>Collects verdicts and latencies of an eval run and prints them as the referee does.</summary>
public sealed class EvalReport
{
    private readonly SortedDictionary<string, (int Passed, int Total)> groups = new(StringComparer.Ordinal);
    private readonly List<string> failures = [];

    public List<double> Latencies { get; } = [];

    public int Passed { get; private set; }

    public int Total { get; private set; }

    public double Percent => 100.0 * Passed / Math.Max(1, Total);

    public void Add(EvalCase c, string? verdict, string reply)
    {
        var group = (c.Expect.Declined == true ? "decline" : "answer") + "-" + c.Lang;
        var (passed, total) = groups.GetValueOrDefault(group);
        groups[group] = (passed + (verdict is null ? 1 : 0), total + 1);
        Total++;
        if (verdict is null)
        {
            Passed++;
            return;
        }

        var shown = reply.Replace("\n", " ");
        failures.Add($"FAIL {c.Id}: {verdict} | {(shown.Length > 120 ? shown[..120] : shown)}");
    }

    public void Print(TextWriter output)
    {
        failures.ForEach(output.WriteLine);
        foreach (var (group, (passed, total)) in groups)
        {
            output.WriteLine($"{group}: {passed}/{total}");
        }

        var sorted = Latencies.Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency per question: p50 {Percentile(sorted, 0.50):0.###} ms, p99 {Percentile(sorted, 0.99):0.###} ms ({sorted.Count} questions)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"eval: {Passed}/{Total} passed ({Percent:0.0}%)"));
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
