using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering.Conversations;

/// <summary>What a later follow-up needs of an earlier turn: the tokens that question was searched with,
/// and the facts that answered it.</summary>
public sealed record ConversationTurn(IReadOnlyList<Token> Tokens, IReadOnlyList<string> FactIds, DateTimeOffset At);
