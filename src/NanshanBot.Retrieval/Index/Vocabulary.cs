using System.Collections.Concurrent;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// Every index key once, by number: documents hold the numbers of their keys, not strings of their own, and the
/// postings of a key are found by its number. A reload that keeps documents keeps their vocabulary and adds to it
/// while questions read it, so it only grows (a key of a removed article stays until the next full build) and is
/// safe to read while a reload adds to it.
/// </summary>
public sealed class Vocabulary
{
    private readonly ConcurrentDictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Lock adding = new();
    private string[] keys = new string[1024];
    private int count;

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
}
