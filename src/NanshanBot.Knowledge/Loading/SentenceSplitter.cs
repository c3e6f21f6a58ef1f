using System.Text;

namespace NanshanBot.Knowledge.Loading;

/// <summary>
/// Splits an article's paragraph into sentences: at 。！？； in Chinese (keeping a closing quote with its
/// sentence), at . ! ? before a space in English unless the full stop ends an abbreviation ("Mr.", "No.", "U.S.")
/// or sits inside a number. A sentence too long to quote in a reply is cut again at its clauses.
/// </summary>
public static class SentenceSplitter
{
    /// <summary>The longest sentence a reply quotes whole; longer ones are cut at commas.</summary>
    public const int MaxChinese = 150;
    public const int MaxEnglish = 320;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "approx", "gov", "dept",
    };

    public static IEnumerable<string> Split(string paragraph, bool chinese)
    {
        foreach (var sentence in Sentences(paragraph))
        {
            foreach (var part in Cut(sentence, chinese ? MaxChinese : MaxEnglish))
            {
                yield return part;
            }
        }
    }

    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!EndsSentence(text, i))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && text[end] is '”' or '」' or '』' or '）' or ')' or '"' or '\'' or '’')
            {
                end++;
            }

            if (text[start..end].Trim() is { Length: > 0 } sentence)
            {
                yield return sentence;
            }

            start = end;
            i = end - 1;
        }

        if (text[start..].Trim() is { Length: > 0 } rest)
        {
            yield return rest;
        }
    }

    private static bool EndsSentence(string text, int i) => text[i] switch
    {
        '。' or '！' or '？' or '；' => true,
        '!' or '?' => i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]),
        '.' => (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !IsAbbreviation(text, i),
        _ => false,
    };

    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && (char.IsAsciiLetter(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }

        var word = text[start..dot];
        return word.Length == 1 && char.IsUpper(word[0]) || Abbreviations.Contains(word);
    }

    /// <summary>Cuts an over-long sentence at its last clause break that keeps each part within the limit.</summary>
    private static IEnumerable<string> Cut(string sentence, int max)
    {
        var rest = sentence;
        while (rest.Length > max)
        {
            var cut = LastClauseBreak(rest, max);
            if (cut < max / 3)
            {
                break;
            }

            yield return rest[..(cut + 1)].Trim();
            rest = rest[(cut + 1)..].Trim();
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static int LastClauseBreak(string text, int max)
    {
        for (var i = max - 1; i > 0; i--)
        {
            var numberComma = text[i] == ',' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (text[i] is '，' or ',' or '：' or ':' && !numberComma)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Joins a paragraph's lines: Chinese lines directly, English ones with a space.</summary>
    public static void AppendLine(StringBuilder paragraph, string line, bool chinese) =>
        paragraph.Append(paragraph.Length > 0 && !chinese ? " " : "").Append(line);
}
