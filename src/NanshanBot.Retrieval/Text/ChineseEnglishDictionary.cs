using System.Collections.Frozen;

namespace NanshanBot.Retrieval.Text;

/// <summary>
/// CC-CEDICT, as the bot uses it: a Chinese word's English senses (so that "universities" finds 高校 and 软体
/// finds 软件 through "software"), each character's pinyin (so that 人钧 reads as 人均), and which characters are
/// surnames (so that 区长李小宁 names a person).
/// </summary>
public sealed class ChineseEnglishDictionary
{
    /// <summary>Each headword's line, kept as one string and split only when the word is looked up.</summary>
    private readonly Dictionary<string, string> entries;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly FrozenDictionary<char, string[]> readings;

    private ChineseEnglishDictionary(Dictionary<string, string> entries, FrozenDictionary<char, string[]> readings)
    {
        this.entries = entries;
        lookup = entries.GetAlternateLookup<ReadOnlySpan<char>>();
        this.readings = readings;
    }

    public int Count => entries.Count;

    /// <summary>Reads lines of <c>simplified TAB pinyin[,pinyin] TAB sense|sense</c>.</summary>
    public static ChineseEnglishDictionary Load(string path)
    {
        var entries = new Dictionary<string, string>(100_000, StringComparer.Ordinal);
        var readings = new Dictionary<char, string[]>();
        ResourceLines.ForEach(path, line =>
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                return;
            }

            var rest = line[(tab + 1)..].ToString();
            entries[line[..tab].ToString()] = rest;
            if (tab == 1)
            {
                readings[line[0]] = Toneless(rest.AsSpan(0, Math.Max(rest.IndexOf('\t'), 0)));
            }
        });

        return new ChineseEnglishDictionary(entries, readings.ToFrozenDictionary());
    }

    /// <summary>The word's English senses ("universities and colleges"), most common first; empty if unknown.</summary>
    public string[] Senses(ReadOnlySpan<char> word)
    {
        if (!lookup.TryGetValue(word, out var entry))
        {
            return [];
        }

        var tab = entry.IndexOf('\t');
        return entry[(tab + 1)..].Split('|');
    }

    /// <summary>The pinyin of a word, syllables separated by spaces, with tone numbers ("ren2 jun1").</summary>
    public string? Pinyin(ReadOnlySpan<char> word) =>
        lookup.TryGetValue(word, out var entry) ? entry[..entry.IndexOfAny([',', '\t'])] : null;

    /// <summary>A character's readings without tones ("jun"); several for a character read more than one way.</summary>
    public string[] Readings(char c) => readings.TryGetValue(c, out var r) ? r : [];

    /// <summary>Every character with its readings.</summary>
    public IEnumerable<KeyValuePair<char, string[]>> AllReadings => readings;

    public bool IsSurname(char c) => Senses(new ReadOnlySpan<char>(in c)).Contains("surname");

    private static string[] Toneless(ReadOnlySpan<char> pinyin)
    {
        var result = new List<string>(1);
        foreach (var range in pinyin.Split(','))
        {
            var reading = pinyin[range].TrimEnd("012345").ToString();
            if (reading.Length > 0 && !result.Contains(reading))
            {
                result.Add(reading);
            }
        }

        return [.. result];
    }
}
