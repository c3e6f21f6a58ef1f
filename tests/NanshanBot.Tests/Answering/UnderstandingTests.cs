using NanshanBot.Answering;
using NanshanBot.Evaluation;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Answering;

/// <summary>Our own question set (paraphrases, colloquial and short questions, English, follow-ups, near-miss
/// declines), judged by the shared rules. It guards understanding, not particular strings.</summary>
public sealed class UnderstandingTests
{
    [Fact]
    public void OwnQuestionSetPassesAtLeastNinetyPercent()
    {
        var bot = new Bot();
        var cases = EvalCase.ReadAll(Repository.Data("understanding.jsonl"));
        var failures = new List<string>();
        foreach (var c in cases)
        {
            Answer? answer = null;
            foreach (var turn in c.Turns)
            {
                answer = bot.Ask(turn, c.Id);
            }

            if (Judge.Verdict(c, answer!.Text, answer.Declined) is { } why)
            {
                failures.Add($"{c.Id}: {why}");
            }
        }

        Assert.True(failures.Count <= cases.Count / 10, string.Join("\n", failures));
    }
}
