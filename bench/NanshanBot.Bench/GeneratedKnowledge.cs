using System.Diagnostics;
using NanshanBot.Answering;
using NanshanBot.Evaluation;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;

namespace NanshanBot.Bench;

/// <summary>
/// Knowledge bases of 1,000 and 10,000 generated articles (<see cref="Generated.GeneratedArticles"/>) beside the bundled
/// knowledge: load and index time, managed memory of the index, and question latency over the dev questions,
/// by retrieval alone and through the service host's engine.
/// </summary>
public static class GeneratedKnowledge
{
    public static async Task RunAsync(BenchReport report)
    {
        foreach (var count in report.Quick ? new[] { 1000 } : [1000, 10_000])
        {
            var folder = BenchKnowledge.WithGeneratedArticles(count, withDropArticles: false);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            var index = KnowledgeFactory.Load(folder);
            var loadMs = clock.Elapsed.TotalMilliseconds;
            var memory = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / 1024.0;
            var retriever = new Retriever(new RetrievalOptions());
            var questions = EvalCase.ReadAll(Repo.DevQuestions).SelectMany(c => c.Turns).Concat(["福田区常住人口有多少？", "What was Bao'an District's GDP?"]).ToList();
            for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(2);)
            {
                questions.ForEach(q => retriever.Search(index, q));
            }

            var micros = new List<double>();
            for (var round = 0; round < 20; round++)
            {
                foreach (var q in questions)
                {
                    var start = Stopwatch.GetTimestamp();
                    retriever.Search(index, q);
                    micros.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
            }

            var scenario = $"generated knowledge ({count:N0} articles, {index.Documents.Count:N0} passages)";
            report.Add(scenario, "load and index", loadMs, "ms");
            report.Add(scenario, "index memory (managed)", memory, "MB");
            report.Add(scenario, "question p50", BenchReport.Percentile(micros, 0.5) / 1000, "ms");
            report.Add(scenario, "question p99", BenchReport.Percentile(micros, 0.99) / 1000, "ms");
            GC.KeepAlive(index);
            await HostPathAsync(report, scenario, folder, questions);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task HostPathAsync(BenchReport report, string scenario, string folder, List<string> questions)
    {
        await using var host = await HostUnderTest.StartAsync(folder);
        var cases = questions.Select((q, i) => new EvalCase($"g{i}", "zh", [q], new Expectation(null, null, null))).ToList();
        var figures = LatencyProbe.Measure(host.Engine, cases, 20, TimeSpan.FromSeconds(2));
        report.Add(scenario, "host path p50", figures.P50 / 1000, "ms");
        report.Add(scenario, "host path p99", figures.P99 / 1000, "ms");
    }
}
