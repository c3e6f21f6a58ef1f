using NanshanBot.Answering.Grounding;
using NanshanBot.Operations;
using NanshanBot.State;

namespace NanshanBot.Channels;

/// <summary>👍/👎 on an answer, wherever it was pressed: one vote per user per answer (the first counts, repeats
/// and changes of mind are ignored), remembered in the shared state as long as the statistics count it; a vote
/// that counts is told to every <see cref="IFeedbackObserver"/>.</summary>
public sealed class FeedbackVotes(ISharedState state, IEnumerable<IFeedbackObserver> observers)
{
    private static readonly TimeSpan Remember = TimeSpan.FromDays(SharedCounters.Days + 1);

    private readonly IFeedbackObserver[] observers = [.. observers];

    /// <summary>True when this vote counted; false when the user had voted on this answer already.</summary>
    public async Task<bool> VoteAsync(string channel, string voter, string answerId, bool helpful, CancellationToken cancellationToken)
    {
        if (!await state.AddAsync($"feedback:{channel}:{answerId}:{voter}", helpful ? "+" : "-", Remember, cancellationToken))
        {
            return false;
        }

        foreach (var observer in observers)
        {
            observer.Voted(answerId, helpful);
        }

        return true;
    }
}
