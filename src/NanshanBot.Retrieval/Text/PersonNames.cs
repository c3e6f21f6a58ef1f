namespace NanshanBot.Retrieval.Text;

/// <summary>Where a person's name is in a text, by position in its normalised form.</summary>
public readonly record struct NameSpan(int Start, int Length);

/// <summary>
/// Finds people's names in article text, which no term list can know in advance: in Chinese, a surname after
/// a title (区长李小宁) or before a verb of saying at a clause's start (李小宁介绍，); in English, two or three
/// capitalised words of pinyin that start with a Chinese surname (Zeng Pai, Xi Jinping).
/// </summary>
public sealed class PersonNames(ChineseEnglishDictionary dictionary, Segmenter segmenter, IReadOnlySet<string> titles, Pinyin pinyin)
{
    private static readonly string[] SayingVerbs = ["介绍", "表示", "指出", "认为", "强调", "说", "称"];

    /// <param name="normalized">The normalised text (lower case, simplified).</param>
    /// <param name="original">The same text as written, for the capital letters of English names; it must be as
    /// long as <paramref name="normalized"/> to be used.</param>
    public List<NameSpan> Find(string normalized, string original)
    {
        var names = new List<NameSpan>();
        FindAfterTitles(normalized, names);
        FindBeforeSaying(normalized, names);
        if (original.Length == normalized.Length)
        {
            FindEnglish(original, names);
        }

        return names;
    }

    private void FindAfterTitles(string text, List<NameSpan> names)
    {
        foreach (var title in titles)
        {
            for (var at = text.IndexOf(title, StringComparison.Ordinal); at >= 0; at = text.IndexOf(title, at + 1, StringComparison.Ordinal))
            {
                var start = at + title.Length;
                if (NameLength(text, start) is > 0 and var length)
                {
                    names.Add(new NameSpan(start, length));
                }
            }
        }
    }

    /// <summary>A surname and one or two more characters; two when the characters after them begin a word.</summary>
    private int NameLength(string text, int start)
    {
        if (start + 1 >= text.Length || !IsHan(text, start) || !IsHan(text, start + 1) || !dictionary.IsSurname(text[start]))
        {
            return 0;
        }

        if (!IsHan(text, start + 2))
        {
            return 2;
        }

        var wordAfterTwo = start + 4 <= text.Length && segmenter.IsKnown(text.AsSpan(start + 2, 2));
        return wordAfterTwo ? 2 : 3;
    }

    private void FindBeforeSaying(string text, List<NameSpan> names)
    {
        foreach (var verb in SayingVerbs)
        {
            for (var at = text.IndexOf(verb, StringComparison.Ordinal); at >= 0; at = text.IndexOf(verb, at + 1, StringComparison.Ordinal))
            {
                foreach (var length in (ReadOnlySpan<int>)[3, 2])
                {
                    var start = at - length;
                    if (start >= 0 && (start == 0 || !IsHan(text, start - 1)) && dictionary.IsSurname(text[start])
                        && text.AsSpan(start, length).ContainsAnyExcept(text[start]) && AllHan(text, start, length))
                    {
                        names.Add(new NameSpan(start, length));
                        break;
                    }
                }
            }
        }
    }

    private void FindEnglish(string original, List<NameSpan> names)
    {
        var words = new List<(int Start, int Length)>();
        for (var i = 0; i < original.Length; i++)
        {
            if (char.IsAsciiLetterUpper(original[i]) && (i == 0 || !char.IsAsciiLetter(original[i - 1])))
            {
                var end = i + 1;
                while (end < original.Length && char.IsAsciiLetterLower(original[end]))
                {
                    end++;
                }

                words.Add((i, end - i));
                i = end;
            }
        }

        for (var w = 0; w + 1 < words.Count; w++)
        {
            var count = 1;
            while (w + count < words.Count && count < 3 && Adjacent(original, words[w + count - 1], words[w + count])
                   && pinyin.IsSyllables(original.AsSpan(words[w + count].Start, words[w + count].Length).ToString().ToLowerInvariant()))
            {
                count++;
            }

            var first = original.Substring(words[w].Start, words[w].Length).ToLowerInvariant();
            if (count >= 2 && pinyin.IsSurname(first))
            {
                var end = words[w + count - 1].Start + words[w + count - 1].Length;
                names.Add(new NameSpan(words[w].Start, end - words[w].Start));
                w += count - 1;
            }
        }
    }

    private static bool Adjacent(string text, (int Start, int Length) a, (int Start, int Length) b) =>
        b.Start == a.Start + a.Length + 1 && text[a.Start + a.Length] == ' ';

    private static bool IsHan(string text, int i) => i < text.Length && LanguageDetector.IsHan(text[i]);

    private static bool AllHan(string text, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (!IsHan(text, i))
            {
                return false;
            }
        }

        return true;
    }
}
