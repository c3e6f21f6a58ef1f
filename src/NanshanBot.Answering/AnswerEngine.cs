using Microsoft.Extensions.Logging;
using NanshanBot.Answering.Conversations;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Search;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering;

/// <summary>
/// The one pipeline every channel uses: a question (and its conversation) in, an answer out. Greetings get an
/// introduction; a follow-up is searched together with the previous turn; what retrieval cannot answer is
/// declined honestly.
/// </summary>
public sealed partial class AnswerEngine(
    KnowledgeState knowledge,
    Retriever retriever,
    AnswerComposer composer,
    ConversationStore conversations,
    ILogger<AnswerEngine> logger)
{
    /// <summary>Longer questions are cut to this many characters before analysis.</summary>
    public const int MaxQuestionLength = 500;

    private const int MaxContextTokens = 40;

    public Answer Answer(Question question)
    {
        var index = knowledge.Current;
        var text = question.Text.Length > MaxQuestionLength ? question.Text[..MaxQuestionLength] : question.Text;
        var language = LanguageDetector.Detect(text);
        var normalized = index.Analyzer.Normalize(text);
        if (GreetingDetector.IsGreeting(normalized, index.Knowledge.Bot))
        {
            return composer.Introduce(index.Knowledge, language);
        }

        var tokens = index.Analyzer.Analyze(text);
        var last = conversations.Last(question.ConversationId);
        var followUp = last is not null && FollowUpDetector.IsFollowUp(normalized, tokens, index.Knowledge.Lexicon);
        var result = retriever.Search(index, tokens, language, followUp ? last!.Tokens : null);
        if (result.Verdict != Verdict.Found)
        {
            LogDeclined(logger, result.Verdict, string.Join(",", result.UnknownWords));
            return composer.Decline(index.Knowledge, language);
        }

        var answer = composer.Compose(result, index.Knowledge);
        var context = followUp ? tokens.Concat(last!.Tokens.Where(t => !tokens.Contains(t))) : tokens;
        conversations.Remember(question.ConversationId,
            new ConversationTurn(context.Where(t => !t.IsStop).Take(MaxContextTokens).ToList(), answer.FactIds, default));
        return answer;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Declined ({Verdict}); unknown words: {Unknown}")]
    private static partial void LogDeclined(ILogger logger, Verdict verdict, string unknown);
}
