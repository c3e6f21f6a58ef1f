using NanshanBot.Answering.Grounding;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Curation.Drafting;

/// <summary>One drafted <c>[fact]</c>: the statement it comes from and each field as it will be written
/// (<see cref="KnowledgeFiles.TodoMarker"/> where a person must write it), with the model's lines that were left
/// out and why.</summary>
public sealed record DraftFact(string Id, Statement Statement, string Source, string About, string Zh, string En)
{
    public string? AskZh { get; init; }

    public string? AskEn { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public IReadOnlyList<string> LeftOut { get; init; } = [];

    public int Todos => new[] { About, Zh, En }.Count(v => v.StartsWith(KnowledgeFiles.TodoMarker, StringComparison.Ordinal));
}

/// <summary>
/// Builds the draft's facts from the statements and what the model wrote, keeping a model's line only if it
/// passes the check answers pass (<see cref="GroundingRules"/>: its numbers, shares, years, dates, terms and
/// names are all in the article's sentence, and it does not repeat instructions) and is in the language of its
/// field. A line that fails is left out and listed; its field says TODO again.
/// </summary>
internal static class DraftAssembler
{
    public static DraftFact Build(string id, Statement statement, Source source, Language language, ModelLines? lines, KnowledgeIndex index)
    {
        var leftOut = new List<string>();
        string? Keep(string field, string? line, bool chinese) =>
            line is null ? null : Check(line, chinese, statement, source, index) is { } problem ? Drop(leftOut, field, line, problem) : line;

        var chineseArticle = language == Language.Chinese;
        var other = Keep(chineseArticle ? "en" : "zh", lines?.Text, !chineseArticle)
            ?? $"{KnowledgeFiles.TodoMarker}: the same in {(chineseArticle ? "English" : "Chinese")}";
        var about = statement.About.Count > 0 ? string.Join(", ", statement.About) : $"{KnowledgeFiles.TodoMarker}: term ids from terms.kb";
        return new DraftFact(id, statement, source.Id, about, chineseArticle ? statement.Text : other, chineseArticle ? other : statement.Text)
        {
            AskZh = Keep("ask_zh", lines?.AskZh, chinese: true),
            AskEn = Keep("ask_en", lines?.AskEn, chinese: false),
            Keywords = (lines?.Keywords ?? []).Select(k => k.Replace(",", " ").Replace("，", " ").Replace("、", " ").Trim())
                .Where(k => k.Length > 0).Select(k => Keep("keywords", k, LanguageDetector.IsHan(k[0]))).OfType<string>().Distinct().ToList(),
            LeftOut = leftOut,
        };
    }

    private static string? Drop(List<string> leftOut, string field, string line, string problem)
    {
        leftOut.Add($"{field}: \"{line}\" ({Readable(problem)})");
        return null;
    }

    /// <summary>The check's words for an answer, said of a drafted line, with values as written (999, not
    /// the analyser's #n:999).</summary>
    private static string Readable(string problem)
    {
        var text = problem.Replace("the reply ", "it ", StringComparison.Ordinal);
        foreach (var marker in new[] { "#n:", "#y:", "#p:", "#dd:", "#d:", "#o:" })
        {
            text = text.Replace(marker, "", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Null when the line may stand in the draft; else why not.</summary>
    private static string? Check(string line, bool chinese, Statement statement, Source source, KnowledgeIndex index)
    {
        var han = line.Count(LanguageDetector.IsHan);
        if (chinese ? han == 0 : han * 5 > line.Length)
        {
            return chinese ? "it is not in Chinese" : "it is not in English";
        }

        if (GroundingRules.Leaks(line))
        {
            return "it repeats the instructions";
        }

        return GroundingRules.Check(line, [new GroundedFact("F1", statement.Place, statement.Text, "", source)], index);
    }
}
