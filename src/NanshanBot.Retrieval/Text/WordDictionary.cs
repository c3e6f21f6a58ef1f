using System.Globalization;

namespace NanshanBot.Retrieval.Text;

/// <summary>A word's corpus frequency and part of speech (jieba's tags: n noun, ns place, v verb, t time...).</summary>
public readonly record struct WordInfo(int Frequency, string Pos);

/// <summary>The general Chinese vocabulary the segmenter uses: jieba's word-frequency dictionary.</summary>
public sealed class WordDictionary
{
    private readonly Dictionary<string, WordInfo> words;
    private readonly Dictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> lookup;

    private WordDictionary(Dictionary<string, WordInfo> words, long total, int maxLength)
    {
        this.words = words;
        lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        LogTotal = Math.Log(total);
        MaxWordLength = maxLength;
    }

    public double LogTotal { get; }

    public int MaxWordLength { get; }

    public int Count => words.Count;

    /// <summary>Reads lines of <c>word frequency pos</c>.</summary>
    public static WordDictionary Load(string path)
    {
        var words = new Dictionary<string, WordInfo>(360_000, StringComparer.Ordinal);
        var pos = new Dictionary<string, string>(StringComparer.Ordinal);
        long total = 0;
        var maxLength = 1;
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ');
            if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var freq))
            {
                continue;
            }

            var tag = parts.Length > 2 ? parts[2] : "x";
            tag = pos.TryGetValue(tag, out var interned) ? interned : pos[tag] = tag;
            var word = parts[0].ToLowerInvariant();
            words[word] = new WordInfo(freq, tag);
            total += freq;
            maxLength = Math.Max(maxLength, Math.Min(word.Length, 12));
        }

        return new WordDictionary(words, total, maxLength);
    }

    public bool TryGet(ReadOnlySpan<char> word, out WordInfo info) => lookup.TryGetValue(word, out info);
}
