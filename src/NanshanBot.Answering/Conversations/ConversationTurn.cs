using NanshanBot.Answering.Grounding;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering.Conversations;

/// <summary>What a later follow-up needs of earlier turns: the tokens the last question was searched with, the
/// facts that answered it, and the last few exchanges (for a model's context; bounded).</summary>
public sealed record ConversationTurn(IReadOnlyList<Token> Tokens, IReadOnlyList<string> FactIds, DateTimeOffset At)
{
    public const int MaxHistory = 3;

    public IReadOnlyList<Exchange> History { get; init; } = [];
}
