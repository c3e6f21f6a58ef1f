namespace NanshanBot.Retrieval.Search;

/// <summary>
/// Picks the facts that answer a question: the best-ranked one when it covers enough of the question; more
/// (up to <see cref="MaxFacts"/>) when each covers a part the others do not, as in "人均GDP和单位面积GDP分别是多少"
/// or "五层蛋糕是哪五层". A combination must together cover more than a single fact would have to.
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

    public static List<Candidate> Choose(List<Candidate> ranked, ContentWeights content, double minCoverage)
    {
        if (ranked.Count == 0)
        {
            return [];
        }

        var best = ranked[0];
        var chosen = new List<Candidate> { best };
        var covered = new HashSet<string>(best.Matched, StringComparer.Ordinal);
        foreach (var candidate in ranked.Skip(1))
        {
            if (chosen.Count == MaxFacts || candidate.Rank < RankFloor * best.Rank)
            {
                break;
            }

            var addsSomething = candidate.Matched.Any(t => !covered.Contains(t));
            if (addsSomething && (candidate.GivesKindAsked || !best.GivesKindAsked) && candidate.Coverage >= (best.Coverage >= minCoverage ? minCoverage : PartCoverage))
            {
                chosen.Add(candidate);
                covered.UnionWith(candidate.Matched);
            }
        }

        if (best.Coverage >= minCoverage)
        {
            return chosen;
        }

        return chosen.Count > 1 && content.Coverage(covered) >= minCoverage + CombinationMargin ? chosen : [];
    }
}
