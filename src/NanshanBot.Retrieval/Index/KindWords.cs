using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>English words (as stems) that say what kind of thing a word is: a kind of place (province, city), or
/// where an organisation is (its office, its headquarters). A Chinese word is matched by its one-word senses.</summary>
public static class KindWords
{
    public static readonly IReadOnlySet<string> PlaceNouns = Stems("province", "city", "country", "region", "county", "town", "nation", "continent", "village");

    /// <summary>Asked for ("which districts"), a district is a place; in a text, "district" is mostly Nanshan's own.</summary>
    public static readonly IReadOnlySet<string> AskedPlaceNouns = Stems("province", "city", "country", "region", "county", "town", "nation", "village", "district", "place", "area");

    public static readonly IReadOnlySet<string> Premises = Stems("office", "headquarters", "address", "campus", "premises", "venue", "location");

    private static HashSet<string> Stems(params string[] words) => words.Select(EnglishStemmer.Stem).ToHashSet(StringComparer.Ordinal);
}
