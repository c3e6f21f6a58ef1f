using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// Every index key once, by number: documents hold the numbers of their keys, not strings of their own, and the
/// postings of a key are found by its number. A reload that keeps documents keeps their vocabulary and adds to it
/// while questions read it, so it only grows (a key of a removed article stays until the next full build) and is
/// safe to read while a reload adds to it.
/// It also links a Chinese word's key with the keys of its English senses (<c>~stem</c>, see
/// <see cref="DocumentIndexer.SenseKeys"/>) both ways: a sentence holds only its words, and what it holds of their
/// senses follows from them (<see cref="IndexedDocument"/>), which halves what ten thousand articles take.
/// </summary>
public sealed class Vocabulary
{
    private readonly ConcurrentDictionary<string, int> ids;
    private readonly Lock adding = new();
    private string[] keys;
    private int count;
    private readonly Lock sensing = new();
    private SenseLinks links = new(LinkTable.Empty, LinkTable.Empty);

    public Vocabulary()
        : this(1024)
    {
    }

    private Vocabulary(int capacity)
    {
        ids = new(Environment.ProcessorCount, capacity, StringComparer.Ordinal);
        keys = new string[capacity];
    }

    public int Count => Volatile.Read(ref count);

    public string this[int id] => Volatile.Read(ref keys)[id];

    /// <summary>The number of <paramref name="key"/>, given one if it has none yet.</summary>
    public int Add(string key)
    {
        if (ids.TryGetValue(key, out var id))
        {
            return id;
        }

        lock (adding)
        {
            if (ids.TryGetValue(key, out id))
            {
                return id;
            }

            id = count;
            if (id == IndexedDocument.MaxKeys)
            {
                throw new InvalidOperationException($"the index cannot number more than {IndexedDocument.MaxKeys:N0} distinct keys");
            }

            if (id == keys.Length)
            {
                var grown = new string[keys.Length * 2];
                keys.CopyTo(grown, 0);
                Volatile.Write(ref keys, grown);
            }

            keys[id] = key;
            Volatile.Write(ref count, id + 1);
            ids[key] = id;
            return id;
        }
    }

    public bool TryGetId(string key, out int id) => ids.TryGetValue(key, out id);

    /// <summary>The numbers of the sense keys of word <paramref name="id"/>, in order (none for a key that is not a
    /// Chinese word).</summary>
    public ReadOnlySpan<int> SensesOf(int id) => Volatile.Read(ref links).Senses.Of(id);

    /// <summary>The numbers of the words that have sense <paramref name="id"/>, in order.</summary>
    public ReadOnlySpan<int> WordsOf(int id) => Volatile.Read(ref links).Words.Of(id);

    /// <summary>The links of words to their senses and back, each as one array of targets in key order with where
    /// each key's start: the postings of ten thousand articles read a word's senses ten million times, and one
    /// small array per word would scatter them over the heap.</summary>
    internal SenseLinks Links => Volatile.Read(ref links);

    /// <summary>Links every key numbered since the last call with its senses, as <paramref name="sensesOf"/> gives
    /// them (numbering the sense keys). Done before an index that holds the new keys serves.</summary>
    internal void AddSenses(Func<string, IEnumerable<string>> sensesOf)
    {
        lock (sensing)
        {
            var found = new List<int[]>();
            var first = Links.Senses.Count;
            for (var id = first; id < Count; id++)
            {
                found.Add(sensesOf(this[id]).Select(Add).Distinct().Order().ToArray());
            }

            Link(first, found);
        }
    }

    /// <summary>A vocabulary as the index cache stored it: its keys in order, each with its senses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Vocabulary Restore(IReadOnlyList<string> keys, IReadOnlyList<int[]> senses)
    {
        // Room for the keys a few reloads add, so that neither the table nor the array is copied meanwhile.
        var vocabulary = new Vocabulary(Math.Max(1024, keys.Count + keys.Count / 8));
        for (var id = 0; id < keys.Count; id++)
        {
            if (vocabulary.Add(keys[id]) != id)
            {
                throw new InvalidDataException("a key is stored twice");
            }
        }

        foreach (var of in senses)
        {
            foreach (var sense in of)
            {
                if ((uint)sense >= (uint)keys.Count)
                {
                    throw new InvalidDataException("a sense is not a stored key");
                }
            }
        }

        vocabulary.Link(0, senses);
        return vocabulary;
    }

    /// <summary>Publishes the links with those of the keys from <paramref name="first"/> on: new arrays, so that a
    /// question reading them while a reload links new words sees the links before or after, never half of them.</summary>
    private void Link(int first, IReadOnlyList<int[]> added)
    {
        var before = Links.Senses;
        var senses = LinkTable.Build(first + added.Count, id => id < first ? before.Of(id) : added[id - first]);
        var words = new List<int>[Count];
        for (var id = 0; id < senses.Count; id++)
        {
            foreach (var sense in senses.Of(id))
            {
                (words[sense] ??= []).Add(id);
            }
        }

        Volatile.Write(ref links, new SenseLinks(senses, LinkTable.Build(Count, id => words[id] is { } of ? CollectionsMarshal.AsSpan(of) : [])));
    }

    internal sealed record SenseLinks(LinkTable Senses, LinkTable Words);

    /// <summary>Each key's links as a range of one array of targets.</summary>
    internal sealed class LinkTable(int[] starts, int[] targets)
    {
        public static LinkTable Empty { get; } = new([0], []);

        /// <summary>How many keys the table has links for (those after it have none yet).</summary>
        public int Count => starts.Length - 1;

        public ReadOnlySpan<int> Of(int id) => (uint)id < (uint)Count ? targets.AsSpan(starts[id], starts[id + 1] - starts[id]) : [];

        public delegate ReadOnlySpan<int> LinksOf(int id);

        public static LinkTable Build(int keys, LinksOf of)
        {
            var starts = new int[keys + 1];
            var targets = new List<int>();
            for (var id = 0; id < keys; id++)
            {
                targets.AddRange(of(id));
                starts[id + 1] = targets.Count;
            }

            return new LinkTable(starts, [.. targets]);
        }
    }
}
