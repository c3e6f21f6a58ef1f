using NanshanBot.Knowledge.Model;

namespace NanshanBot.Retrieval.Text;

/// <summary>A term found in text by one of its names.</summary>
public readonly record struct TermMatch(int Start, int Length, Term Term);

/// <summary>
/// Finds the knowledge base's terms in normalised text by any of their names, longest name first. English
/// names match whole words only (so "ai" is not found in "said") and also in their plural.
/// </summary>
public sealed class TermMatcher
{
    private readonly Dictionary<string, Term> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Term>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly int longest;

    private readonly Func<string, bool> startsInsideWord;

    /// <param name="startsInsideWord">Whether a Chinese name found at a position would start in the middle of a
    /// dictionary word (为什么 in 被称为什么 starts inside 称为), so that it is not a match there.</param>
    public TermMatcher(IEnumerable<Term> terms, Func<string, string> normalize, Func<string, bool> startsInsideWord)
    {
        this.startsInsideWord = startsInsideWord;
        foreach (var term in terms)
        {
            foreach (var name in term.Names.Select(normalize).Where(n => n.Length > 1 || LanguageDetector.IsHan(n[0])))
            {
                foreach (var variant in Variants(name))
                {
                    byName.TryAdd(variant, term);
                }
            }
        }

        lookup = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        longest = byName.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
    }

    /// <summary>The names (normalised) the segmenter should treat as words.</summary>
    public IEnumerable<string> Names => byName.Keys;

    /// <summary>Finds terms in <paramref name="text"/>[start..end), skipping nothing inside that range.</summary>
    public void Find(string text, int start, int end, List<TermMatch> output)
    {
        var i = start;
        while (i < end)
        {
            var match = LongestAt(text, i, end);
            if (match is { } m)
            {
                output.Add(m);
                i += m.Length;
            }
            else
            {
                i++;
            }
        }
    }

    private TermMatch? LongestAt(string text, int i, int end)
    {
        if (i > 0 && IsWordChar(text[i]) && IsWordChar(text[i - 1]))
        {
            return null;
        }

        if (i > 0 && LanguageDetector.IsHan(text[i]) && LanguageDetector.IsHan(text[i - 1]) && startsInsideWord(text.Substring(i - 1, 2)))
        {
            return null;
        }

        for (var length = Math.Min(longest, end - i); length >= 1; length--)
        {
            if (!lookup.TryGetValue(text.AsSpan(i, length), out var term))
            {
                continue;
            }

            var after = i + length;
            if (after < text.Length && IsWordChar(text[after - 1]) && IsWordChar(text[after]))
            {
                continue;
            }

            return new TermMatch(i, length, term);
        }

        return null;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c);

    private static IEnumerable<string> Variants(string name)
    {
        yield return name;
        if (!char.IsAsciiLetter(name[^1]))
        {
            yield break;
        }

        if (name.EndsWith('y'))
        {
            yield return name[..^1] + "ies";
        }

        yield return name.EndsWith('s') || name.EndsWith('x') || name.EndsWith("ch", StringComparison.Ordinal) ? name + "es" : name + "s";
        yield return name + "'s";
    }
}
