using System.Text;
using NanshanBot.Answering.Phrasing;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;
using NanshanBot.Retrieval.Values;

namespace NanshanBot.Answering;

/// <summary>
/// Phrases replies from what retrieval found, without inventing anything: the facts or article sentences that
/// answer, in the question's language, then the source line. A sentence in the other language becomes a short
/// reply from the question's own words and the value the sentence gives; a sentence that says 去年 says which
/// year that is; an older source with another figure is named in one line. A reply stays within
/// <see cref="MaxLength"/> characters.
/// </summary>
public sealed class AnswerComposer
{
    private const int MaxSuggestions = 3;

    public static int MaxLength(Language language) => language == Language.English ? 600 : 300;

    public Answer Compose(RetrievalResult result, KnowledgeIndex index)
    {
        var language = result.Language;
        var chosen = result.Answers;
        var sources = chosen.Select(c => c.Document.Source).DistinctBy(s => s.Id).ToList();
        var sourceLine = SourceLine(sources, language);
        var quotes = new List<Quote>();
        var body = new StringBuilder();
        foreach (var candidate in chosen)
        {
            var text = Text(candidate, result, index, quotes);
            var room = MaxLength(language) - sourceLine.Length - 1 - body.Length;
            if (body.Length > 0 && text.Length + 1 > room)
            {
                break;
            }

            body.Append(body.Length > 0 && language == Language.English ? " " : "").Append(Fit(text, room));
        }

        if (OlderFigure(result, index) is { } older && body.Length + older.Length + 1 + sourceLine.Length < MaxLength(language))
        {
            body.Append('\n').Append(older);
        }

        return new Answer(body + "\n" + sourceLine, AnswerKind.Answered, language, sources,
            chosen.Select(c => c.Document.Id).ToList(), Related(result, language)) { Quotes = quotes };
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

    private static string Text(Candidate candidate, RetrievalResult result, KnowledgeIndex index, List<Quote> quotes)
    {
        var language = result.Language;
        var document = candidate.Document;
        var shown = document.LanguageFor(language);
        var text = document.Text(shown);
        if (document.IsPassage)
        {
            quotes.Add(new Quote(document.Source.Id, text));
        }

        if (shown == language)
        {
            return text + RelativeYears.Note(document, text, language);
        }

        var value = ValueFinder.Find(index, candidate, result.ExpectedKinds, shown, result.Query?.Normalized ?? "");
        if (value is null || result.Query is not { } query)
        {
            return (language == Language.English ? "(From an article in Chinese, not yet translated:) " : "（摘自一篇英文文章）") + text;
        }

        var rendered = ValueRenderer.Render(value, language, index.Knowledge, index.Pinyin);
        var reply = QuestionPhrase.Reply(query.Text, rendered, language, index.Knowledge.Lexicon);
        return language == Language.English ? reply + " (from an article in Chinese)" : reply + "（据英文资料）";
    }

    /// <summary>"An older source gave …": the figure an older source gives for the same question, when it differs.</summary>
    private static string? OlderFigure(RetrievalResult result, KnowledgeIndex index)
    {
        if (result.Older is not { } older || result.Best is not { } best || !result.ExpectedKinds.Overlaps("np"))
        {
            return null;
        }

        var language = result.Language;
        var question = result.Query?.Normalized ?? "";
        var now = ValueFinder.Find(index, best, result.ExpectedKinds, best.Document.LanguageFor(language), question);
        var then = ValueFinder.Find(index, older, result.ExpectedKinds, older.Document.LanguageFor(language), question);
        if (now is null || then is null || now.SameAs(then))
        {
            return null;
        }

        var figure = ValueRenderer.Render(then, language, index.Knowledge, index.Pinyin);
        var cite = older.Document.Source.Cite(language);
        return language == Language.English ? $"An older source ({cite}) gave {figure}." : $"较早的资料（{cite}）为{figure}。";
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
