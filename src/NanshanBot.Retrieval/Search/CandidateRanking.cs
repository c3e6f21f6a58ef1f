using NanshanBot.Knowledge.Model;
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
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>How many candidates are ranked: the best by BM25 that pass every check. In a knowledge base of
    /// thousands of articles, a common word would otherwise make every passage a candidate.</summary>
    private const int MaxCandidates = 200;

    /// <summary>How many of the best documents by BM25 that meet the question's constraints are checked, best first,
    /// for the candidates: look-alikes (another city's GDP in a district the knowledge has no name for) fail the
    /// checks and must not take the places of the ones that pass.</summary>
    private const int MaxChecked = 800;

    /// <summary>How many documents a key most documents share may bring in beside those rarer keys found.</summary>
    private const int MaxTouched = 10_000;

    /// <summary>Below this many documents a key's postings may always bring in new candidates.</summary>
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
        var required = query.Constraints.Where(c => c[0] is '#' or '@').ToList();
        foreach (var (position, score) in Bm25(index, Weights(query, content, context), required, query.IsSatisfiedBy))
        {
            if (ranked.Count >= MaxCandidates && position >= index.Knowledge.Facts.Count)
            {
                break;
            }

            var document = index.Documents[position];
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

    /// <summary>The best <see cref="MaxChecked"/> documents by BM25, best first, that have every <paramref name="required"/>
    /// key (a year, a date, a named entity) and that <paramref name="admits"/>, walking the postings of the weighted
    /// tokens into a pooled score array, then keeping the top ones in a bounded heap.</summary>
    private static List<(int Document, double Score)> Bm25(
        KnowledgeIndex index, Dictionary<string, double> weights, List<string> required, Func<IndexedDocument, bool> admits)
    {
        // The arrays are rented whole from the index's pools: with thousands of articles a question can touch tens
        // of thousands of documents, and growing a list of them would put a large array on the heap every time.
        var scores = index.ScoreArrays.Rent(index.Documents.Count);
        var touched = index.TouchedArrays.Rent(index.Documents.Count);
        var count = 0;
        var allowed = required.Count > 0 ? index.MarkArrays.Rent(index.Documents.Count) : null;
        var allowedList = required.Count > 0 ? index.TouchedArrays.Rent(index.Documents.Count) : null;
        var allowedCount = allowed is null ? 0 : Intersect(index, required, allowed, allowedList!);
        try
        {
            if (allowed is not null && allowedCount == 0)
            {
                return [];
            }

            // A key most documents share (a year, a common sense such as GDP in a year of reports from every
            // district) would make tens of thousands of documents candidates: once rarer keys have found some, it
            // brings in new ones only up to MaxTouched (and any curated fact, whatever it takes), and otherwise
            // adds to the scores of those found, which it still tells apart (the sentence about GDP among a
            // report's). The bot's own subject (南山) is walked last the same way: most sentences about Nanshan do
            // not say so, and it must not decide which ones are found. Within what a question's years and entities
            // allow, every key is walked: the constraints already bound the candidates.
            var common = Math.Max(CommonPostings, index.Documents.Count / 20);
            var facts = index.Knowledge.Facts.Count;
            var order = weights.OrderBy(w => IsSubject(index, w.Key)).ThenBy(w => index.DocumentFrequency(w.Key) > common);
            foreach (var (token, weight) in order)
            {
                var postings = index.Postings(token);
                var bounded = allowed is null && count > 0 && (postings.Length > common || IsSubject(index, token));
                var idf = index.Idf(postings.Length);
                foreach (var posting in postings)
                {
                    if ((allowed is not null && !allowed[posting.Document]) || (bounded && scores[posting.Document] == 0 && count >= MaxTouched && posting.Document >= facts))
                    {
                        continue;
                    }

                    var tf = posting.Frequency;
                    var norm = K1 * (1 - B + B * index.Documents[posting.Document].Length / index.AverageLength);
                    if (scores[posting.Document] == 0)
                    {
                        touched[count++] = posting.Document;
                    }

                    scores[posting.Document] += weight * idf * tf * (K1 + 1) / (tf + norm);
                }
            }

            // A bounded min-heap: once full, a document enters only by beating the weakest kept (most do not), and
            // only the documents that would enter are checked against the question's constraints. A curated fact
            // (the first documents) is checked whatever its score: a fact's two languages and keywords make it longer
            // than a sentence, and thousands of sentences must not push out what an admin wrote as an answer.
            var best = new PriorityQueue<int, double>(MaxChecked);
            var matchedFacts = new List<(int, double)>();
            for (var i = 0; i < count; i++)
            {
                var document = touched[i];
                var score = scores[document];
                if (document < facts)
                {
                    if (admits(index.Documents[document]))
                    {
                        matchedFacts.Add((document, score));
                    }

                    continue;
                }

                var full = best.Count == MaxChecked;
                if ((full && best.TryPeek(out _, out var weakest) && score <= weakest) || !admits(index.Documents[document]))
                {
                    continue;
                }

                if (full)
                {
                    best.DequeueEnqueue(document, score);
                }
                else
                {
                    best.Enqueue(document, score);
                }
            }

            var result = new List<(int, double)>(best.Count);
            while (best.TryDequeue(out var document, out var score))
            {
                result.Add((document, score));
            }

            result.Reverse();
            return [.. matchedFacts, .. result];
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                scores[touched[i]] = 0;
            }

            index.ScoreArrays.Return(scores);
            index.TouchedArrays.Return(touched);
            if (allowed is not null)
            {
                for (var i = 0; i < allowedCount; i++)
                {
                    allowed[allowedList![i]] = false;
                }

                index.MarkArrays.Return(allowed);
                index.TouchedArrays.Return(allowedList!);
            }
        }
    }

    /// <summary>Whether the key is the bot's own subject (南山区), which the knowledge is about by default.</summary>
    private static bool IsSubject(KnowledgeIndex index, string key) =>
        key.StartsWith('@') && index.Knowledge.Terms.TryGetValue(key[1..], out var term) && term.Role == DefaultRole.Subject;

    /// <summary>Marks the documents that have every required key: those of the rarest key's postings that the
    /// others' postings (in document order) also hold. Returns how many, listed in <paramref name="marked"/>.</summary>
    private static int Intersect(KnowledgeIndex index, List<string> required, bool[] marks, int[] marked)
    {
        var lists = required.Select(index.PostingArray).OrderBy(p => p.Length).ToList();
        var count = 0;
        foreach (var posting in lists[0])
        {
            var document = posting.Document;
            var inAll = true;
            for (var i = 1; i < lists.Count && inAll; i++)
            {
                inAll = Holds(lists[i], document);
            }

            if (inAll)
            {
                marks[document] = true;
                marked[count++] = document;
            }
        }

        return count;
    }

    private static bool Holds(Posting[] postings, int document)
    {
        int low = 0, high = postings.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var found = postings[middle].Document;
            if (found == document)
            {
                return true;
            }

            (low, high) = found < document ? (middle + 1, high) : (low, middle - 1);
        }

        return false;
    }
}
