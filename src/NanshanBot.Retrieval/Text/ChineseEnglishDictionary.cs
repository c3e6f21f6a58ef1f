using System.Collections.Frozen;
using System.Text;

namespace NanshanBot.Retrieval.Text;

/// <summary>
/// CC-CEDICT, as the bot uses it: a Chinese word's English senses (so that "universities" finds 高校 and 软体
/// finds 软件 through "software"), each character's pinyin (so that 人钧 reads as 人均), and which characters are
/// surnames (so that 区长李小宁 names a person).
/// </summary>
public sealed class ChineseEnglishDictionary
{
    /// <summary>The headwords; what follows each on its line (pinyin TAB senses) is kept as UTF-8, all lines one
    /// after another, and read only when the word is looked up (a hundred thousand lines of mostly ASCII).</summary>
    private readonly WordTable words;
    private readonly byte[] lines;
    private readonly (int Start, int Length)[] lineOf;
    private readonly FrozenDictionary<char, string[]> readings;

    private ChineseEnglishDictionary(WordTable words, byte[] lines, (int, int)[] lineOf, FrozenDictionary<char, string[]> readings)
    {
        (this.words, this.lines, this.lineOf, this.readings) = (words, lines, lineOf, readings);
    }

    public int Count => words.Count;

    /// <summary>Reads lines of <c>simplified TAB pinyin[,pinyin] TAB sense|sense</c>; a headword given twice keeps
    /// its last line.</summary>
    public static ChineseEnglishDictionary Load(string path)
    {
        var words = new WordTable();
        var lines = new List<byte>(1 << 22);
        var lineOf = new List<(int, int)>(1 << 17);
        var readings = new Dictionary<char, string[]>();
        var buffer = new byte[1 << 10];
        ResourceLines.ForEach(path, line =>
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                return;
            }

            var rest = line[(tab + 1)..];
            var length = Encoding.UTF8.GetByteCount(rest);
            if (length > buffer.Length)
            {
                buffer = new byte[length];
            }

            Encoding.UTF8.GetBytes(rest, buffer);
            var id = words.Add(line[..tab]);
            var stored = (lines.Count, length);
            lines.AddRange(buffer.AsSpan(0, length));
            if (id == lineOf.Count)
            {
                lineOf.Add(stored);
            }
            else
            {
                lineOf[id] = stored;
            }

            if (tab == 1)
            {
                readings[line[0]] = Toneless(rest[..Math.Max(rest.IndexOf('\t'), 0)]);
            }
        });

        words.TrimExcess();
        return new ChineseEnglishDictionary(words, [.. lines], [.. lineOf], readings.ToFrozenDictionary());
    }

    /// <summary>The word's English senses ("universities and colleges"), most common first; empty if unknown.</summary>
    public string[] Senses(ReadOnlySpan<char> word)
    {
        if (Line(word) is not { } entry)
        {
            return [];
        }

        var tab = entry.IndexOf('\t');
        return entry[(tab + 1)..].Split('|');
    }

    /// <summary>The pinyin of a word, syllables separated by spaces, with tone numbers ("ren2 jun1").</summary>
    public string? Pinyin(ReadOnlySpan<char> word) => Line(word) is { } entry ? entry[..entry.IndexOfAny([',', '\t'])] : null;

    /// <summary>What follows the word on its line, or null for a word the dictionary does not have.</summary>
    private string? Line(ReadOnlySpan<char> word)
    {
        var id = words.Find(word);
        return id < 0 ? null : Encoding.UTF8.GetString(lines, lineOf[id].Start, lineOf[id].Length);
    }

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
