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

    /// <summary>How many documents that meet the question's constraints are handed on at most, best first by BM25,
    /// to be checked for the candidates: look-alikes (another city's GDP in a district the knowledge has no name
    /// for) fail the checks and must not take the places of the ones that pass.</summary>
    private const int MaxChecked = 800;

    /// <summary>How many documents are checked at most, best first, for the <see cref="MaxChecked"/> that pass: a
    /// question whose name or concept few documents have would otherwise check every document its common words found.</summary>
    private const int MaxChecks = 4 * MaxChecked;

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
        var placings = Enumerable.Range(0, 1 << 4).Select(p => query.MayAdmit((Placing)p)).ToArray();
        foreach (var (position, score) in Bm25(index, Weights(query, content, context), required, placings, query.IsSatisfiedBy))
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

            var match = content.Match(document);
            if (query.OnlyLists(document, match) || !query.CountsWhatIsAsked(document, match.Hits) || match.OwnShare < MinOwnShare)
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
    /// key (a year, a date, a named entity) and that <paramref name="admits"/>: the curated facts first, then the
    /// articles' sentences. The postings of the weighted tokens are walked into a pooled score array; the documents
    /// found are then taken best first from a heap and checked one by one, only as far as the caller reads.</summary>
    private static IEnumerable<(int Document, double Score)> Bm25(
        KnowledgeIndex index, Dictionary<string, double> weights, List<string> required, bool[] placings, Func<IndexedDocument, bool> admits)
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
                yield break;
            }

            count = Walk(index, weights, allowed, placings, scores, touched);

            // A curated fact (the first documents) is checked whatever its score: a fact's two languages and
            // keywords make it longer than a sentence, and thousands of sentences must not push out what an admin
            // wrote as an answer. The facts found are moved to the front of the list, the sentences after them.
            var facts = index.Knowledge.Facts.Count;
            var factCount = 0;
            for (var i = 0; i < count; i++)
            {
                if (touched[i] < facts)
                {
                    (touched[factCount], touched[i]) = (touched[i], touched[factCount]);
                    factCount++;
                }
            }

            for (var i = 0; i < factCount; i++)
            {
                if (admits(index.Documents[touched[i]]))
                {
                    yield return (touched[i], scores[touched[i]]);
                }
            }

            // The sentences best first, from a heap made in place in one pass: only as many are taken as the caller
            // reads (it stops once it has its candidates), each checked against the question's constraints as it
            // comes; most of the thousands found are never checked.
            var heap = new ScoreHeap(touched.AsMemory(factCount, count - factCount), scores);
            var admitted = 0;
            var checks = 0;
            while (admitted < MaxChecked && checks++ < MaxChecks && heap.TryPop(out var document))
            {
                if (admits(index.Documents[document]))
                {
                    admitted++;
                    yield return (document, scores[document]);
                }
            }
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

    /// <summary>Adds each weighted token's BM25 to the scores of the documents in its postings (only those
    /// <paramref name="allowed"/>, when the question has constraints, and whose place the question admits: the
    /// <paramref name="placings"/> it may admit, by <see cref="Placing"/>), listing each document found once in
    /// <paramref name="touched"/>. Returns how many.</summary>
    private static int Walk(KnowledgeIndex index, Dictionary<string, double> weights, bool[]? allowed, bool[] placings, double[] scores, int[] touched)
    {
        // A key most documents share (a year, a common sense such as GDP in a year of reports from every
        // district) would make tens of thousands of documents candidates: once rarer keys have found some, it
        // brings in new ones only up to MaxTouched (and any curated fact, whatever it takes), and otherwise
        // adds to the scores of those found, which it still tells apart (the sentence about GDP among a
        // report's). The bot's own subject (南山) is walked last the same way: most sentences about Nanshan do
        // not say so, and it must not decide which ones are found. Within what a question's years and entities
        // allow, every key is walked: the constraints already bound the candidates.
        var common = Math.Max(CommonPostings, index.Documents.Count / 20);
        var facts = index.Knowledge.Facts.Count;
        var lengths = index.Lengths;
        var lengthScale = B / index.AverageLength;
        var placed = index.Placings;
        var count = 0;
        var order = weights.OrderBy(w => IsSubject(index, w.Key)).ThenBy(w => index.DocumentFrequency(w.Key) > common);
        foreach (var (token, weight) in order)
        {
            var postings = index.Postings(token);
            var bounded = allowed is null && count > 0 && (postings.Count > common || IsSubject(index, token));
            var idf = index.Idf(postings.Count);
            foreach (var posting in postings)
            {
                var document = posting.Document;
                var score = scores[document];
                if ((allowed is not null && !allowed[document]) || !placings[(int)placed[document]]
                    || (bounded && score == 0 && count >= MaxTouched && document >= facts))
                {
                    continue;
                }

                if (score == 0)
                {
                    touched[count++] = document;
                }

                var tf = posting.Frequency;
                var norm = K1 * (1 - B + lengthScale * lengths[document]);
                scores[document] += weight * idf * tf * (K1 + 1) / (tf + norm);
            }
        }

        return count;
    }

    /// <summary>Whether the key is the bot's own subject (南山区), which the knowledge is about by default.</summary>
    private static bool IsSubject(KnowledgeIndex index, string key) =>
        key.StartsWith('@') && index.Knowledge.Terms.TryGetValue(key[1..], out var term) && term.Role == DefaultRole.Subject;

    /// <summary>Marks the documents that have every required key: the rarest key's postings that every other key's
    /// postings also hold, read side by side in document order. Returns how many, listed in <paramref name="marked"/>.</summary>
    private static int Intersect(KnowledgeIndex index, List<string> required, bool[] marks, int[] marked)
    {
        var lists = required.Select(index.Postings).OrderBy(p => p.Count).ToList();
        var others = new PostingCursor[lists.Count - 1];
        for (var i = 1; i < lists.Count; i++)
        {
            others[i - 1] = new PostingCursor(lists[i]);
        }

        var count = 0;
        foreach (var posting in lists[0])
        {
            var document = posting.Document;
            var inAll = true;
            for (var i = 0; i < others.Length && inAll; i++)
            {
                inAll = others[i].SkipTo(document);
            }

            if (inAll)
            {
                marks[document] = true;
                marked[count++] = document;
            }
        }

        return count;
    }

    /// <summary>Reads a posting list forward to a document, for intersections.</summary>
    private sealed class PostingCursor(PostingList list)
    {
        private PostingList.Enumerator reader = list.GetEnumerator();
        private int current = -1;
        private bool ended;

        /// <summary>Whether the list holds <paramref name="document"/>, which must not be before the one asked last.</summary>
        public bool SkipTo(int document)
        {
            while (!ended && current < document)
            {
                ended = !reader.MoveNext();
                current = ended ? int.MaxValue : reader.Current.Document;
            }

            return current == document;
        }
    }

    /// <summary>A max-heap of documents by score, made in place over a list of them (no copy: a question can find
    /// tens of thousands).</summary>
    private struct ScoreHeap
    {
        private readonly Memory<int> items;
        private readonly double[] scores;
        private int size;

        public ScoreHeap(Memory<int> documents, double[] scores)
        {
            items = documents;
            this.scores = scores;
            size = documents.Length;
            for (var i = size / 2 - 1; i >= 0; i--)
            {
                SiftDown(i);
            }
        }

        public bool TryPop(out int document)
        {
            if (size == 0)
            {
                document = -1;
                return false;
            }

            var span = items.Span;
            document = span[0];
            span[0] = span[--size];
            span[size] = document;
            SiftDown(0);
            return true;
        }

        private readonly void SiftDown(int i)
        {
            var span = items.Span;
            while (true)
            {
                var largest = i;
                var left = 2 * i + 1;
                if (left < size && scores[span[left]] > scores[span[largest]])
                {
                    largest = left;
                }

                if (left + 1 < size && scores[span[left + 1]] > scores[span[largest]])
                {
                    largest = left + 1;
                }

                if (largest == i)
                {
                    return;
                }

                (span[i], span[largest]) = (span[largest], span[i]);
                i = largest;
            }
        }
    }
}
