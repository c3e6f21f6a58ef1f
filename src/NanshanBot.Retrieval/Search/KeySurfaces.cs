using NanshanBot.Retrieval.Index;

namespace NanshanBot.Retrieval.Search;

/// <summary>Where an index key is first written in a document's text: a term by any of its names, a word as
/// itself; for what a sentence names first.</summary>
internal sealed class KeySurfaces(KnowledgeIndex index)
{
    private readonly Dictionary<string, string[]> surfaces = new(StringComparer.Ordinal);

    /// <summary>The first position, or -1 for a key the text does not write or that has no surface of its own (a
    /// translation, a figure).</summary>
    public int FirstAt(IndexedDocument document, string key)
    {
        if (key[0] == DocumentIndexer.GlossPrefix[0] || key[0] == '#')
        {
            return -1;
        }

        if (!surfaces.TryGetValue(key, out var names))
        {
            names = key[0] == '@' && index.Knowledge.Terms.TryGetValue(key[1..], out var term)
                ? [.. term.Names.Select(index.Analyzer.Normalize)]
                : [key];
            surfaces[key] = names;
        }

        var first = -1;
        foreach (var name in names)
        {
            var at = document.TextIndexOf(name);
            first = at >= 0 && (first < 0 || at < first) ? at : first;
        }

        return first;
    }

    /// <summary>The first position at which the text writes any of the keys, or -1.</summary>
    public int FirstOf(IndexedDocument document, IEnumerable<string> keys) =>
        keys.Select(k => FirstAt(document, k)).Where(at => at >= 0).DefaultIfEmpty(-1).Min();
}
