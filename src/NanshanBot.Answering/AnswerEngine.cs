using Microsoft.Extensions.Logging;
using NanshanBot.Knowledge.Model;
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
    TimeProvider time,
    ILogger<AnswerEngine> logger)
{
    /// <summary>Longer questions are cut to this many characters before analysis.</summary>
    public const int MaxQuestionLength = 500;

    private const int MaxContextTokens = 40;

    public Answer Answer(Question question)
    {
        var index = knowledge.Current;
        var text = question.Text.Length > MaxQuestionLength ? question.Text[..MaxQuestionLength] : question.Text;
        var query = index.Parse(text, time.GetLocalNow().Year);
        if (GreetingDetector.IsGreeting(query.Normalized, index.Knowledge.Bot))
        {
            return composer.Introduce(index.Knowledge, query.Language);
        }

        if (index.Knowledge.Lexicon.SmallTalk.Any(phrase => Phrases.Contains(query.Normalized, phrase)))
        {
            return composer.Decline(index.Knowledge, query.Language);
        }

        var tokens = query.Tokens;
        var last = conversations.Last(question.ConversationId);
        var followUp = last is not null && FollowUpDetector.IsFollowUp(query, index.Knowledge.Lexicon);
        var result = retriever.Search(index, query, followUp ? last!.Tokens : null);
        if (result.Verdict != Verdict.Found)
        {
            LogDeclined(logger, result.Verdict, string.Join(",", result.UnknownWords));
            return composer.Decline(index.Knowledge, query.Language);
        }

        var answer = composer.Compose(result, index.Knowledge);
        var context = followUp ? tokens.Concat(last!.Tokens.Where(t => !tokens.Contains(t))) : tokens;
        conversations.Remember(question.ConversationId,
            new ConversationTurn(context.Where(t => !t.IsStop).Take(MaxContextTokens).ToList(), answer.FactIds, default));
        return answer;
    }

    /// <summary>The introduction with example questions (for /start, /help, a WeChat subscribe, a new web chat).</summary>
    public Answer Introduce(Language language) => composer.Introduce(knowledge.Current.Knowledge, language);

    /// <summary>The knowledge answers come from right now (for /about).</summary>
    public KnowledgeBase Knowledge => knowledge.Current.Knowledge;

    /// <summary>The question a suggestion button stands for (see <see cref="Suggestion.Key"/>).</summary>
    public string? Suggested(string key) => Suggestion.Resolve(key, knowledge.Current.Knowledge);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Declined ({Verdict}); unknown words: {Unknown}")]
    private static partial void LogDeclined(ILogger logger, Verdict verdict, string unknown);
}
