using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Answering;
using NanshanBot.Answering.Conversations;
using NanshanBot.Evaluation;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;

namespace NanshanBot.Bench;

/// <summary>Per-question answer latency over the dev questions, through the same engine every channel uses.</summary>
public static class AnswerLatency
{
    public static Task RunAsync(BenchReport report)
    {
        var load = Stopwatch.StartNew();
        var index = new KnowledgeIndex(KnowledgeLoader.Load(Path.Combine(Repo.Root, "knowledge")), LanguageResources.Default);
        report.Add("load", "knowledge + language data", load.Elapsed.TotalMilliseconds, "ms");

        var engine = new ServiceCollection().AddLogging().AddAnswering(index).BuildServiceProvider().GetRequiredService<AnswerEngine>();
        var cases = EvalCase.ReadAll(Repo.DevQuestions);
        var questions = cases.SelectMany(c => c.Turns.Select(t => (c.Id, t))).ToList();
        foreach (var (id, text) in questions)
        {
            engine.AnswerAsync(new Question("warm-" + id, text)).GetAwaiter().GetResult();
        }

        var rounds = report.Quick ? 200 : 2000;
        var micros = new List<double>(rounds * questions.Count);
        var gcBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (id, text) in questions)
            {
                var start = Stopwatch.GetTimestamp();
                engine.AnswerAsync(new Question($"r{round}-{id}", text)).GetAwaiter().GetResult();
                micros.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - gcBefore;
        report.Add("answer (dev questions)", "p50", BenchReport.Percentile(micros, 0.50), "µs");
        report.Add("answer (dev questions)", "p99", BenchReport.Percentile(micros, 0.99), "µs");
        report.Add("answer (dev questions)", "allocated per question", allocated / (double)micros.Count / 1024, "KiB");
        return Task.CompletedTask;
    }
}
