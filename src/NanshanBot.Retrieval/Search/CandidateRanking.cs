using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// BM25 over the question's weighted content words (and their translations), its constraints and, for a
/// follow-up, the previous turn's words at half weight; then every document in the best <see cref="MaxCandidates"/>
/// is checked against the question: its constraints, the kind of value it asks for, and that the document states
/// something about what it matched rather than listing it.
/// </summary>
internal static class CandidateRanking
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>Only the best documents by BM25 are checked against the question's constraints and coverage: in a
    /// knowledge base of thousands of articles, a common word would otherwise make every passage a candidate.</summary>
    private const int MaxCandidates = 200;

    /// <summary>Below this many documents a key's postings are always walked.</summary>
    private const int CommonPostings = 2000;

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
        foreach (var (position, score) in Bm25(index, Weights(query, content, context)))
        {
            var document = index.Documents[position];
            if (!query.IsSatisfiedBy(document))
            {
                continue;
            }

            var givesKind = query.WantsValueOf(document);
            var match = content.Match(document);
            if (!givesKind || query.OnlyLists(document, match) || !query.CountsWhatIsAsked(document, match.Hits) || match.OwnShare < MinOwnShare)
            {
                continue;
            }

            var boost = (query.IsAbout(document) ? AboutBoost : 1.0) * (query.GivesExactKind(document) ? ExactKindBoost : 1.0)
                * (query.RelativeYears.Count > 0 && query.HasRelativeYears(document) ? RelativeYearBoost : 1.0);
            ranked.Add(new Candidate(document, score * boost, content.Coverage(match.Credits), match.Credits.Keys.ToHashSet(StringComparer.Ordinal), givesKind)
            {
                Hits = match.Hits,
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

    /// <summary>The best <see cref="MaxCandidates"/> documents by BM25, walking the postings of the weighted
    /// tokens into a pooled score array, then keeping the top ones in a bounded heap.</summary>
    private static List<(int Document, double Score)> Bm25(KnowledgeIndex index, Dictionary<string, double> weights)
    {
        // Both arrays are rented whole from the index's pools: with thousands of articles a question can touch tens
        // of thousands of documents, and growing a list of them would put a large array on the heap every time.
        var scores = index.ScoreArrays.Rent(index.Documents.Count);
        var touched = index.TouchedArrays.Rent(index.Documents.Count);
        var count = 0;
        try
        {
            // A key most documents share (a year, a common sense) adds little to any score but costs a walk over
            // tens of thousands of postings: it is walked only when the rarer keys found nothing.
            var common = Math.Max(CommonPostings, index.Documents.Count / 20);
            foreach (var (token, weight) in weights.Where(w => index.DocumentFrequency(w.Key) <= common)
                .Concat(weights.Where(w => index.DocumentFrequency(w.Key) > common)))
            {
                if (count > 0 && index.DocumentFrequency(token) > common)
                {
                    break;
                }

                var postings = index.Postings(token);
                var idf = index.Idf(postings.Length);
                foreach (var posting in postings)
                {
                    var tf = posting.Frequency;
                    var norm = K1 * (1 - B + B * index.Documents[posting.Document].Length / index.AverageLength);
                    if (scores[posting.Document] == 0)
                    {
                        touched[count++] = posting.Document;
                    }

                    scores[posting.Document] += weight * idf * tf * (K1 + 1) / (tf + norm);
                }
            }

            // A bounded min-heap: once full, a document enters only by beating the weakest kept (most do not).
            var best = new PriorityQueue<int, double>(MaxCandidates);
            for (var i = 0; i < count; i++)
            {
                var document = touched[i];
                var score = scores[document];
                if (best.Count < MaxCandidates)
                {
                    best.Enqueue(document, score);
                }
                else if (best.TryPeek(out _, out var weakest) && score > weakest)
                {
                    best.DequeueEnqueue(document, score);
                }
            }

            var result = new List<(int, double)>(best.Count);
            while (best.TryDequeue(out var document, out var score))
            {
                result.Add((document, score));
            }

            return result;
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                scores[touched[i]] = 0;
            }

            index.ScoreArrays.Return(scores);
            index.TouchedArrays.Return(touched);
        }
    }
}
