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
        // Parsed from spans of each line: one string per word and nothing else per line, since this runs at every
        // start-up (350,000 lines).
        var words = new Dictionary<string, WordInfo>(360_000, StringComparer.Ordinal);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        long total = 0;
        var maxLength = 1;
        ResourceLines.ForEach(path, line =>
        {
            var firstSpace = line.IndexOf(' ');
            if (firstSpace <= 0)
            {
                return;
            }

            var rest = line[(firstSpace + 1)..];
            var secondSpace = rest.IndexOf(' ');
            var number = secondSpace < 0 ? rest : rest[..secondSpace];
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var freq))
            {
                return;
            }

            var tagSpan = secondSpace < 0 ? "x" : rest[(secondSpace + 1)..];
            if (!tags.TryGetValue(tagSpan, out var tag))
            {
                tag = tagSpan.ToString();
                tags[tag] = tag;
            }

            var word = line[..firstSpace];
            var key = word.ContainsAnyInRange('A', 'Z') ? word.ToString().ToLowerInvariant() : word.ToString();
            words[key] = new WordInfo(freq, tag);
            total += freq;
            maxLength = Math.Max(maxLength, Math.Min(key.Length, 12));
        });

        return new WordDictionary(words, total, maxLength);
    }

    public bool TryGet(ReadOnlySpan<char> word, out WordInfo info) => lookup.TryGetValue(word, out info);
}
