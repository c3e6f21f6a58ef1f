using System.Collections.Concurrent;

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
    private readonly ConcurrentDictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Lock adding = new();
    private string[] keys = new string[1024];
    private int count;
    private readonly Lock sensing = new();
    private int[]?[] senses = [];
    private int[]?[] sources = [];
    private int sensed;

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
    public ReadOnlySpan<int> SensesOf(int id) => Volatile.Read(ref senses) is var all && id < all.Length ? all[id] : [];

    /// <summary>The numbers of the words that have sense <paramref name="id"/>, in order.</summary>
    public ReadOnlySpan<int> WordsOf(int id) => Volatile.Read(ref sources) is var all && id < all.Length ? all[id] : [];

    /// <summary>Links every key numbered since the last call with its senses, as <paramref name="sensesOf"/> gives
    /// them (numbering the sense keys). Done before an index that holds the new keys serves.</summary>
    internal void AddSenses(Func<string, IEnumerable<string>> sensesOf)
    {
        lock (sensing)
        {
            var found = new List<(int Word, int[] Senses)>();
            for (var id = sensed; id < Count; id++)
            {
                if (sensesOf(this[id]).Select(Add).Distinct().Order().ToArray() is { Length: > 0 } of)
                {
                    found.Add((id, of));
                }
            }

            sensed = Count;
            Link(found);
        }
    }

    /// <summary>A vocabulary as the index cache stored it: its keys in order, each with its senses.</summary>
    internal static Vocabulary Restore(IReadOnlyList<string> keys, IReadOnlyList<int[]> senses)
    {
        var vocabulary = new Vocabulary();
        for (var id = 0; id < keys.Count; id++)
        {
            if (vocabulary.Add(keys[id]) != id)
            {
                throw new InvalidDataException("a key is stored twice");
            }
        }

        if (senses.Any(of => of.Any(s => (uint)s >= (uint)keys.Count)))
        {
            throw new InvalidDataException("a sense is not a stored key");
        }

        vocabulary.sensed = keys.Count;
        vocabulary.Link([.. senses.Select((of, id) => (id, of)).Where(s => s.of.Length > 0)]);
        return vocabulary;
    }

    /// <summary>Publishes new links: arrays that grow are copied, so that a question reading them while a reload
    /// links new words sees the links before or after, never half of them.</summary>
    private void Link(List<(int Word, int[] Senses)> found)
    {
        var grownSenses = Grown(senses, Count);
        var grownSources = Grown(sources, Count);
        foreach (var (word, of) in found)
        {
            grownSenses[word] = of;
        }

        foreach (var group in found.SelectMany(f => f.Senses.Select(s => (Sense: s, f.Word))).GroupBy(l => l.Sense))
        {
            grownSources[group.Key] = [.. grownSources[group.Key] ?? [], .. group.Select(l => l.Word)];
        }

        Volatile.Write(ref sources, grownSources);
        Volatile.Write(ref senses, grownSenses);
    }

    private static int[]?[] Grown(int[]?[] links, int size)
    {
        if (links.Length >= size)
        {
            return links;
        }

        var grown = new int[]?[Math.Max(size, links.Length * 2)];
        links.CopyTo(grown, 0);
        return grown;
    }
}
