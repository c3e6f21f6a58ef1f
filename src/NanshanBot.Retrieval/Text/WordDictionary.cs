using System.Globalization;

namespace NanshanBot.Retrieval.Text;

/// <summary>A word's corpus frequency and part of speech (jieba's tags: n noun, ns place, v verb, t time...).</summary>
public readonly record struct WordInfo(int Frequency, string Pos);

/// <summary>The general Chinese vocabulary the segmenter uses: jieba's word-frequency dictionary.</summary>
/// <remarks>350,000 words: held as a <see cref="WordTable"/> with each word's frequency and tag by its number.</remarks>
public sealed class WordDictionary
{
    /// <summary>The longest word a line may give (jieba's longest is under 20 characters).</summary>
    private const int MaxLineWord = 64;

    private readonly WordTable words;
    private readonly int[] frequencies;
    private readonly byte[] tags;
    private readonly string[] tagNames;

    private WordDictionary(WordTable words, int[] frequencies, byte[] tags, string[] tagNames, long total, int maxLength)
    {
        (this.words, this.frequencies, this.tags, this.tagNames) = (words, frequencies, tags, tagNames);
        LogTotal = Math.Log(total);
        MaxWordLength = maxLength;
    }

    public double LogTotal { get; }

    public int MaxWordLength { get; }

    public int Count => words.Count;

    /// <summary>Reads lines of <c>word frequency pos</c>; a word given twice keeps its last line.</summary>
    public static WordDictionary Load(string path)
    {
        var words = new WordTable();
        var frequencies = new List<int>(1 << 19);
        var tags = new List<byte>(1 << 19);
        var tagNames = new List<string>();
        var tagNumbers = new Dictionary<string, byte>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        long total = 0;
        var maxLength = 1;
        var lower = new char[MaxLineWord];
        ResourceLines.ForEach(path, line =>
        {
            var firstSpace = line.IndexOf(' ');
            if (firstSpace <= 0 || firstSpace > MaxLineWord)
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

            var tag = secondSpace < 0 ? "x" : rest[(secondSpace + 1)..];
            if (!tagNumbers.TryGetValue(tag, out var tagNumber))
            {
                tagNumber = checked((byte)tagNames.Count);
                tagNames.Add(tag.ToString());
                tagNumbers[tag] = tagNumber;
            }

            var word = line[..firstSpace];
            if (word.ContainsAnyInRange('A', 'Z'))
            {
                var folded = lower.AsSpan(0, word.Length);
                word.ToLowerInvariant(folded);
                word = folded;
            }

            var id = words.Add(word);
            if (id == frequencies.Count)
            {
                frequencies.Add(freq);
                tags.Add(tagNumber);
            }
            else
            {
                (frequencies[id], tags[id]) = (freq, tagNumber);
            }

            total += freq;
            maxLength = Math.Max(maxLength, Math.Min(word.Length, 12));
        });

        words.TrimExcess();
        return new WordDictionary(words, [.. frequencies], [.. tags], [.. tagNames], total, maxLength);
    }

    public bool TryGet(ReadOnlySpan<char> word, out WordInfo info)
    {
        var found = words.Find(word);
        info = found < 0 ? default : new WordInfo(frequencies[found], tagNames[tags[found]]);
        return found >= 0;
    }
}
