using NanshanBot.Answering;
using NanshanBot.Evaluation;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;

namespace NanshanBot.Bench;

/// <summary>
/// Answer latency through the path users get: the service host's engine with its observers (question log,
/// metrics, shared counters, conversations in the shared state), over the dev questions with the bundled
/// knowledge, and over the dev and drop questions with the four drop articles added; beside it the bare
/// engine on the same knowledge, for what the path around retrieval costs. Then what the observers kept: the
/// question log's rows and the messages counted on /metrics, against the questions asked.
/// </summary>
public static class HostPathLatency
{
    public static async Task RunAsync(BenchReport report)
    {
        var dev = EvalCase.ReadAll(Repo.DevQuestions);
        await MeasureAsync(report, "answer, host path (bundled)", null, dev);

        var folder = BenchKnowledge.WithDropArticles();
        try
        {
            var cases = dev.Concat(EvalCase.ReadAll(BenchKnowledge.DropQuestions)).ToList();
            var index = KnowledgeFactory.Load(folder);
            var bare = LatencyProbe.Measure(AnswerLatency.BareEngine(index), cases, Rounds(report), WarmUp);
            LatencyProbe.Report(report, "answer, bare engine (+ drop articles)", bare);
            await MeasureAsync(report, "answer, host path (+ drop articles)", folder, cases);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static int Rounds(BenchReport report) => report.Quick ? 200 : 2000;

    private static async Task MeasureAsync(BenchReport report, string scenario, string? knowledge, List<EvalCase> cases)
    {
        await using var host = await HostUnderTest.StartAsync(knowledge);
        var figures = LatencyProbe.Measure(host.Engine, cases, Rounds(report), WarmUp);
        LatencyProbe.Report(report, scenario, figures);
        report.Add(scenario, "questions asked (warm-up too)", figures.Asked, "");
        report.Add(scenario, "questions in the question log", await host.LoggedQuestionsAsync(), "");
        report.Add(scenario, "messages counted on /metrics", await host.ScrapedAsync("nanshanbot_messages_total"), "");
        if (knowledge is null)
        {
            ObserverCost.Run(report, host.Services, cases, Rounds(report));
        }
    }
}
