using System.Diagnostics;
using NanshanBot.Evaluation;

namespace NanshanBot.Bench;

/// <summary>
/// The bundled knowledge, the four drop articles and 1,000, 10,000 (or the sizes of --articles) generated
/// articles about other places, through the path users get. The service as a separate process, started twice
/// on one Data:Path (first start cold, second with whatever the first kept there): start to first answer,
/// resident memory after it and after a few hundred questions, and the time for an added, an edited and a
/// removed article to reach its replies. Then, through the service host's engine in this process, warm
/// p50/p99 over the dev questions and the dev, noise-dev and drop-dev scores with the articles present.
/// </summary>
public static class ScaleScenario
{
    private static readonly TimeSpan Allowed = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(BenchReport report, IReadOnlyList<int>? sizes)
    {
        await InProcessAsync(report, "scale (no generated articles)", BenchKnowledge.WithDropArticles(), "articles-0");
        foreach (var count in sizes ?? (report.Quick ? [1000] : [1000, 10_000]))
        {
            var clock = Stopwatch.StartNew();
            var folder = BenchKnowledge.WithGeneratedArticles(count, withDropArticles: true);
            var scenario = $"scale ({count:N0} articles)";
            var bytes = Directory.EnumerateFiles(Path.Combine(folder, "articles"), "gen-*.md").Sum(f => new FileInfo(f).Length);
            report.Add(scenario, "generated article text", bytes / 1024.0 / 1024.0, "MB");
            await Console.Error.WriteLineAsync($"bench: scale, {count:N0} articles written to {folder} in {clock.Elapsed.TotalSeconds:0.0} s");
            await ServiceAsync(report, scenario, folder);
            await InProcessAsync(report, scenario, folder, $"articles-{count}");
            await Console.Error.WriteLineAsync($"bench: scale, {count:N0} articles done in {clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private static async Task ServiceAsync(BenchReport report, string scenario, string folder)
    {
        var data = Directory.CreateTempSubdirectory("nanshanbot-bench-scale-data-").FullName;
        try
        {
            await using (var first = await ServiceProcess.StartAsync(folder, data, Allowed))
            {
                report.Add(scenario, "ready, first start (cold)", first.FirstAnswerMs, "ms");
                Memory(report, scenario, first, "after ready");
                var cases = ScaleEval.Sets.SelectMany(set => EvalCase.ReadAll(Repo.Shared("eval", set))).ToList();
                var rounds = (int)Math.Ceiling(300.0 / cases.Sum(c => c.Turns.Count));
                for (var round = 0; round < rounds; round++)
                {
                    await first.AskAllAsync(cases);
                }

                Memory(report, scenario, first, $"after {rounds * cases.Sum(c => c.Turns.Count)} questions");
            }

            await using var second = await ServiceProcess.StartAsync(folder, data, Allowed);
            report.Add(scenario, "ready, second start (same Data:Path)", second.FirstAnswerMs, "ms");
            var (added, edited, removed) = await LiveEdits.MeasureAsync(second, folder, Allowed);
            report.Add(scenario, "added article live", added, "ms");
            report.Add(scenario, "edited article live", edited, "ms");
            report.Add(scenario, "removed article gone", removed, "ms");
            Memory(report, scenario, second, "after 3 reloads (2nd start)");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static void Memory(BenchReport report, string scenario, ServiceProcess service, string when)
    {
        report.Add(scenario, $"resident {when}", service.StatusKiB("VmRSS") / 1024, "MB");
        report.Add(scenario, $"peak resident {when}", service.StatusKiB("VmHWM") / 1024, "MB");
    }

    /// <summary>Warm latency over the dev questions and the three sets' scores, through the host's engine;
    /// deletes <paramref name="folder"/>.</summary>
    private static async Task InProcessAsync(BenchReport report, string scenario, string folder, string label)
    {
        try
        {
            await using var host = await HostUnderTest.StartAsync(folder);
            var figures = LatencyProbe.Measure(host.Engine, EvalCase.ReadAll(Repo.DevQuestions), 20, TimeSpan.FromSeconds(2));
            report.Add(scenario, "warm p50 (host engine, dev)", figures.P50 / 1000, "ms");
            report.Add(scenario, "warm p99 (host engine, dev)", figures.P99 / 1000, "ms");
            var (scores, wrongOnDecline) = await ScaleEval.RunAsync(host.Engine, label);
            foreach (var (set, (passed, total)) in scores)
            {
                report.Add(scenario, $"{set} passed", passed, $"of {total}");
            }

            report.Add(scenario, "must-decline cases answered", wrongOnDecline, "");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
