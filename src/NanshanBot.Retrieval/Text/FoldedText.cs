namespace NanshanBot.Retrieval.Text;

/// <summary>
/// The normalised form of most article sentences follows from the sentence character by character: full-width
/// letters, digits and punctuation as ASCII, lower case, the typographic apostrophe as a plain one. Such a sentence
/// needs no second copy of its text to be searched in normalised form (ten thousand articles hold some 25 million
/// characters of it); one that normalises otherwise (traditional characters, "…" as "...") keeps its copy.
/// </summary>
internal static class FoldedText
{
    /// <remarks>ASCII and the CJK block (its symbols, kana and ideographs: most of the text searched) are folded
    /// without culture casing, which costs a call per character and changes nothing there: ASCII lower-cases A-Z
    /// only, and the CJK block has no case.</remarks>
    public static char Fold(char c) => c switch
    {
        <= '\u007F' => AsciiLower(c),
        >= '\u3001' and <= '\u9FFF' => c,
        >= '\uFF01' and <= '\uFF5E' => AsciiLower((char)(c - 0xFEE0)),
        '\u3000' => ' ',
        '\u2019' => '\'',
        _ => char.ToLowerInvariant(c),
    };

    private static char AsciiLower(char c) => char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;

    /// <summary>Whether <paramref name="normalized"/> is <paramref name="text"/> folded character by character.</summary>
    public static bool FoldsTo(string text, string normalized)
    {
        if (text.Length != normalized.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (Fold(text[i]) != normalized[i])
            {
                return false;
            }
        }

        return true;
    }

    public static string Folded(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = Fold(source[i]);
        }
    });

    /// <summary>Whether the folded <paramref name="text"/> contains <paramref name="word"/> (normalised), without
    /// folding a copy.</summary>
    public static bool Contains(string text, string word) => IndexOf(text, word) >= 0;

    /// <summary>Where <paramref name="word"/> (normalised) first stands in the folded <paramref name="text"/> (the
    /// same place as in the text: folding maps one character to one), or -1, without folding a copy: a character
    /// outside ASCII that has no case (a Chinese one) folds only from itself, so the search jumps to it as a plain
    /// one would.</summary>
    public static int IndexOf(string text, string word)
    {
        if (word.Length == 0)
        {
            return 0;
        }

        var first = word[0];
        var onlyItself = first is >= '\u3001' and <= '\u9FFF'
            || (first > '\u007F' && char.ToUpperInvariant(first) == first && char.ToLowerInvariant(first) == first);
        for (var i = 0; i + word.Length <= text.Length; i++)
        {
            if (onlyItself)
            {
                i = text.IndexOf(first, i);
                if (i < 0 || i + word.Length > text.Length)
                {
                    return -1;
                }
            }
            else if (Fold(text[i]) != first)
            {
                continue;
            }

            var j = 1;
            while (j < word.Length && Fold(text[i + j]) == word[j])
            {
                j++;
            }

            if (j == word.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
