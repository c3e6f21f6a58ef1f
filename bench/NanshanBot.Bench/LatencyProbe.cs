using System.Diagnostics;
using NanshanBot.Answering;
using NanshanBot.Evaluation;

namespace NanshanBot.Bench;

/// <summary>
/// Times an engine question by question: the cases' turns in order, each case in a fresh conversation per
/// round, after a warm-up long enough for tiered compilation to reach optimised code. Allocation counts every
/// thread (what the path allocates off the caller's thread, the question log's writer, is garbage too).
/// </summary>
public static class LatencyProbe
{
    /// <param name="Asked">Every question asked, the warm-up's included.</param>
    public sealed record Figures(double P50, double P99, double AllocatedKiB, long Asked);

    public static Figures Measure(AnswerEngine engine, IReadOnlyList<EvalCase> cases, int rounds, TimeSpan warmUp)
    {
        var warmRounds = WarmUp(engine, cases, warmUp);

        var micros = new List<double>(rounds * cases.Sum(c => c.Turns.Count));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var round = 0; round < rounds; round++)
        {
            AskAll(engine, cases, $"r{round}-", micros);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return new Figures(BenchReport.Percentile(micros, 0.50), BenchReport.Percentile(micros, 0.99),
            allocated / (double)micros.Count / 1024, micros.Count + (long)warmRounds * micros.Count / rounds);
    }

    /// <summary>Rounds for at least <paramref name="minimum"/>, then until three rounds in a row are no faster
    /// than the fastest yet (tiered compilation is done), within five times the minimum.</summary>
    /// <returns>The rounds asked.</returns>
    private static int WarmUp(AnswerEngine engine, IReadOnlyList<EvalCase> cases, TimeSpan minimum)
    {
        var warm = Stopwatch.StartNew();
        var (rounds, fastest, stale) = (0, TimeSpan.MaxValue, 0);
        while (warm.Elapsed < minimum || (stale < 3 && warm.Elapsed < 5 * minimum))
        {
            var start = Stopwatch.GetTimestamp();
            AskAll(engine, cases, $"warm{rounds++}-", null);
            var elapsed = Stopwatch.GetElapsedTime(start);
            (fastest, stale) = elapsed < fastest * 0.98 ? (elapsed, 0) : (fastest, stale + 1);
        }

        return rounds;
    }

    public static void Report(BenchReport report, string scenario, Figures figures)
    {
        report.Add(scenario, "p50", figures.P50, "µs");
        report.Add(scenario, "p99", figures.P99, "µs");
        report.Add(scenario, "allocated per question", figures.AllocatedKiB, "KiB");
    }

    /// <summary>Every case once, a web user's conversation each; the time of each turn into
    /// <paramref name="micros"/> when given.</summary>
    private static void AskAll(AnswerEngine engine, IReadOnlyList<EvalCase> cases, string prefix, List<double>? micros)
    {
        foreach (var c in cases)
        {
            var conversation = prefix + c.Id;
            foreach (var turn in c.Turns)
            {
                var question = new Question(conversation, turn) { Channel = "web" };
                var start = Stopwatch.GetTimestamp();
                engine.AnswerAsync(question).GetAwaiter().GetResult();
                micros?.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }
    }
}
