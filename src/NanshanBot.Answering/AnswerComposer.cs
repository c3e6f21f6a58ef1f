using System.Text;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Search;

namespace NanshanBot.Answering;

/// <summary>
/// Phrases replies from what retrieval found, without inventing anything: the texts of the facts that answer,
/// in the question's language, then the source line.
/// A reply stays within <see cref="MaxLength"/> characters.
/// </summary>
public sealed class AnswerComposer
{
    private const int MaxSuggestions = 3;

    public static int MaxLength(Language language) => language == Language.English ? 600 : 300;

    public Answer Compose(RetrievalResult result, KnowledgeBase knowledge)
    {
        var language = result.Language;
        var chosen = result.Answers;
        var sources = chosen.Select(c => c.Document.Source).DistinctBy(s => s.Id).ToList();
        var sourceLine = SourceLine(sources, language);
        var body = new StringBuilder();
        foreach (var candidate in chosen)
        {
            var text = Text(candidate, language);
            var room = MaxLength(language) - sourceLine.Length - 1 - body.Length;
            if (body.Length > 0 && text.Length + 1 > room)
            {
                break;
            }

            body.Append(body.Length > 0 && language == Language.English ? " " : "").Append(Fit(text, room));
        }

        return new Answer(body + "\n" + sourceLine, AnswerKind.Answered, language, sources,
            chosen.Select(c => c.Document.Id).ToList(), Related(result, language));
    }

    public Answer Decline(KnowledgeBase knowledge, Language language) =>
        WithExamples(knowledge.Bot.Decline(language), AnswerKind.Declined, knowledge, language);

    public Answer Introduce(KnowledgeBase knowledge, Language language) =>
        WithExamples(knowledge.Bot.Intro(language), AnswerKind.Introduction, knowledge, language);

    /// <summary>Questions of the next facts that matched but were not quoted: what the user may want next.</summary>
    private static List<Suggestion> Related(RetrievalResult result, Language language) =>
        result.Ranked.Except(result.Answers)
            .Select(c => c.Document.Fact)
            .Where(f => f?.Ask(language) is not null)
            .Take(MaxSuggestions)
            .Select(f => Suggestion.ForFact(f!, language))
            .ToList();

    private static string Text(Candidate candidate, Language language)
    {
        var document = candidate.Document;
        var shown = document.LanguageFor(language);
        var text = document.Text(shown);
        return shown == language ? text
            : language == Language.English ? "(From an article in Chinese, not yet translated:) " + text
            : "（摘自一篇英文文章）" + text;
    }

    public static string SourceLine(IReadOnlyList<Source> sources, Language language) => language == Language.English
        ? (sources.Count == 1 ? "Source: " : "Sources: ") + string.Join("; ", sources.Select(s => s.Cite(language)))
        : "来源：" + string.Join("；", sources.Select(s => s.Cite(language)));

    /// <summary>Cuts text that does not fit at the last sentence end that does.</summary>
    public static string Fit(string text, int room)
    {
        if (text.Length <= room)
        {
            return text;
        }

        var cut = text.AsSpan(0, Math.Max(room - 1, 0)).LastIndexOfAny("。！？；.!?;");
        return cut > 0 ? text[..(cut + 1)] : text[..Math.Max(room - 1, 0)] + "…";
    }

    private static Answer WithExamples(string lead, AnswerKind kind, KnowledgeBase knowledge, Language language)
    {
        var examples = knowledge.Bot.Examples(language);
        var bullet = language == Language.English ? "\n- " : "\n· ";
        var text = lead + string.Concat(examples.Select(e => bullet + e));
        var suggestions = examples.Select((_, i) => Suggestion.ForExample(knowledge.Bot, language, i)).ToList();
        return new Answer(text, kind, language, [], [], suggestions);
    }
}
