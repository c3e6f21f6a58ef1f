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

/// <summary>
/// Per-question answer latency over the dev questions through a bare engine (AddAnswering alone: no question
/// log, metrics or shared counters), for comparison with the host's path (<see cref="HostPathLatency"/>), with
/// the time per stage and the Lucene baseline.
/// </summary>
public static class AnswerLatency
{
    /// <returns>The bare engine's p50 in microseconds, for the comparison with Lucene.</returns>
    public static double Run(BenchReport report)
    {
        var load = Stopwatch.StartNew();
        var index = KnowledgeFactory.Load(BenchKnowledge.Bundled);
        report.Add("load", "knowledge + language data", load.Elapsed.TotalMilliseconds, "ms");

        var engine = BareEngine(index);
        var cases = EvalCase.ReadAll(Repo.DevQuestions);
        var figures = LatencyProbe.Measure(engine, cases, HostPathLatency.Rounds(report), HostPathLatency.WarmUp);
        var questions = cases.SelectMany(c => c.Turns.Select(t => (c.Id, t))).ToList();
        Breakdown(report, index, questions.Select(q => q.Item2).ToList(), report.Quick ? 200 : 2000);
        var router = new ServiceCollection().AddLogging().AddAnswering(index).BuildServiceProvider().GetRequiredService<QuestionRouter>();
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
        LatencyProbe.Report(report, "answer, bare engine (bundled)", figures);
        var judged = cases.Count(c => Judge.Verdict(c, Last(engine, c).Text, Last(engine, c).Declined) is null);
        report.Add("answer, bare engine (bundled)", "accuracy on dev", 100.0 * judged / cases.Count, "%");
        LuceneBaseline.Run(report, index.Knowledge, cases, figures.P50);
        return figures.P50;
    }

    /// <summary>The engine of AddAnswering alone, with nothing observing it.</summary>
    public static AnswerEngine BareEngine(KnowledgeIndex index) =>
        new ServiceCollection().AddLogging().AddAnswering(index).BuildServiceProvider().GetRequiredService<AnswerEngine>();

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
