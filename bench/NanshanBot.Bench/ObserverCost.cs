using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Answering;
using NanshanBot.Answering.Conversations;
using NanshanBot.Answering.Grounding;
using NanshanBot.Evaluation;

namespace NanshanBot.Bench;

/// <summary>
/// What each part around retrieval costs on the caller's thread, per question: every observer the host
/// registers, and the conversation store's read and write, called alone over the dev answers (the mean time
/// of the fastest batch, and bytes allocated on the calling thread; work an observer hands to another thread,
/// such as the question log's writing, is not in it).
/// </summary>
public static class ObserverCost
{
    public static void Run(BenchReport report, IServiceProvider services, IReadOnlyList<EvalCase> cases, int rounds)
    {
        var engine = services.GetRequiredService<AnswerEngine>();
        var asked = cases.SelectMany(c => c.Turns)
            .Select(t => new Question("cost", t) { Channel = "web" })
            .Select(q => (Question: q, Answer: engine.AnswerAsync(q).GetAwaiter().GetResult()))
            .ToList();
        foreach (var observer in services.GetServices<IAnswerObserver>())
        {
            Time(report, observer.GetType().Name + ".Observe", rounds, asked.Count,
                i => observer.Observe(asked[i].Question, asked[i].Answer, TimeSpan.FromMicroseconds(40)));
        }

        var store = services.GetRequiredService<ConversationStore>();
        var turn = store.LastAsync("cost").AsTask().GetAwaiter().GetResult()
            ?? new ConversationTurn { Version = ConversationTurn.CurrentVersion };
        var ids = Enumerable.Range(0, asked.Count).Select(i => "cost" + i).ToArray();
        Time(report, "ConversationStore.LastAsync", rounds, ids.Length, i => store.LastAsync(ids[i]).AsTask().GetAwaiter().GetResult());
        Time(report, "ConversationStore.RememberAsync", rounds, ids.Length, i => store.RememberAsync(ids[i], turn).AsTask().GetAwaiter().GetResult());
    }

    /// <summary>The fastest of five batches (the least disturbed by other processes), per call.</summary>
    private static void Time(BenchReport report, string part, int rounds, int count, Action<int> call)
    {
        for (var i = 0; i < 1000; i++)
        {
            call(i % count);
        }

        var fastest = double.MaxValue;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var batch = 0; batch < 5; batch++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var round = 0; round < rounds / 5; round++)
            {
                for (var i = 0; i < count; i++)
                {
                    call(i);
                }
            }

            fastest = Math.Min(fastest, Stopwatch.GetElapsedTime(start).TotalNanoseconds);
        }

        var calls = (double)(rounds / 5) * count;
        report.Add("path around retrieval (per call)", part + " (ns)", fastest / calls, "ns");
        report.Add("path around retrieval (per call)", part + " (bytes)", (GC.GetAllocatedBytesForCurrentThread() - allocated) / (5 * calls), "B");
    }
}
