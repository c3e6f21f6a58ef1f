using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// Whose a sentence's figures are, for a question that asks for one. A figure counts what shares its clause
/// (汇聚7所高校 counts universities; 办了一场论坛，把高校……请到一起 does not). A figure whose clause names another
/// place or organisation and not the one asked about is that other one's ("Yantian port remains the biggest
/// gateway, while Bao'an's terminal handled 2.1 million TEUs"); so is one said of what the question asks about
/// before the sentence names the place asked at all: the place it names first is the one whose figure it gives
/// ("横琴……GDP首次突破500亿元，……横琴与罗湖区一同进入百强区前10名" gives no GDP of 罗湖).
/// </summary>
internal sealed class FigureOwners(KnowledgeIndex index, AskedKinds kinds, IReadOnlyList<string> namedThings, KeySurfaces surfaces)
{
    public bool CountsWhatIsAsked(IndexedDocument document, IReadOnlySet<string> hits)
    {
        if (kinds.Expected.Contains('e') && !kinds.Expected.Overlaps("nop"))
        {
            // "Which ones": the list must stand in the same clause as what was asked about.
            return hits.Count == 0 || hits.Any(h => (document.FiguresOf(h) & FigureKinds.List) != 0) || !document.ValueKinds.Contains('e');
        }

        // A rank ("第几") is no figure of a clause (see FigureKinds): the sentence that gives one has one, which is enough.
        if (!kinds.Expected.Overlaps("np"))
        {
            return true;
        }

        if (hits.Count > 0 && !hits.Any(Counted))
        {
            return false;
        }

        if (namedThings.Count == 0 || namedThings.Any(Counted))
        {
            return true;
        }

        return !document.AnyFigureKey(k => Counted(k) && IsOtherEntity(document, k)) && !NamedAfterItsFigure(document, hits.Where(Counted));

        bool Counted(string key) => (document.FiguresOf(key) & kinds.Figures) != FigureKinds.None;
    }

    /// <summary>Whether a key is a named entity other than those asked about: a term, or a district the sentence
    /// names that the knowledge has no term for (苏州工业园区).</summary>
    private bool IsOtherEntity(IndexedDocument document, string key) =>
        !namedThings.Contains(key) && (document.OtherPlaces.Contains(key) || (key[0] == '@' && index.Knowledge.Terms.TryGetValue(key[1..], out var term)
        && term is { IsNamedEntity: true, Role: DefaultRole.None or DefaultRole.Part }));

    /// <summary>Whether the sentence says what was asked about, with its figure, before it names anything the
    /// question names (what it names only by its paragraph or headline does not count).</summary>
    private bool NamedAfterItsFigure(IndexedDocument document, IEnumerable<string> counted)
    {
        var said = surfaces.FirstOf(document, counted);
        var named = namedThings.Select(n => surfaces.FirstAt(document, n)).Where(at => at >= 0).ToList();
        return said >= 0 && named.Count > 0 && named.All(at => at > said);
    }
}
