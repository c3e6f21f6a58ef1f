namespace NanshanBot.Retrieval.Search;

/// <summary>
/// Picks the facts that answer a question: the best-ranked one when it covers enough of the question; more
/// (up to <see cref="MaxFacts"/>) when each covers a part the others do not, as in "人均GDP和单位面积GDP分别是多少"
/// or "五层蛋糕是哪五层". A combination must together cover more than a single fact would have to. A question that
/// names no time is about now: among documents that answer it about as well, the newest source comes first.
/// </summary>
internal static class AnswerSelection
{
    public const int MaxFacts = 3;

    /// <summary>The least a fact must cover to take part in a combination.</summary>
    private const double PartCoverage = 0.25;

    /// <summary>How much more a combination must cover than one fact alone.</summary>
    private const double CombinationMargin = 0.15;

    /// <summary>Facts ranked below this share of the best one's rank are not considered.</summary>
    private const double RankFloor = 0.3;

    /// <summary>How close to the best a newer document must come, in coverage and rank, to be preferred for being newer.</summary>
    private const double NewerCoverageSlack = 0.05;
    private const double NewerRankShare = 0.6;

    /// <summary>How close an older source must come to the answer to count as answering the same question.</summary>
    private const double OlderCoverageSlack = 0.1;

    /// <param name="several">Whether the question asks for several things, so that documents may combine.</param>
    public static List<Candidate> Choose(List<Candidate> ranked, ContentWeights content, double minCoverage, bool namesTime, bool several)
    {
        if (ranked.Count == 0)
        {
            return [];
        }

        var best = namesTime ? ranked[0] : Newest(ranked, minCoverage);
        var chosen = new List<Candidate> { best };
        var covered = new Dictionary<string, double>(StringComparer.Ordinal);
        Merge(covered, best);
        foreach (var candidate in ranked.Where(c => c != best))
        {
            if (chosen.Count == MaxFacts || candidate.Rank < RankFloor * best.Rank)
            {
                break;
            }

            var addsSomething = candidate.Matched.Any(t => !covered.ContainsKey(t));
            if (addsSomething && candidate.Coverage >= (best.Coverage >= minCoverage ? minCoverage : PartCoverage))
            {
                chosen.Add(candidate);
                Merge(covered, candidate);
            }
        }

        if (best.Coverage >= minCoverage)
        {
            return chosen;
        }

        return several && chosen.Count > 1 && content.Coverage(covered) >= minCoverage + CombinationMargin ? chosen : [];
    }

    /// <summary>An older source that answers the same question as <paramref name="answer"/>, about as well.</summary>
    public static Candidate? Older(List<Candidate> ranked, Candidate answer, double minCoverage) =>
        ranked.FirstOrDefault(c => c.Document.Source.Id != answer.Document.Source.Id
            && string.CompareOrdinal(c.Document.Source.Date, answer.Document.Source.Date) < 0
            && c.Coverage >= minCoverage && c.Coverage >= answer.Coverage - OlderCoverageSlack);

    /// <summary>The newest source among the candidates that answer about as well as the best-ranked one.</summary>
    private static Candidate Newest(List<Candidate> ranked, double minCoverage)
    {
        var top = ranked[0];
        if (top.Coverage < minCoverage)
        {
            return top;
        }

        return ranked.Where(c => c.Coverage >= top.Coverage - NewerCoverageSlack && c.Rank >= NewerRankShare * top.Rank)
            .OrderByDescending(c => c.Document.Source.Date, StringComparer.Ordinal)
            .First();
    }

    private static void Merge(Dictionary<string, double> covered, Candidate candidate)
    {
        foreach (var token in candidate.Matched)
        {
            covered[token] = 1.0;
        }
    }
}
