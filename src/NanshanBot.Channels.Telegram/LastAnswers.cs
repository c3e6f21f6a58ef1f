using System.Collections.Concurrent;
using NanshanBot.Answering;

namespace NanshanBot.Channels.Telegram;

/// <summary>The last answer of each conversation, for /sources. Bounded: the oldest are forgotten first.</summary>
public sealed class LastAnswers
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, (Answer Answer, long Order)> answers = new(StringComparer.Ordinal);
    private long order;

    public Answer? Get(string conversation) => answers.TryGetValue(conversation, out var entry) ? entry.Answer : null;

    public void Remember(string conversation, Answer answer)
    {
        answers[conversation] = (answer, Interlocked.Increment(ref order));
        if (answers.Count > Capacity)
        {
            foreach (var old in answers.OrderBy(p => p.Value.Order).Take(Capacity / 10).Select(p => p.Key).ToList())
            {
                answers.TryRemove(old, out _);
            }
        }
    }
}
