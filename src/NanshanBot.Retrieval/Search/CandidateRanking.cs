using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// BM25 over the question's weighted content words (and their translations), its constraints and, for a
/// follow-up, the previous turn's words at half weight. A document enters the best <see cref="MaxCandidates"/> only
/// if it meets the question's constraints (its years, the entities it names, the place it is about), so that
/// thousands of look-alike passages about other places can never push out the one about the place asked; each
/// candidate is then checked for the kind of value asked for, and that it states something about what it matched
/// rather than listing it.
/// </summary>
internal static class CandidateRanking
{
    /// <summary>How many candidates are ranked: the best by BM25 that pass every check. In a knowledge base of
    /// thousands of articles, a common word would otherwise make every passage a candidate.</summary>
    private const int MaxCandidates = 200;

    /// <summary>How many documents that meet the question's constraints are handed on at most, best first by BM25,
    /// to be checked for the candidates: look-alikes (another city's GDP in a district the knowledge has no name
    /// for) fail the checks and must not take the places of the ones that pass.</summary>
    private const int MaxChecked = 800;

    /// <summary>How many documents are checked at most, best first, for the <see cref="MaxChecked"/> that pass: a
    /// question whose name or concept few documents have would otherwise check every document its common words found.</summary>
    private const int MaxChecks = 4 * MaxChecked;

    /// <summary>The least share of the question a sentence must match in its own words, whatever its paragraph
    /// and headline add: a sentence that only inherits the topic says nothing about it.</summary>
    private const double MinOwnShare = 0.2;

    /// <summary>How much a fact curated as being about the entities a question names is preferred over one that
    /// only mentions them.</summary>
    private const double AboutBoost = 1.3;

    /// <summary>How much a document that gives exactly the kind asked (a place for "where") is preferred over one
    /// that gives a stand-in (a company's office).</summary>
    private const double ExactKindBoost = 1.5;

    /// <summary>How much a document of the year the question said relatively (去年) is preferred.</summary>
    private const double RelativeYearBoost = 1.5;

    public static List<Candidate> Rank(KnowledgeIndex index, QueryShape query, ContentWeights content, IReadOnlyList<Token>? context)
    {
        var ranked = new List<Candidate>();
        var placings = Enumerable.Range(0, 1 << 4).Select(p => query.MayAdmit((Placing)p)).ToArray();
        foreach (var (position, score) in Bm25(index, query, Weights(query, content, context), placings))
        {
            if (ranked.Count >= MaxCandidates && position >= index.Knowledge.Facts.Count)
            {
                break;
            }

            var document = index.Documents[position];
            var givesKind = query.WantsValueOf(document);
            if (!givesKind)
            {
                continue;
            }

            // Whose figures a sentence gives is read from its text: asked last, of the few that pass the rest.
            var match = content.Match(document);
            if (match.OwnShare < MinOwnShare || query.OnlyLists(document, match) || !query.CountsWhatIsAsked(document, match.Hits))
            {
                continue;
            }

            var boost = (query.IsAbout(document) ? AboutBoost : 1.0) * (query.GivesExactKind(document) ? ExactKindBoost : 1.0)
                * (query.RelativeYears.Count > 0 && query.HasRelativeYears(document) ? RelativeYearBoost : 1.0);
            ranked.Add(new Candidate(document, score * boost, content.Coverage(match.Credits), [.. match.Credits.Keys], givesKind)
            {
                Hits = [.. match.Hits],
            });
        }

        ranked.Sort((a, b) => b.Rank.CompareTo(a.Rank));
        return ranked;
    }

    /// <summary>The question's content words and their forms at their informativeness, its constraints at full
    /// weight, the previous turn's words at half.</summary>
    private static Dictionary<string, double> Weights(QueryShape query, ContentWeights content, IReadOnlyList<Token>? context)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, weight) in content.Keys())
        {
            weights[key] = Math.Max(weights.GetValueOrDefault(key), weight);
        }

        foreach (var constraint in query.Constraints.Concat(query.RelativeYears))
        {
            weights.TryAdd(constraint, 1.0);
        }

        foreach (var token in query.Query.Tokens.Where(t => !t.IsStop))
        {
            weights.TryAdd(token.Text, token.IsPiece ? 0.2 : query.Query.Weight(token.Text));
        }

        foreach (var token in context ?? [])
        {
            if (!token.IsStop)
            {
                weights.TryAdd(token.Text, token.IsPiece ? 0.1 : 0.5);
            }
        }

        return weights;
    }

    /// <summary>The best <see cref="MaxChecked"/> documents by BM25, best first, that satisfy the question (its
    /// years, dates, entities, concepts and place): the curated facts first, then the articles' sentences, checked
    /// one by one only as far as the caller reads.</summary>
    private static IEnumerable<(int Document, double Score)> Bm25(
        KnowledgeIndex index, QueryShape query, Dictionary<string, double> weights, bool[] placings)
    {
        using var walk = new Bm25Walk(index, query.Constraints.Where(c => c[0] is '#' or '@').ToList(), placings);
        if (!walk.AllowsAny)
        {
            yield break;
        }

        // A document that lacks a concept the question requires would fail its check (IsSatisfiedBy asks for them
        // all); it is passed over without being read (the sentences lacking one are never taken), but counts as
        // checked all the same.
        walk.Walk(weights, query.RequiredConcepts);
        bool Admits(int document) => !walk.LacksConcept(document) && query.IsSatisfiedBy(index.Documents[document], walk.HoldsRequired);

        // A curated fact (the first documents) is checked whatever its score: a fact's two languages and
        // keywords make it longer than a sentence, and thousands of sentences must not push out what an admin
        // wrote as an answer.
        foreach (var fact in walk.Facts)
        {
            if (Admits(fact))
            {
                yield return (fact, walk.Score(fact));
            }
        }

        // The sentences best first, of the MaxChecks best: only as many are taken as the caller reads (it stops
        // once it has its candidates), each checked against the question's constraints as it comes; most of the
        // thousands found are never checked.
        var sentences = walk.Sentences(MaxChecks);
        var admitted = 0;
        while (admitted < MaxChecked && sentences.TryPop(out var document))
        {
            if (Admits(document))
            {
                admitted++;
                yield return (document, walk.Score(document));
            }
        }
    }
}
