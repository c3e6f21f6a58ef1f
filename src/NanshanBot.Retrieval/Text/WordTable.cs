using System.Runtime.InteropServices;

namespace NanshanBot.Retrieval.Text;

/// <summary>
/// A set of words, each with a number (0, 1, 2... in the order added), found by a span of text: the characters of
/// every word one after another in one array, and an open-addressing table of word numbers. The language resources
/// hold hundreds of thousands of words; as strings in hash maps they took several times the memory, for the same
/// lookups.
/// </summary>
internal sealed class WordTable
{
    /// <summary>The table has at least this many slots per word, so that a word that is not there (most of what the
    /// segmenter asks) is found missing after one or two probes.</summary>
    private const int SlotsPerWord = 3;

    private readonly List<char> text = [];
    private readonly List<int> starts = [0];

    /// <summary>Each word's number plus one at the first free slot from its hash on; 0 for a free slot.</summary>
    private int[] slots = new int[1 << 10];

    public int Count => starts.Count - 1;

    /// <summary>The number of <paramref name="word"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> word)
    {
        var characters = CollectionsMarshal.AsSpan(text);
        var mask = slots.Length - 1;
        for (var slot = string.GetHashCode(word) & mask; ; slot = (slot + 1) & mask)
        {
            var number = slots[slot] - 1;
            if (number < 0)
            {
                return -1;
            }

            var start = starts[number];
            if (starts[number + 1] - start == word.Length && characters.Slice(start, word.Length).SequenceEqual(word))
            {
                return number;
            }
        }
    }

    /// <summary>The number of <paramref name="word"/>, given one if it has none yet. Not to be called while
    /// others read the table.</summary>
    public int Add(ReadOnlySpan<char> word)
    {
        if (Find(word) is >= 0 and var known)
        {
            return known;
        }

        text.AddRange(word);
        starts.Add(text.Count);
        if (Count * SlotsPerWord > slots.Length)
        {
            slots = new int[slots.Length * 2];
            for (var number = 0; number < Count; number++)
            {
                Place(number);
            }
        }
        else
        {
            Place(Count - 1);
        }

        return Count - 1;
    }

    /// <summary>Gives back memory the table reserved while it was filled.</summary>
    public void TrimExcess()
    {
        text.TrimExcess();
        starts.TrimExcess();
    }

    private void Place(int number)
    {
        var mask = slots.Length - 1;
        var slot = string.GetHashCode(CollectionsMarshal.AsSpan(text)[starts[number]..starts[number + 1]]) & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = number + 1;
    }
}
