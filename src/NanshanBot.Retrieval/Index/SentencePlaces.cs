using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// The places an article's sentence names as its own, and those it names only as what it compares with
/// (仅次于南山区, "second only to Nanshan"): a yardstick is not what the sentence is about, so the sentence neither
/// answers a question about it nor says anything of Nanshan by naming it so.
/// </summary>
internal sealed class SentencePlaces
{
    public SentencePlaces(Places places, List<Token> tokens, string normalized, IReadOnlyList<EnglishDistrict> districts)
    {
        var compared = Comparisons.Find(normalized);
        Own = compared.Count == 0 ? tokens : tokens.Where(t => t.Start < 0 || !Enumerations.Contains(compared, t.Start)).ToList();
        Compared = ReferenceEquals(Own, tokens) ? []
            : tokens.Where(t => !t.IsPiece && (places.IsPeer(t) || places.IsSubject(t.Text))).Select(t => t.Text)
                .Except(Own.Select(t => t.Text), StringComparer.Ordinal).ToList();
        NamesSubject = places.NamesSubject(Own);
        ComparesSubject = Compared.Any(places.IsSubject);
        Others = places.Others(Own);
        Others.UnionWith(EnglishDistricts.NamedIn(normalized, districts, compared));
    }

    /// <summary>The sentence's tokens outside what it compares with.</summary>
    public List<Token> Own { get; }

    /// <summary>The places (their keys) the sentence names only in what it compares with.</summary>
    public List<string> Compared { get; }

    /// <summary>Whether the sentence names Nanshan in its own words.</summary>
    public bool NamesSubject { get; }

    /// <summary>Whether the sentence names Nanshan only as what it compares with.</summary>
    public bool ComparesSubject { get; }

    /// <summary>The other districts and cities the sentence names as its own.</summary>
    public HashSet<string> Others { get; }
}
