namespace NanshanBot.Operations;

public sealed record UnansweredQuestion(string Text, DateTimeOffset At, string Channel);

/// <summary>Declined questions asked in similar words, counted together: what to curate next.</summary>
public sealed record UnansweredGroup(string Example, int Count, DateTimeOffset LastAsked, IReadOnlyList<string> Variants);

/// <summary>
/// Groups questions that ask about the same thing: their content words (the retrieval analyser's tokens, stop
/// words left out, so 南山区的房价多少 and 南山房价是多少 are one group) overlap by at least
/// <see cref="Similarity"/> (Jaccard).
/// </summary>
public static class UnansweredGrouping
{
    private const double Similarity = 0.5;

    public static IEnumerable<UnansweredGroup> Group(IEnumerable<UnansweredQuestion> questions, Func<string, IReadOnlySet<string>> words)
    {
        var clusters = new List<(IReadOnlySet<string> Words, List<UnansweredQuestion> Members)>();
        foreach (var question in questions)
        {
            var key = words(question.Text);
            var home = clusters.FirstOrDefault(c => Jaccard(c.Words, key) >= Similarity);
            if (home.Members is null)
            {
                clusters.Add((key, [question]));
            }
            else
            {
                home.Members.Add(question);
            }
        }

        return clusters
            .Select(c => new UnansweredGroup(
                c.Members.GroupBy(m => m.Text).OrderByDescending(g => g.Count()).First().Key,
                c.Members.Count,
                c.Members.Max(m => m.At),
                c.Members.Select(m => m.Text).Distinct().Take(5).ToList()))
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.LastAsked);
    }

    /// <summary>The content words of a question as the knowledge index reads it.</summary>
    public static Func<string, IReadOnlySet<string>> ContentWords(NanshanBot.Retrieval.Index.KnowledgeIndex index) =>
        text => index.Analyzer.Analyze(text).Where(t => !t.IsStop && !t.IsPiece).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);

    private static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b) =>
        a.Count + b.Count == 0 ? 1 : (double)a.Count(b.Contains) / a.Union(b).Count();
}
