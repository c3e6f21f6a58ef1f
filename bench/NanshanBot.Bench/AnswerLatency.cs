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
    /// <returns>The answer p50 in microseconds, for the comparison with Lucene.</returns>
    public static double Run(BenchReport report)
    {
        var load = Stopwatch.StartNew();
        var index = new KnowledgeIndex(KnowledgeLoader.Load(Path.Combine(Repo.Root, "knowledge")), LanguageResources.Default);
        report.Add("load", "knowledge + language data", load.Elapsed.TotalMilliseconds, "ms");

        var provider = new ServiceCollection().AddLogging().AddAnswering(index).BuildServiceProvider();
        var engine = provider.GetRequiredService<AnswerEngine>();
        var cases = EvalCase.ReadAll(Repo.DevQuestions);
        var questions = cases.SelectMany(c => c.Turns.Select(t => (c.Id, t))).ToList();
        // Warm up long enough for tiered compilation to reach optimised code before anything is measured.
        var warm = Stopwatch.StartNew();
        for (var round = 0; warm.Elapsed < TimeSpan.FromSeconds(3); round++)
        {
            foreach (var (id, text) in questions)
            {
                engine.AnswerAsync(new Question($"warm{round}-{id}", text)).GetAwaiter().GetResult();
            }
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
        Breakdown(report, index, questions.Select(q => q.Item2).ToList(), report.Quick ? 200 : 2000);
        var router = provider.GetRequiredService<QuestionRouter>();
        var routeTimes = new List<double>();
        for (var round = 0; round < (report.Quick ? 200 : 2000); round++)
        {
            foreach (var (id, text) in questions)
            {
                var start = Stopwatch.GetTimestamp();
                router.Route(index, new Question($"route{round}-{id}", text));
                routeTimes.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        report.Add("answer stages", "route (offline pipeline) p50", BenchReport.Percentile(routeTimes, 0.5), "µs");
        var p50 = BenchReport.Percentile(micros, 0.50);
        report.Add("answer (dev questions)", "p50", p50, "µs");
        report.Add("answer (dev questions)", "p99", BenchReport.Percentile(micros, 0.99), "µs");
        report.Add("answer (dev questions)", "allocated per question", allocated / (double)micros.Count / 1024, "KiB");
        var judged = cases.Count(c => Judge.Verdict(c, Last(engine, c).Text, Last(engine, c).Declined) is null);
        report.Add("answer (dev questions)", "accuracy on dev", 100.0 * judged / cases.Count, "%");
        LuceneBaseline.Run(report, index.Knowledge, cases, p50);
        return p50;
    }

    private static Answer Last(AnswerEngine engine, EvalCase c)
    {
        var conversation = Guid.NewGuid().ToString("N");
        Answer? answer = null;
        foreach (var turn in c.Turns)
        {
            answer = engine.AnswerAsync(new Question(conversation, turn)).GetAwaiter().GetResult();
        }

        return answer!;
    }

    /// <summary>Where a question's time goes: text analysis alone, then retrieval on the analysed question.</summary>
    private static void Breakdown(BenchReport report, KnowledgeIndex index, List<string> questions, int rounds)
    {
        var retriever = new Retriever(new RetrievalOptions());
        var analyse = new List<double>();
        var retrieve = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var text in questions)
            {
                var start = Stopwatch.GetTimestamp();
                var query = index.Parse(text, 2026);
                var parsed = Stopwatch.GetTimestamp();
                retriever.Search(index, query, null);
                analyse.Add(Stopwatch.GetElapsedTime(start, parsed).TotalMicroseconds);
                retrieve.Add(Stopwatch.GetElapsedTime(parsed).TotalMicroseconds);
            }
        }

        report.Add("answer stages", "analyse p50", BenchReport.Percentile(analyse, 0.5), "µs");
        report.Add("answer stages", "retrieve p50", BenchReport.Percentile(retrieve, 0.5), "µs");
    }
}
