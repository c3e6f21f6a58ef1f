using System.Text.RegularExpressions;

namespace NanshanBot.Retrieval.Index;

/// <summary>A district, zone or city an English article names by its suffix ("Tianhe District"), by the key it
/// counts as (a place term's, or the name itself when the knowledge has none) and the shorter name the article
/// then calls it by ("Tianhe").</summary>
internal readonly record struct EnglishDistrict(string Key, string Name, string Short);

/// <summary>
/// Finds the districts an English article names, known to the knowledge or not: "Longhua and Luohu are both among
/// the top 20" names two places when the article has called the first "Longhua District", though the knowledge
/// knows only that full name. A report on a place the knowledge has no name for is then still a report on another
/// place, and its figures, people and district head are not taken for Nanshan's.
/// </summary>
internal static partial class EnglishDistricts
{
    /// <param name="known">The key of a place term by one of its names (lower case): a peer's key, "" for Nanshan,
    /// its parts and parents (never another place), or null for a name the knowledge lacks.</param>
    /// <param name="isWord">Whether a word is an English word ("The", "Central"), which names no place.</param>
    public static List<EnglishDistrict> In(IEnumerable<string> texts, Func<string, string?> known, Func<string, bool> isWord)
    {
        var found = new Dictionary<string, EnglishDistrict>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (Match m in Named().Matches(text))
            {
                var words = m.Groups["short"].Value.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .SkipWhile(isWord).ToList();
                if (words.Count == 0)
                {
                    continue;
                }

                var shortName = string.Join(' ', words);
                var name = shortName + m.Value[m.Groups["short"].Length..].ToLowerInvariant();
                // A name that starts with one the knowledge has ("Qianhai Cooperation Zone", "Houhai Central District")
                // is that place or a part of it.
                var key = known(name) ?? known(shortName) ?? known(words[0]) ?? name;
                if (key.Length > 0 && !found.ContainsKey(name))
                {
                    found[name] = new EnglishDistrict(key, name, shortName);
                }
            }
        }

        return [.. found.Values];
    }

    /// <summary>The keys of the districts a normalised (lower-case) text names by their full or short name,
    /// outside the given stretches (what it only compares with).</summary>
    public static IEnumerable<string> NamedIn(string normalized, IReadOnlyList<EnglishDistrict> districts, List<Text.Enumeration> outside)
    {
        foreach (var district in districts)
        {
            if (IsNamed(normalized, district.Name, outside) || IsNamed(normalized, district.Short, outside))
            {
                yield return district.Key;
            }
        }
    }

    private static bool IsNamed(string text, string name, List<Text.Enumeration> outside)
    {
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            var whole = (at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || !char.IsLetter(text[end]));
            if (whole && !Text.Enumerations.Contains(outside, at))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One to three capitalised words, then what makes them a district, zone or city.</summary>
    [GeneratedRegex(@"\b(?<short>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}?)\s+(?:(?:Hi-tech|High-tech|Cooperation|Economic|Development|New)\s+)?(?:District|Area|Zone|County|City)\b")]
    private static partial Regex Named();
}
