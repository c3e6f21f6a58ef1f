using Microsoft.Extensions.Logging;
using NanshanBot.Answering.Conversations;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering;

/// <summary>What the offline pipeline makes of a question: the answer (introduction, decline or composed), the
/// retrieval behind a composed one, and the context a follow-up will need.</summary>
public sealed record Routed(string Text, Answer Answer, RetrievalResult? Result, ConversationContext? Context);

/// <summary>
/// The offline pipeline: greetings get an introduction, small talk a decline; a follow-up is searched together
/// with the previous turn; what retrieval cannot answer is declined honestly, the rest is composed from facts.
/// </summary>
public sealed partial class QuestionRouter(
    Retriever retriever,
    AnswerComposer composer,
    KnowledgeState knowledge,
    TimeProvider time,
    ILogger<QuestionRouter> logger)
{
    /// <summary>Longer questions are cut to this many characters before analysis.</summary>
    public const int MaxQuestionLength = 500;

    public Answer Introduce(Language language) => composer.Introduce(knowledge.Current.Knowledge, language);

    /// <summary>Routes a question; <paramref name="last"/> is its conversation's previous turn, if any.</summary>
    public Routed Route(KnowledgeIndex index, Question question, ConversationTurn? last = null)
    {
        var text = question.Text.Length > MaxQuestionLength ? question.Text[..MaxQuestionLength] : question.Text;
        var year = time.GetLocalNow().Year;
        var query = index.Parse(text, year);
        if (GreetingDetector.IsGreeting(query.Normalized, index.Knowledge.Bot))
        {
            return new Routed(text, composer.Introduce(index.Knowledge, query.Language), null, null);
        }

        if (index.Knowledge.Lexicon.SmallTalk.Any(phrase => Phrases.Contains(query.Normalized, phrase)))
        {
            return new Routed(text, composer.Decline(index.Knowledge, query.Language), null, null);
        }

        var tokens = query.Tokens;
        var followUp = last is not null && FollowUpDetector.IsFollowUp(query, index.Knowledge.Lexicon);
        var earlier = followUp ? ConversationContext.Of(last!, index, year) : null;
        var result = retriever.Search(index, query, earlier?.Tokens);
        if (result.Verdict != Verdict.Found)
        {
            LogDeclined(logger, result.Verdict, string.Join(",", result.UnknownWords));
            return new Routed(text, composer.Decline(index.Knowledge, query.Language), null, null);
        }

        return new Routed(text, composer.Compose(result, index), result, ConversationContext.Continue(index, text, tokens, earlier));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Declined ({Verdict}); unknown words: {Unknown}")]
    private static partial void LogDeclined(ILogger logger, Verdict verdict, string unknown);
}
