using NanshanBot.State;

namespace NanshanBot.Operations;

/// <summary>👍/👎 on an answer, wherever it was pressed: one vote per user per answer (the first counts, repeats
/// and changes of mind are ignored), remembered in the shared state as long as the statistics count it, then
/// recorded in the question log and the shared counters.</summary>
public sealed class FeedbackVotes(QuestionLog log, SharedCounters counters, ISharedState state)
{
    private static readonly TimeSpan Remember = TimeSpan.FromDays(SharedCounters.Days + 1);

    /// <summary>True when this vote counted; false when the user had voted on this answer already.</summary>
    public async Task<bool> VoteAsync(string channel, string voter, string answerId, bool helpful, CancellationToken cancellationToken)
    {
        if (!await state.AddAsync($"feedback:{channel}:{answerId}:{voter}", helpful ? "+" : "-", Remember, cancellationToken))
        {
            return false;
        }

        log.Feedback(answerId, helpful);
        counters.Feedback(helpful);
        return true;
    }
}
