using NanshanBot.Retrieval.Index;

namespace NanshanBot.Operations;

/// <summary>Declined questions asked in the same words, counted together: what to curate next.</summary>
public sealed record UnansweredGroup(string Example, int Count, DateTimeOffset LastAsked, IReadOnlyList<string> Variants);

/// <summary>
/// The wording key questions are grouped by: their content words as the retrieval analyser reads them (stop
/// words left out, synonyms as their term), sorted, so that 南山区的房价多少 and 南山房价是多少 share one key.
/// </summary>
public static class UnansweredGrouping
{
    public static string Key(KnowledgeIndex index, string text)
    {
        var words = index.Analyzer.Analyze(text).Where(t => !t.IsStop && !t.IsPiece).Select(t => t.Text).Distinct().Order(StringComparer.Ordinal);
        var key = string.Join(' ', words);
        return key.Length > 0 ? key : index.Analyzer.Normalize(text).Trim();
    }
}
