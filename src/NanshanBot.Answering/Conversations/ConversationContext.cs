using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering.Conversations;

/// <summary>
/// What a follow-up is searched together with: the words of the questions in play (the last question's first,
/// then those of the questions it continued that it does not repeat; no stop words; at most
/// <see cref="MaxTokens"/>), as one index reads them, and the questions themselves. It names the knowledge that
/// read them by its version, not by the index: a conversation kept for an hour must not keep an index a reload
/// replaced (tens of megabytes at ten thousand articles) alive with it.
/// </summary>
public sealed record ConversationContext(IReadOnlyList<string> Questions, IReadOnlyList<Token> Tokens, string KnowledgeVersion)
{
    public const int MaxTokens = 40;

    /// <summary>Follow-ups of follow-ups: the questions a record keeps.</summary>
    public const int MaxQuestions = 8;

    /// <summary>The context after <paramref name="text"/> (read as <paramref name="tokens"/>), continuing
    /// <paramref name="earlier"/> when it is a follow-up.</summary>
    public static ConversationContext Continue(KnowledgeIndex index, string text, IReadOnlyList<Token> tokens, ConversationContext? earlier)
    {
        var words = earlier is null ? tokens : tokens.Concat(earlier.Tokens.Where(t => !tokens.Contains(t)));
        var questions = earlier is null ? [text] : earlier.Questions.Prepend(text).Take(MaxQuestions).ToList();
        return new ConversationContext(questions, words.Where(t => !t.IsStop).Take(MaxTokens).ToList(), index.Knowledge.Version);
    }

    /// <summary>The context of <paramref name="turn"/> as <paramref name="index"/> reads it: the record's own
    /// reading when an index of the same knowledge (which reads questions the same way) wrote it, else its
    /// questions read again, the oldest first, as they were asked.</summary>
    public static ConversationContext Of(ConversationTurn turn, KnowledgeIndex index, int year)
    {
        if (turn.Reading is { } reading && reading.KnowledgeVersion == index.Knowledge.Version)
        {
            return reading;
        }

        ConversationContext? context = null;
        foreach (var question in turn.Questions.Reverse())
        {
            context = Continue(index, question, index.Parse(question, year).Tokens, context);
        }

        return context ?? new ConversationContext([], [], index.Knowledge.Version);
    }
}
