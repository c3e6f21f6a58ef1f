using System.Runtime.CompilerServices;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// One question's BM25: the postings of its weighted keys walked into a score per document, within the documents
/// that have every required key (a year, a date, a named entity) and whose place the question admits. The arrays
/// are rented whole from the index's pools: with thousands of articles a question can touch tens of thousands of
/// documents, and growing a list of them would put a large array on the heap every time. <see cref="Dispose"/>
/// gives them back as the pools need them (scores all zero).
/// </summary>
internal sealed class Bm25Walk : IDisposable
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>How many documents a key most documents share may bring in beside those rarer keys found.</summary>
    private const int MaxTouched = 10_000;

    /// <summary>Below this many documents a key's postings may always bring in new candidates.</summary>
    private const int CommonPostings = 2000;

    private readonly KnowledgeIndex index;
    private readonly bool[] placings;
    private readonly AllowedDocuments? allowed;
    private readonly double[] scores;
    private readonly int[] touched;
    private readonly int[] conceptsHeld;
    private double[]? keys;
    private int count;
    private int factCount;
    private int walkedConcepts;

    /// <summary>Whether the documents' concepts are counted: only when the question requires any, and then only
    /// by the keys that are concepts (most questions require none, and most keys are none).</summary>
    private bool countsConcepts;

    /// <param name="required">The keys every document scored must have; none for a question without constraints.</param>
    /// <param name="placings">The <see cref="Placing"/>s of the documents the question may admit, by value: no
    /// other is scored.</param>
    public Bm25Walk(KnowledgeIndex index, IReadOnlyList<string> required, bool[] placings)
    {
        this.index = index;
        this.placings = placings;
        allowed = required.Count > 0 ? new AllowedDocuments(index, required, placings) : null;
        scores = index.ScoreArrays.Rent();
        touched = index.DocumentNumbers.Rent();
        conceptsHeld = index.DocumentNumbers.Rent();
    }

    /// <summary>Whether any document has every required key and a place the question admits.</summary>
    public bool AllowsAny => allowed is null || allowed.Count > 0;

    public double Score(int document) => scores[document];

    /// <summary>Whether every document the walk finds has every required key: it finds only the allowed ones.</summary>
    public bool HoldsRequired => allowed is not null;

    /// <summary>Whether the document lacks one of the concepts walked as such (see <see cref="Walk"/>).</summary>
    public bool LacksConcept(int document) => walkedConcepts > 0 && conceptsHeld[document] < walkedConcepts;

    /// <summary>Adds each weighted key's BM25 to the scores of the documents in its postings (only those that have
    /// every required key, and whose place the question admits), and counts which of the <paramref name="concepts"/>
    /// each holds: most of the best scored documents of a question of common words can lack one it requires (a
    /// sentence on China's GDP that says nothing of cities), and are then known to fail without reading them.</summary>
    public void Walk(Dictionary<string, double> weights, IReadOnlyList<string> concepts)
    {
        // A key most documents share (a year, a common sense such as GDP in a year of reports from every
        // district) would make tens of thousands of documents candidates: once rarer keys have found some, it
        // brings in new ones only up to MaxTouched (and any curated fact, whatever it takes), and otherwise
        // adds to the scores of those found, which it still tells apart (the sentence about GDP among a
        // report's). The bot's own subject (南山) is walked last the same way: most sentences about Nanshan do
        // not say so, and it must not decide which ones are found. Within what a question's years and entities
        // allow, every allowed document is found before any key is walked, and each key only adds to their scores: the
        // constraints already bound the candidates. So a document skipped by a
        // key is never found by a later one, and every document found is counted for each concept it holds.
        countsConcepts = concepts.Count > 0;
        if (allowed is not null)
        {
            TouchAllowed();
        }

        var common = Math.Max(CommonPostings, index.Documents.Count / 20);
        var order = weights.OrderBy(w => IsSubject(w.Key)).ThenBy(w => index.DocumentFrequency(w.Key) > common);
        foreach (var (key, weight) in order)
        {
            var postings = index.Postings(key);
            var bounded = allowed is null && count > 0 && (postings.Count > common || IsSubject(key));
            // Counted only with a weight: a document is known as found by its score, which a key of no weight
            // leaves at zero.
            var concept = weight > 0 && concepts.Contains(key);
            walkedConcepts += concept ? 1 : 0;
            var keyWeight = weight * index.Idf(postings.Count);
            if (allowed is null)
            {
                Add(postings, keyWeight, bounded, concept ? 1 : 0);
            }
            else if (allowed.FrequenciesOf(key) is { } frequencies)
            {
                AddAllowed(frequencies, keyWeight, concept ? 1 : 0);
            }
            else
            {
                AddWithin(postings, keyWeight, concept ? 1 : 0);
            }
        }

        MoveFactsToFront();
    }

    /// <summary>Takes every allowed document as found, in document order: whatever keys it has, a document within
    /// the question's constraints is scored (its required keys at least), and no other is.</summary>
    private void TouchAllowed()
    {
        var documents = allowed!.List.AsSpan(0, allowed.Count);
        documents.CopyTo(touched);
        if (countsConcepts)
        {
            foreach (var document in documents)
            {
                conceptsHeld[document] = 0;
            }
        }

        count = documents.Length;
    }

    /// <summary>Adds a key's BM25 to the documents in its postings whose place the question admits, when nothing is
    /// required.</summary>
    private void Add(PostingList postings, double weight, bool bounded, int held)
    {
        // The arrays and the count in locals: the loop runs once per posting, hundreds of thousands of times for a
        // question of common words.
        var (scores, touched, conceptsHeld, placings) = (this.scores, this.touched, this.conceptsHeld, this.placings);
        var (lengths, lengthScale, placed) = (index.Lengths, B / index.AverageLength, index.Placings);
        var (count, facts, counts) = (this.count, index.Knowledge.Facts.Count, countsConcepts);
        foreach (var posting in postings)
        {
            var document = posting.Document;
            if (!placings[(int)placed[document]])
            {
                continue;
            }

            var score = scores[document];
            if (score == 0)
            {
                if (bounded && count >= MaxTouched && document >= facts)
                {
                    continue;
                }

                touched[count++] = document;
                if (counts)
                {
                    conceptsHeld[document] = 0;
                }
            }

            if (held != 0)
            {
                conceptsHeld[document] += held;
            }

            scores[document] = score + Term(weight, posting.Frequency, lengthScale * lengths[document]);
        }

        this.count = count;
    }

    /// <summary>Adds a key that is not required to the allowed documents in its postings (all found already). Not
    /// inlined, nor is <see cref="AddAllowed"/>: within <see cref="Walk"/> their loops' locals would live on the stack.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddWithin(PostingList postings, double weight, int held)
    {
        var (scores, conceptsHeld, marks) = (this.scores, this.conceptsHeld, allowed!.Marks);
        var (lengths, lengthScale) = (index.Lengths, B / index.AverageLength);
        foreach (var posting in postings)
        {
            var document = posting.Document;
            if (marks[document])
            {
                if (held != 0)
                {
                    conceptsHeld[document] += held;
                }

                scores[document] += Term(weight, posting.Frequency, lengthScale * lengths[document]);
            }
        }
    }

    /// <summary>Adds a required key's BM25 to every allowed document, as <see cref="AddWithin"/> would: its postings
    /// within them are exactly them, in the same order.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddAllowed(int[] frequencies, double weight, int held)
    {
        var (scores, conceptsHeld, lengths, lengthScale) = (this.scores, this.conceptsHeld, index.Lengths, B / index.AverageLength);
        var documents = allowed!.List;
        for (var i = 0; i < allowed.Count; i++)
        {
            var document = documents[i];
            if (held != 0)
            {
                conceptsHeld[document] += held;
            }

            scores[document] += Term(weight, frequencies[i], lengthScale * lengths[document]);
        }
    }

    /// <summary>A key's BM25 in a document that has it <paramref name="tf"/> times and is
    /// <paramref name="relativeLength"/> times as long as the average (times B).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Term(double weight, int tf, double relativeLength) =>
        weight * tf * (K1 + 1) / (tf + K1 * (1 - B + relativeLength));

    /// <summary>The curated facts found (the first documents), in the order found.</summary>
    public ArraySegment<int> Facts => new(touched, 0, factCount);

    /// <summary>The articles' sentences found, best first, of the <paramref name="most"/> best; those that lack a
    /// concept walked as such are never taken (they would fail), though they count among the best.</summary>
    public BestFirst Sentences(int most)
    {
        keys = index.FoundScores.Rent(count - factCount);
        return new BestFirst(new ArraySegment<int>(touched, factCount, count - factCount), keys, scores, most, walkedConcepts > 0 ? LacksConcept : null);
    }

    private void MoveFactsToFront()
    {
        var facts = index.Knowledge.Facts.Count;
        for (var i = 0; i < count; i++)
        {
            if (touched[i] < facts)
            {
                (touched[factCount], touched[i]) = (touched[i], touched[factCount]);
                factCount++;
            }
        }
    }

    /// <summary>Whether the key is the bot's own subject (南山区), which the knowledge is about by default.</summary>
    private bool IsSubject(string key) =>
        key.StartsWith('@') && index.Knowledge.Terms.TryGetValue(key[1..], out var term) && term.Role == DefaultRole.Subject;

    public void Dispose()
    {
        for (var i = 0; i < count; i++)
        {
            scores[touched[i]] = 0;
        }

        index.ScoreArrays.Return(scores);
        index.DocumentNumbers.Return(touched);
        index.DocumentNumbers.Return(conceptsHeld);
        if (keys is not null)
        {
            index.FoundScores.Return(keys);
        }

        allowed?.Dispose();
    }
}
