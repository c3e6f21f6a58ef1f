using NanshanBot.Retrieval.Index;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// The documents that have every key a question requires (its years, dates and named entities) and a place it
/// admits, in document order, with how often each has each required key. Walking a required key's postings for
/// scores then reads these instead: within them it finds exactly these documents, and a common entity (中国 in
/// tens of thousands of sentences) would otherwise be decoded twice. Its arrays are rented from the index's pools
/// and given back, the marks cleared, on <see cref="Dispose"/>.
/// </summary>
internal sealed class AllowedDocuments : IDisposable
{
    private readonly KnowledgeIndex index;
    private readonly string[] keys;
    private readonly int[][] frequencies;

    /// <param name="placings">The <see cref="Placing"/>s of the documents the question may admit, by value.</param>
    public AllowedDocuments(KnowledgeIndex index, IReadOnlyList<string> required, bool[] placings)
    {
        this.index = index;
        var lists = required.Select(key => (Key: key, Postings: index.Postings(key))).OrderBy(k => k.Postings.Count).ToList();
        keys = [.. lists.Select(k => k.Key)];
        frequencies = [.. lists.Select(_ => index.FoundDocuments.Rent(lists[0].Postings.Count))];
        Marks = index.MarkArrays.Rent();
        List = index.FoundDocuments.Rent(lists[0].Postings.Count);
        Count = Intersect(lists.ConvertAll(k => k.Postings), placings);
    }

    /// <summary>Each allowed document marked, by position.</summary>
    public bool[] Marks { get; }

    /// <summary>The allowed documents in document order: the first <see cref="Count"/>.</summary>
    public int[] List { get; }

    public int Count { get; }

    /// <summary>How often each allowed document (as in <see cref="List"/>) has <paramref name="key"/>, or null for a
    /// key that is not required.</summary>
    public int[]? FrequenciesOf(string key) => Array.IndexOf(keys, key) is >= 0 and var at ? frequencies[at] : null;

    /// <summary>The rarest key's postings that every other key's postings also hold, read side by side in
    /// document order.</summary>
    private int Intersect(List<PostingList> lists, bool[] placings)
    {
        var others = lists.Skip(1).Select(list => new PostingCursor(list)).ToArray();
        var (marks, list, counts, placed) = (Marks, List, frequencies[0], index.Placings);
        var count = 0;
        if (others.Length == 0)
        {
            return Admitted(lists[0], placings);
        }

        foreach (var posting in lists[0])
        {
            var document = posting.Document;
            if (!placings[(int)placed[document]] || !AllHold(others, document))
            {
                continue;
            }

            marks[document] = true;
            counts[count] = posting.Frequency;
            for (var i = 0; i < others.Length; i++)
            {
                frequencies[i + 1][count] = others[i].Frequency;
            }

            list[count++] = document;
        }

        return count;
    }

    /// <summary>The documents of one required key's postings whose place the question admits: each written where
    /// the next would go and counted only if admitted, so that a place that changes from document to document costs
    /// no mispredicted branch (tens of thousands of postings for a common entity).</summary>
    private int Admitted(PostingList postings, bool[] placings)
    {
        var (marks, list, counts, placed) = (Marks, List, frequencies[0], index.Placings);
        var count = 0;
        foreach (var posting in postings)
        {
            var document = posting.Document;
            var admitted = placings[(int)placed[document]];
            marks[document] = admitted;
            list[count] = document;
            counts[count] = posting.Frequency;
            count += admitted ? 1 : 0;
        }

        return count;
    }

    /// <summary>Whether every cursor's list holds the document (each read forward to it).</summary>
    private static bool AllHold(PostingCursor[] cursors, int document)
    {
        foreach (var cursor in cursors)
        {
            if (!cursor.SkipTo(document))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        for (var i = 0; i < Count; i++)
        {
            Marks[List[i]] = false;
        }

        index.MarkArrays.Return(Marks);
        index.FoundDocuments.Return(List);
        foreach (var counts in frequencies)
        {
            index.FoundDocuments.Return(counts);
        }
    }
}
