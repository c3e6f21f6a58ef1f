using System.Text.RegularExpressions;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering.Grounding;

/// <summary>
/// Turns a model's text into an answer only if it is grounded: it cites at least one of the facts it was given
/// (ids it was not given are dropped), every number, share, year and date it states appears in a cited fact,
/// and an English question is answered in English. The citations become the source line. Anything else is
/// rejected (null), and the offline answer stands.
/// </summary>
public static partial class GroundedAnswerChecker
{
    public static (Answer? Answer, string? Rejection) Check(GroundedRequest request, string text, KnowledgeIndex index)
    {
        var cited = Citations().Matches(text)
            .SelectMany(m => m.Groups[1].Value.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Select(id => request.Facts.FirstOrDefault(f => f.Id.Equals(id.Trim(), StringComparison.OrdinalIgnoreCase)))
            .OfType<GroundedFact>()
            .Distinct()
            .ToList();
        var body = Citations().Replace(text, "").Trim();
        if (body.Length == 0)
        {
            return (null, "empty reply");
        }

        if (cited.Count == 0)
        {
            return (null, "the reply cites none of the facts it was given");
        }

        var stated = Values(index.Analyzer.Analyze(body));
        var grounded = Values(cited.SelectMany(f => index.Analyzer.Analyze(f.Text + "\n" + f.OtherLanguageText)));
        var invented = stated.Except(grounded).ToList();
        if (invented.Count > 0)
        {
            return (null, "the reply states values no cited fact has: " + string.Join(", ", invented));
        }

        if (request.Language == Language.English && body.Count(LanguageDetector.IsHan) * 5 > body.Length)
        {
            return (null, "an English question answered in Chinese");
        }

        var sources = cited.Select(f => f.Source).DistinctBy(s => s.Id).ToList();
        var sourceLine = AnswerComposer.SourceLine(sources, request.Language);
        var room = AnswerComposer.MaxLength(request.Language) - sourceLine.Length - 1;
        var answer = new Answer(AnswerComposer.Fit(body, room) + "\n" + sourceLine, AnswerKind.Answered, request.Language,
            sources, cited.Select(f => f.DocumentId).ToList(), request.Offline.Suggestions);
        return (answer, null);
    }

    /// <summary>Removes citation markers from streamed text shown before the final answer.</summary>
    public static string Clean(string text) => Citations().Replace(text, "");

    private static HashSet<string> Values(IEnumerable<Token> tokens) =>
        tokens.Where(t => t.Kind is TokenKind.Number or TokenKind.Percent or TokenKind.Year or TokenKind.Date)
            .Select(t => t.Text)
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"[\[【]\s*((?:F\d+\s*[,，]?\s*)+)[\]】]", RegexOptions.IgnoreCase)]
    private static partial Regex Citations();
}
