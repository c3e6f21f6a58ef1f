using System.Globalization;
using System.Runtime.InteropServices;

namespace NanshanBot.Retrieval.Text;

/// <summary>A word's corpus frequency and part of speech (jieba's tags: n noun, ns place, v verb, t time...).</summary>
public readonly record struct WordInfo(int Frequency, string Pos);

/// <summary>The general Chinese vocabulary the segmenter uses: jieba's word-frequency dictionary.</summary>
/// <remarks>Held in a few flat arrays (every word's characters one after another, its frequency and tag by number,
/// and an open-addressing table of word numbers), not as 350,000 strings in a hash map: a tenth of the memory, read
/// the same way, by a span of the text being segmented.</remarks>
public sealed class WordDictionary
{
    /// <summary>The table has at least this many slots per word, so that a word that is not there (most of what the
    /// segmenter asks) is found missing after one or two probes.</summary>
    private const int SlotsPerWord = 3;

    /// <summary>The longest word a line may give (jieba's longest is under 20 characters).</summary>
    private const int MaxLineWord = 64;

    private readonly char[] text;
    private readonly int[] starts;
    private readonly int[] frequencies;
    private readonly byte[] tags;
    private readonly string[] tagNames;

    /// <summary>Each word's number plus one at the first free slot from its hash on; 0 for a free slot.</summary>
    private readonly int[] slots;

    private WordDictionary(Builder built, long total, int maxLength)
    {
        (text, starts, frequencies, tags, tagNames, slots) =
            (built.Text.ToArray(), built.Starts.ToArray(), built.Frequencies.ToArray(), built.Tags.ToArray(), built.TagNames.ToArray(), built.Slots);
        LogTotal = Math.Log(total);
        MaxWordLength = maxLength;
    }

    public double LogTotal { get; }

    public int MaxWordLength { get; }

    public int Count => frequencies.Length;

    /// <summary>Reads lines of <c>word frequency pos</c>; a word given twice keeps its last line.</summary>
    public static WordDictionary Load(string path)
    {
        var built = new Builder();
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

            var word = line[..firstSpace];
            if (word.ContainsAnyInRange('A', 'Z'))
            {
                var folded = lower.AsSpan(0, word.Length);
                word.ToLowerInvariant(folded);
                word = folded;
            }

            built.Add(word, freq, secondSpace < 0 ? "x" : rest[(secondSpace + 1)..]);
            total += freq;
            maxLength = Math.Max(maxLength, Math.Min(word.Length, 12));
        });

        return new WordDictionary(built, total, maxLength);
    }

    public bool TryGet(ReadOnlySpan<char> word, out WordInfo info)
    {
        var found = Find(text, starts, slots, word);
        info = found < 0 ? default : new WordInfo(frequencies[found], tagNames[tags[found]]);
        return found >= 0;
    }

    /// <summary>The number of <paramref name="word"/> in <paramref name="slots"/>, or -1.</summary>
    private static int Find(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, int[] slots, ReadOnlySpan<char> word)
    {
        var mask = slots.Length - 1;
        for (var slot = string.GetHashCode(word) & mask; ; slot = (slot + 1) & mask)
        {
            var number = slots[slot] - 1;
            if (number < 0)
            {
                return -1;
            }

            if (starts[number + 1] - starts[number] == word.Length && text.Slice(starts[number], word.Length).SequenceEqual(word))
            {
                return number;
            }
        }
    }

    /// <summary>The arrays as they are filled, line by line.</summary>
    private sealed class Builder
    {
        private readonly Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> tagNumbers =
            new Dictionary<string, byte>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        public List<char> Text { get; } = new(1 << 20);

        public List<int> Starts { get; } = [0];

        public List<int> Frequencies { get; } = new(1 << 19);

        public List<byte> Tags { get; } = new(1 << 19);

        public List<string> TagNames { get; } = [];

        public int[] Slots { get; private set; } = new int[1 << 20];

        public void Add(ReadOnlySpan<char> word, int frequency, ReadOnlySpan<char> tag)
        {
            if (!tagNumbers.TryGetValue(tag, out var tagNumber))
            {
                tagNumber = checked((byte)TagNames.Count);
                TagNames.Add(tag.ToString());
                tagNumbers[tag] = tagNumber;
            }

            var known = Find(CollectionsMarshal.AsSpan(Text), CollectionsMarshal.AsSpan(Starts), Slots, word);
            if (known >= 0)
            {
                (Frequencies[known], Tags[known]) = (frequency, tagNumber);
                return;
            }

            Text.AddRange(word);
            Starts.Add(Text.Count);
            Frequencies.Add(frequency);
            Tags.Add(tagNumber);
            if (Frequencies.Count * SlotsPerWord > Slots.Length)
            {
                Slots = new int[Slots.Length * 2];
                for (var number = 0; number < Frequencies.Count; number++)
                {
                    Place(number);
                }
            }
            else
            {
                Place(Frequencies.Count - 1);
            }
        }

        private void Place(int number)
        {
            var mask = Slots.Length - 1;
            var word = CollectionsMarshal.AsSpan(Text)[Starts[number]..Starts[number + 1]];
            var slot = string.GetHashCode(word) & mask;
            while (Slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            Slots[slot] = number + 1;
        }
    }
}
