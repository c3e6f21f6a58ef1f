using System.Runtime.CompilerServices;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// The postings of an index that took most of its documents over from the index before it, made from that index's
/// postings rather than from every document again: an admin's edit changes one article of thousands, and reading
/// every document's keys and senses (seconds at ten thousand articles) would give the same lists but for the
/// changed article's sentences and the numbers after them. Each old list is read once: a posting of a document
/// taken over is renumbered, one of a document dropped is left out, and the new documents' postings go in
/// between, in document order. The lists are exactly those a build from the documents gives.
/// </summary>
internal static class PostingSplice
{
    /// <summary>Documents <c>[Start, Start + Count)</c> of the new index, taken over from the old one's
    /// <c>[OldStart, OldStart + Count)</c>, or new (<see cref="OldStart"/> -1).</summary>
    internal readonly record struct Run(int Start, int Count, int OldStart)
    {
        public bool IsTakenOver => OldStart >= 0;
    }

    /// <summary>Above this share of new documents a build from the documents costs about as much.</summary>
    private const double MaxNewShare = 0.2;

    /// <summary>The postings, or null when a build from the documents is the better way (many new documents, or the
    /// documents taken over in another order than they had).</summary>
    /// <param name="oldDocuments">How many documents the old index had.</param>
    public static PostingList[]? TryBuild(IndexedDocument[] documents, int keys, IReadOnlyList<Run> runs, PostingList[] old, int oldDocuments)
    {
        var takenOver = Joined(runs.Where(r => r.IsTakenOver));
        if (documents.Length - takenOver.Sum(r => r.Count) > documents.Length * MaxNewShare
            || takenOver.Zip(takenOver.Skip(1)).Any(p => p.First.OldStart + p.First.Count > p.Second.OldStart))
        {
            return null;
        }

        var added = NewPostings(documents, keys, runs);
        // Past the start of a last run that goes to the old index's end, an old list is copied whole once no new
        // posting is left to merge in: its documents all move by the same amount, so their gaps stay as they are.
        var lastRunFrom = oldDocuments > 0 && takenOver.Length > 0 && takenOver[^1].OldStart + takenOver[^1].Count >= oldDocuments ? takenOver.Length - 1 : int.MaxValue;
        var lists = new PostingList[keys];
        var middle = Middle(old);
        Parallel.For(0, 2, half =>
        {
            var list = new ListWriter();
            for (var key = half == 0 ? 0 : middle; key < (half == 0 ? middle : keys); key++)
            {
                lists[key] = Splice(key < old.Length ? old[key] : PostingList.Empty, added.Of(key), takenOver, lastRunFrom, list);
            }
        });
        return lists;
    }

    /// <summary>The key that halves the old postings' bytes, so that two threads read about as much (the first keys
    /// numbered are the commonest words, with the longest lists).</summary>
    private static int Middle(PostingList[] old)
    {
        var half = old.Sum(list => (long)list.Bytes.Length) / 2;
        var (key, read) = (0, 0L);
        for (; key < old.Length && read < half; key++)
        {
            read += old[key].Bytes.Length;
        }

        return key;
    }

    /// <summary>One key's list: the old postings of documents taken over, renumbered, merged with the new ones. A
    /// posting whose gap from the one written before it is what it was (all but the first of a run, mostly) is
    /// copied as it is, and so is the rest of the list from there when it is in run <paramref name="lastRun"/> (one
    /// that goes to the old index's end) and no new posting is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PostingList Splice(PostingList old, ReadOnlySpan<Posting> added, Run[] takenOver, int lastRun, ListWriter list)
    {
        list.Start();
        var postings = old.GetEnumerator();
        var (document, next, run, read) = (-1, 0, 0, 0);
        for (var start = 0; postings.MoveNext(); start = postings.Position)
        {
            read++;
            var (gap, frequency) = (postings.Current.Document - document, postings.Current.Frequency);
            document = postings.Current.Document;
            run = RunOf(document, takenOver, run);
            if (run == takenOver.Length)
            {
                break;
            }

            if (document < takenOver[run].OldStart)
            {
                continue;
            }

            var renumbered = document - takenOver[run].OldStart + takenOver[run].Start;
            for (; next < added.Length && added[next].Document < renumbered; next++)
            {
                list.Add(added[next]);
            }

            if (renumbered - list.Last == gap)
            {
                if (run >= lastRun && next == added.Length)
                {
                    return list.Finish(old.Bytes[start..], old.Count - read + 1);
                }

                list.Copy(old.Bytes[start..postings.Position], renumbered);
            }
            else
            {
                list.Add(new Posting(renumbered, frequency));
            }
        }

        for (; next < added.Length; next++)
        {
            list.Add(added[next]);
        }

        return list.ToList();
    }

    /// <summary>The runs, each joined with the next where both go on where it ends (the articles of an index are mostly
    /// taken over one after another).</summary>
    private static Run[] Joined(IEnumerable<Run> runs)
    {
        var joined = new List<Run>();
        foreach (var run in runs)
        {
            if (joined.Count > 0 && joined[^1] is var last && last.Start + last.Count == run.Start && last.OldStart + last.Count == run.OldStart)
            {
                joined[^1] = last with { Count = last.Count + run.Count };
            }
            else
            {
                joined.Add(run);
            }
        }

        return [.. joined];
    }

    /// <summary>The first run from <paramref name="from"/> on that does not end at or before old document
    /// <paramref name="document"/> (the run holding it, or the next after it), or the count of runs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RunOf(int document, Run[] runs, int from)
    {
        if (from < runs.Length && document < runs[from].OldStart + runs[from].Count)
        {
            return from;
        }

        int low = from, high = runs.Length;
        while (low < high)
        {
            var middle = (low + high) >> 1;
            (low, high) = runs[middle].OldStart + runs[middle].Count <= document ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    /// <summary>One list at a time, written into a buffer reused from list to list.</summary>
    private sealed class ListWriter
    {
        private byte[] bytes = new byte[1 << 16];
        private PostingList.Writer writer;
        private int count;

        /// <summary>The document of the last posting written, or -1.</summary>
        public int Last => writer.Last;

        public void Start() => (writer, count) = (new PostingList.Writer(bytes), 0);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(Posting posting)
        {
            // A posting takes at most five bytes of gap and one of count.
            Room(6);
            writer.Add(posting.Document, posting.Frequency);
            count++;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Copy(ReadOnlySpan<byte> encoded, int document)
        {
            Room(encoded.Length);
            writer.Append(encoded, document);
            count++;
        }

        /// <summary>The list, ending with <paramref name="postings"/> postings already encoded as it would encode them
        /// (the rest of an old list whose gaps are unchanged).</summary>
        public PostingList Finish(ReadOnlySpan<byte> encoded, int postings)
        {
            Room(encoded.Length);
            writer.Append(encoded, int.MaxValue);
            count += postings;
            return ToList();
        }

        public PostingList ToList() => count == 0 ? PostingList.Empty : new PostingList(bytes.AsSpan(0, writer.Position).ToArray(), count);

        private void Room(int needed)
        {
            if (bytes.Length - writer.Position < needed)
            {
                Array.Resize(ref bytes, Math.Max(bytes.Length * 2, writer.Position + needed));
                writer = writer.Into(bytes);
            }
        }
    }

    /// <summary>The postings of the new documents, by key.</summary>
    private static AddedPostings NewPostings(IndexedDocument[] documents, int keys, IReadOnlyList<Run> runs)
    {
        var postings = new List<(int Key, Posting Posting)>();
        var reader = new DocumentPostings(keys);
        foreach (var run in runs.Where(r => !r.IsTakenOver))
        {
            for (var d = run.Start; d < run.Start + run.Count; d++)
            {
                reader.Read(documents[d]);
                for (var p = 0; p < reader.Count; p++)
                {
                    postings.Add((reader.Keys[p], new Posting(d, (byte)reader.Frequencies[p])));
                }
            }
        }

        postings.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Posting.Document.CompareTo(b.Posting.Document));
        return new AddedPostings([.. postings.Select(p => p.Key)], [.. postings.Select(p => p.Posting)]);
    }

    private sealed class AddedPostings(int[] keys, Posting[] postings)
    {
        public ReadOnlySpan<Posting> Of(int key)
        {
            var first = LowerBound(key);
            return postings.AsSpan(first, LowerBound(key + 1) - first);
        }

        private int LowerBound(int key)
        {
            int low = 0, high = keys.Length;
            while (low < high)
            {
                var middle = (low + high) >> 1;
                (low, high) = keys[middle] < key ? (middle + 1, high) : (low, middle);
            }

            return low;
        }
    }
}
