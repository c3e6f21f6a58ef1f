using System.Diagnostics;
using NanshanBot.Evaluation;

namespace NanshanBot.Bench;

/// <summary>
/// The bundled knowledge, the four drop articles and 1,000, 10,000 (or the sizes of --articles) generated
/// articles about other places, through the path users get. The service as a separate process, started on one
/// Data:Path cold, then three times with what the first start kept there: start to first answer (the median of
/// the three), resident memory after it and after a few hundred questions, and the time for an added, an edited
/// and a removed article to reach its replies; then the program as published (ReadyToRun) started the same way,
/// the three starts from the cache timed. Then, through the service host's engine in this process, warm
/// p50/p99 over the dev questions and the dev, noise-dev and drop-dev scores with the articles present.
/// </summary>
public static class ScaleScenario
{
    private static readonly TimeSpan Allowed = TimeSpan.FromMinutes(5);

    /// <summary>How many starts from the index cache are timed, of which the median is reported.</summary>
    private const int StartsTimed = 3;

    /// <summary>The median, or NaN if any start failed to answer (the failure shown, not hidden among the others).</summary>
    private static double Median(List<double> values) =>
        values.Any(double.IsNaN) ? double.NaN : values.Order().ElementAt(values.Count / 2);

    public static async Task RunAsync(BenchReport report, IReadOnlyList<int>? sizes)
    {
        try
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
        finally
        {
            if (Published.IsValueCreated && Published.Value.IsCompletedSuccessfully)
            {
                Directory.Delete(Published.Value.Result, recursive: true);
            }
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

            // A start from what the first kept, three times (one start is no figure on a machine shared with anything
            // else); the last one serves the edits.
            var starts = new List<double>();
            for (var i = 0; i < StartsTimed - 1; i++)
            {
                await using var again = await ServiceProcess.StartAsync(folder, data, Allowed);
                starts.Add(again.FirstAnswerMs);
            }

            await using var second = await ServiceProcess.StartAsync(folder, data, Allowed);
            starts.Add(second.FirstAnswerMs);
            report.Add(scenario, $"ready, start with the index cache (median of {StartsTimed})", Median(starts), "ms");
            var (added, edited, removed) = await LiveEdits.MeasureAsync(second, folder, Allowed);
            report.Add(scenario, "added article live", added, "ms");
            report.Add(scenario, "edited article live", edited, "ms");
            report.Add(scenario, "removed article gone", removed, "ms");
            Memory(report, scenario, second, "after 3 reloads (start with the cache)");
            // Each reload gives back what the index before it held once it serves the new one (a compacting
            // collection, beside the answers): what the process holds once that is done.
            await Task.Delay(TimeSpan.FromSeconds(3));
            report.Add(scenario, "resident 3 s after the 3rd reload", second.StatusKiB("VmRSS") / 1024, "MB");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }

        await PublishedAsync(report, scenario, folder);
    }

    /// <summary>The service as a server runs it: published (ReadyToRun, see the program's project), started on one
    /// Data:Path cold, then three times from the index cache, which are timed.</summary>
    private static async Task PublishedAsync(BenchReport report, string scenario, string folder)
    {
        var program = await Published.Value;
        var data = Directory.CreateTempSubdirectory("nanshanbot-bench-scale-data-").FullName;
        try
        {
            await using (await ServiceProcess.StartAsync(folder, data, Allowed, program))
            {
            }

            var starts = new List<double>();
            for (var i = 0; i < StartsTimed - 1; i++)
            {
                await using var again = await ServiceProcess.StartAsync(folder, data, Allowed, program);
                starts.Add(again.FirstAnswerMs);
            }

            await using var last = await ServiceProcess.StartAsync(folder, data, Allowed, program);
            starts.Add(last.FirstAnswerMs);
            report.Add(scenario, $"ready, published, start with the index cache (median of {StartsTimed})", Median(starts), "ms");
            Memory(report, scenario, last, "after ready (published, start with the cache)");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The program published once per bench run (`dotnet publish -c Release`, as the README's operators do)
    /// into a temporary folder.</summary>
    private static readonly Lazy<Task<string>> Published = new(async () =>
    {
        var output = Directory.CreateTempSubdirectory("nanshanbot-bench-published-").FullName;
        var publish = new ProcessStartInfo("dotnet", ["publish", Path.Combine(Repo.Root, "src", "NanshanBot"), "-c", "Release", "-o", output, "--nologo"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(publish)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"dotnet publish failed:\n{await stdout}\n{await stderr}");
    });

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
