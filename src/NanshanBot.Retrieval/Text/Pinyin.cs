using System.Text;

namespace NanshanBot.Retrieval.Text;

/// <summary>
/// Pinyin from CC-CEDICT's readings: what Chinese words sound like without tones (人均 and 人钧 are both
/// "ren jun", so one typed for the other is a typo), how a Chinese name is written in English (李小宁: Li Xiaoning),
/// and whether an English word is pinyin (Zeng, Xiaoning), as Chinese names in English text are.
/// </summary>
public sealed class Pinyin
{
    private const int MaxKeys = 8;
    private readonly ChineseEnglishDictionary dictionary;
    private readonly HashSet<string> syllables = new(StringComparer.Ordinal);
    private readonly HashSet<string> surnames = new(StringComparer.Ordinal);

    public Pinyin(ChineseEnglishDictionary dictionary)
    {
        this.dictionary = dictionary;
        foreach (var (c, readings) in dictionary.AllReadings)
        {
            syllables.UnionWith(readings);
            if (dictionary.IsSurname(c))
            {
                surnames.Add(readings[0]);
            }
        }
    }

    public bool IsSurname(string lowerSyllable) => surnames.Contains(lowerSyllable);

    /// <summary>Whether a lower-case word is one or more pinyin syllables ("xiaoning" = xiao + ning).</summary>
    public bool IsSyllables(string word)
    {
        var reachable = new bool[word.Length + 1];
        reachable[0] = true;
        for (var i = 0; i < word.Length; i++)
        {
            for (var length = 1; reachable[i] && length <= 6 && i + length <= word.Length; length++)
            {
                reachable[i + length] |= syllables.Contains(word.Substring(i, length));
            }
        }

        return reachable[word.Length];
    }

    /// <summary>The toneless readings of a run of characters, each combination of its characters' readings
    /// ("ren jun"); at most a few for characters with several readings.</summary>
    public List<string> Keys(ReadOnlySpan<char> word)
    {
        var keys = new List<string> { "" };
        foreach (var c in word)
        {
            var readings = dictionary.Readings(c);
            if (readings.Length == 0)
            {
                return [];
            }

            keys = keys.SelectMany(k => readings.Select(r => k.Length == 0 ? r : k + " " + r)).Take(MaxKeys).ToList();
        }

        return keys;
    }

    /// <summary>How a place or a name is written in English text, in one word: 蛇口 gives "shekou", 前海 "qianhai".</summary>
    public string? Spelled(ReadOnlySpan<char> word)
    {
        var text = new StringBuilder();
        foreach (var c in word)
        {
            var readings = dictionary.Readings(c);
            if (readings.Length == 0)
            {
                return null;
            }

            text.Append(readings[0]);
        }

        return text.ToString();
    }

    /// <summary>A toneless key with the sounds people mix up when they type by pinyin folded together: zh/z, ch/c,
    /// sh/s, l/n at the start of a syllable; ang/an, eng/en, ing/in at its end (上市 and 上四 sound alike).</summary>
    public static string Fuzzy(string key)
    {
        var syllables = key.Split(' ');
        for (var i = 0; i < syllables.Length; i++)
        {
            var s = syllables[i];
            s = s.StartsWith("zh", StringComparison.Ordinal) || s.StartsWith("ch", StringComparison.Ordinal) || s.StartsWith("sh", StringComparison.Ordinal)
                ? s[0] + s[2..] : s.StartsWith('l') ? "n" + s[1..] : s;
            syllables[i] = s.EndsWith("ng", StringComparison.Ordinal) && s.Length > 2 && s[^3] is 'a' or 'e' or 'i' ? s[..^1] : s;
        }

        return string.Join(' ', syllables);
    }

    /// <summary>A Chinese name in English: the surname, then the given name as one word (李小宁: Li Xiaoning).</summary>
    public string RomanizeName(ReadOnlySpan<char> name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var readings = dictionary.Readings(name[i]);
            var syllable = readings.Length > 0 ? readings[0].Replace('v', 'ü') : name[i].ToString();
            if (i <= 1 && syllable.Length > 0)
            {
                text.Append(i == 1 ? " " : "").Append(char.ToUpperInvariant(syllable[0])).Append(syllable.AsSpan(1));
            }
            else
            {
                text.Append(syllable);
            }
        }

        return text.ToString();
    }
}
