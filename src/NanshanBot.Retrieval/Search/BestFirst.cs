namespace NanshanBot.Retrieval.Search;

/// <summary>
/// Documents taken best first by score, and the earlier document first among equal scores, so that the order does
/// not depend on the order the postings found them. Only the <c>most</c> best can be taken: with thousands of
/// articles a question of common words finds tens of thousands of documents, of which a few thousand at most are
/// read, so only those that score at least a threshold go into the heap (one estimated from a sample to keep about
/// twice as many as can be taken, and given up for all of them when it keeps too few). The heap is made in place
/// over the documents, with a copy of their scores beside them: a score is read where its document is, not from
/// an array of every document by position.
/// </summary>
internal struct BestFirst
{
    /// <summary>How many documents' scores are read to estimate the threshold: enough that the estimate is rarely
    /// short of what is needed, few enough that reading and sorting them takes microseconds.</summary>
    private const int SampleSize = 256;

    /// <summary>How many times as many documents as can be taken the threshold aims to keep: well beyond the
    /// sample's error, so that it rarely has to be given up for keeping them all.</summary>
    private const double SampleMargin = 2;

    private readonly int[] items;
    private readonly int offset;
    private readonly double[] keys;
    private int size;
    private int remaining;

    /// <param name="documents">The documents, reordered in place (all of them stay).</param>
    /// <param name="keys">At least as long as <paramref name="documents"/>: written with scores.</param>
    /// <param name="scores">Every document's score, by position.</param>
    /// <param name="most">How many of the best can be taken at most.</param>
    /// <param name="fails">Which documents the caller would pass over without reading them (null for none): they
    /// are never taken, and still count among the <paramref name="most"/> best. Of a question of common words and a
    /// concept few sentences have, most of the best lack it.</param>
    public BestFirst(ArraySegment<int> documents, double[] keys, double[] scores, int most, Func<int, bool>? fails = null)
    {
        items = documents.Array!;
        offset = documents.Offset;
        this.keys = keys;
        remaining = most;
        var count = documents.Count;
        size = Gather(count, scores, Threshold(count, scores, most));
        if (size < most && size < count)
        {
            // The sample put the threshold too high: every document is kept after all.
            size = Gather(count, scores, double.MinValue);
        }

        if (fails is not null)
        {
            // The best `most` are found without ordering them, and only those the caller would read are ordered.
            if (size > most)
            {
                SelectBest(most);
                size = most;
            }

            size = Drop(fails);
        }

        for (var i = size / 2 - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    public bool TryPop(out int document)
    {
        if (size == 0 || remaining == 0)
        {
            document = -1;
            return false;
        }

        // Swapped to the end rather than overwritten: every document stays in the list (its score is cleared from
        // it).
        document = items[offset];
        remaining--;
        Swap(0, --size);
        SiftDown(0);
        return true;
    }

    /// <summary>A score that, going by an even sample of the <paramref name="count"/> documents, about
    /// <see cref="SampleMargin"/> times <paramref name="most"/> of them reach; the least score when that is all.</summary>
    private readonly double Threshold(int count, double[] scores, int most)
    {
        if (count <= SampleMargin * most)
        {
            return double.MinValue;
        }

        Span<double> sample = stackalloc double[Math.Min(SampleSize, count)];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = scores[items[offset + (int)((long)i * count / sample.Length)]];
        }

        sample.Sort();
        var reaching = (int)Math.Ceiling(SampleMargin * most * sample.Length / count);
        return reaching < sample.Length ? sample[^reaching] : double.MinValue;
    }

    /// <summary>Moves the documents of the first <paramref name="count"/> that score at least
    /// <paramref name="threshold"/> to the front, with their scores, and returns how many. Each document is swapped
    /// with the first not kept whether it is kept or not (a document not kept only trades places with another
    /// one not kept), so that which are kept, a few in ten of tens of thousands, costs no mispredicted branch.</summary>
    private readonly int Gather(int count, double[] scores, double threshold)
    {
        var (items, keys, offset) = (this.items, this.keys, this.offset);
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var document = items[offset + i];
            var score = scores[document];
            items[offset + i] = items[offset + kept];
            items[offset + kept] = document;
            keys[kept] = score;
            kept += score >= threshold ? 1 : 0;
        }

        return kept;
    }

    /// <summary>Reorders the items so that the first <paramref name="k"/> (fewer than all) are the best, in no
    /// particular order (a quickselect: every document differs, so the order is total).</summary>
    private readonly void SelectBest(int k)
    {
        var (low, high) = (0, size - 1);
        while (low < high)
        {
            Swap(low + ((high - low) / 2), high);
            var (pivot, pivotDocument) = (keys[high], items[offset + high]);
            var better = low;
            for (var i = low; i < high; i++)
            {
                if (Better(keys[i], items[offset + i], pivot, pivotDocument))
                {
                    Swap(i, better++);
                }
            }

            Swap(better, high);
            if (better == k - 1)
            {
                return;
            }

            (low, high) = better < k - 1 ? (better + 1, high) : (low, better - 1);
        }
    }

    /// <summary>Moves the items that do not fail to the front, and returns how many.</summary>
    private readonly int Drop(Func<int, bool> fails)
    {
        var kept = 0;
        for (var i = 0; i < size; i++)
        {
            if (!fails(items[offset + i]))
            {
                Swap(i, kept++);
            }
        }

        return kept;
    }

    /// <summary>Moves the item at <paramref name="i"/> down to where it belongs, the better of each pair of
    /// children moving up in its place.</summary>
    private readonly void SiftDown(int i)
    {
        var (key, document) = (keys[i], items[offset + i]);
        for (var child = 2 * i + 1; child < size; child = 2 * i + 1)
        {
            if (child + 1 < size && Better(keys[child + 1], items[offset + child + 1], keys[child], items[offset + child]))
            {
                child++;
            }

            if (!Better(keys[child], items[offset + child], key, document))
            {
                break;
            }

            (keys[i], items[offset + i]) = (keys[child], items[offset + child]);
            i = child;
        }

        (keys[i], items[offset + i]) = (key, document);
    }

    /// <summary>Whether a document comes before another: a higher score, or the same score and an earlier document.</summary>
    private static bool Better(double score, int document, double otherScore, int otherDocument) =>
        score > otherScore || (score == otherScore && document < otherDocument);

    private readonly void Swap(int i, int j)
    {
        (items[offset + i], items[offset + j]) = (items[offset + j], items[offset + i]);
        (keys[i], keys[j]) = (keys[j], keys[i]);
    }
}
