using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace NanshanBot.Knowledge.Model;

/// <summary>
/// An article's sentences, grouped in paragraphs, in one byte array: a sentence whose characters are all below
/// U+0100 (most English text) takes one byte a character (Latin-1), any other two (UTF-16). Ten thousand articles
/// hold some 400,000 sentences; as strings of their own they cost a header each and two bytes for every
/// English letter, a fifth of the whole index. A sentence is made a string when asked for.
/// </summary>
public sealed class SentenceText : IReadOnlyList<IReadOnlyList<string>>
{
    private readonly byte[] bytes;

    /// <summary>Sentence i's bytes begin at <c>starts[i] &gt;&gt; 1</c> and end where the next begins; bit 0 set: two
    /// bytes a character. One more entry than sentences, the end of the last.</summary>
    private readonly int[] starts;

    /// <summary>The number of paragraph p's first sentence; one more entry than paragraphs, the sentence count.</summary>
    private readonly int[] paragraphStarts;

    private SentenceText(byte[] bytes, int[] starts, int[] paragraphStarts)
    {
        this.bytes = bytes;
        this.starts = starts;
        this.paragraphStarts = paragraphStarts;
    }

    public static SentenceText From(IEnumerable<IEnumerable<string>> paragraphs)
    {
        var sentences = new List<string>();
        var paragraphStarts = new List<int> { 0 };
        foreach (var paragraph in paragraphs)
        {
            sentences.AddRange(paragraph);
            paragraphStarts.Add(sentences.Count);
        }

        var starts = new int[sentences.Count + 1];
        var length = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var wide = IsWide(sentences[i]);
            starts[i] = (length << 1) | (wide ? 1 : 0);
            length += sentences[i].Length * (wide ? 2 : 1);
        }

        starts[^1] = length << 1;
        var bytes = new byte[length];
        for (var i = 0; i < sentences.Count; i++)
        {
            var target = bytes.AsSpan(starts[i] >> 1);
            if ((starts[i] & 1) == 0)
            {
                Encoding.Latin1.GetBytes(sentences[i], target);
            }
            else
            {
                MemoryMarshal.AsBytes(sentences[i].AsSpan()).CopyTo(target);
            }
        }

        return new SentenceText(bytes, starts, [.. paragraphStarts]);
    }

    private static bool IsWide(string sentence) => sentence.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF');

    public int Count => paragraphStarts.Length - 1;

    public IReadOnlyList<string> this[int index] => index >= 0 && index < Count
        ? new Paragraph(this, index, paragraphStarts[index + 1] - paragraphStarts[index])
        : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>How many sentences the article has.</summary>
    public int SentenceCount => starts.Length - 1;

    /// <summary>The sentence's number in the article, counting from the first paragraph's first.</summary>
    public int Number(int paragraph, int sentence)
    {
        var number = paragraphStarts[paragraph] + sentence;
        return sentence >= 0 && number < paragraphStarts[paragraph + 1] ? number : throw new ArgumentOutOfRangeException(nameof(sentence));
    }

    /// <summary>The paragraph and the place in it of sentence <paramref name="number"/>.</summary>
    public (int Paragraph, int Sentence) Locate(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(number, SentenceCount);
        // The last paragraph that starts at or before it (an empty one starts where the next does).
        int low = 0, high = Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) >> 1;
            (low, high) = paragraphStarts[middle] <= number ? (middle, high) : (low, middle - 1);
        }

        return (low, number - paragraphStarts[low]);
    }

    /// <summary>The sentence, as a new string.</summary>
    public string Sentence(int paragraph, int sentence) => Sentence(Number(paragraph, sentence));

    /// <summary>Sentence <paramref name="number"/> (see <see cref="Number"/>), as a new string.</summary>
    public string Sentence(int number)
    {
        var start = starts[number] >> 1;
        var span = bytes.AsSpan(start, (starts[number + 1] >> 1) - start);
        return (starts[number] & 1) == 0 ? Encoding.Latin1.GetString(span)
            : string.Create(span.Length / 2, (bytes, start), static (chars, at) => at.bytes.AsSpan(at.start, chars.Length * 2).CopyTo(MemoryMarshal.AsBytes(chars)));
    }

    /// <summary>Sentence <paramref name="number"/>'s characters without making a string: a view of the bytes that
    /// hold them, or (one byte a character) a copy in <paramref name="buffer"/>, grown as needed; valid until the
    /// buffer is used again.</summary>
    public ReadOnlySpan<char> Chars(int number, ref char[] buffer)
    {
        var start = starts[number] >> 1;
        var span = bytes.AsSpan(start, (starts[number + 1] >> 1) - start);
        if ((starts[number] & 1) != 0)
        {
            return MemoryMarshal.Cast<byte, char>(span);
        }

        if (buffer.Length < span.Length)
        {
            buffer = new char[Math.Max(span.Length, 2 * buffer.Length)];
        }

        return buffer.AsSpan(0, Encoding.Latin1.GetChars(span, buffer));
    }

    public IEnumerator<IReadOnlyList<string>> GetEnumerator()
    {
        for (var p = 0; p < Count; p++)
        {
            yield return this[p];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Writes the sentences as they are held (for the index cache).</summary>
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(paragraphStarts.Length);
        foreach (var start in paragraphStarts)
        {
            writer.Write(start);
        }

        writer.Write(starts.Length);
        writer.Write(MemoryMarshal.AsBytes(starts.AsSpan()));
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The data does not describe sentences.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SentenceText ReadFrom(BinaryReader reader)
    {
        var paragraphStarts = new int[ReadCount(reader)];
        for (var p = 0; p < paragraphStarts.Length; p++)
        {
            paragraphStarts[p] = reader.ReadInt32();
        }

        var starts = new int[ReadCount(reader)];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(starts.AsSpan()));
        var bytes = reader.ReadBytes(ReadCount(reader));
        var sentences = starts.Length - 1;
        if (sentences < 0 || paragraphStarts.Length == 0 || paragraphStarts[0] != 0 || paragraphStarts[^1] != sentences
            || starts[0] >> 1 != 0 || starts[^1] != bytes.Length << 1)
        {
            throw new InvalidDataException("the sentences of an article are out of order");
        }

        for (var p = 1; p < paragraphStarts.Length; p++)
        {
            if (paragraphStarts[p - 1] > paragraphStarts[p])
            {
                throw new InvalidDataException("the paragraphs of an article are out of order");
            }
        }

        for (var s = 1; s < starts.Length; s++)
        {
            // A wide sentence holds whole UTF-16 units.
            int first = starts[s - 1], next = starts[s];
            if (first >> 1 > next >> 1 || ((first & 1) == 1 && ((next >> 1) - (first >> 1)) % 2 == 1))
            {
                throw new InvalidDataException("the sentences of an article are out of order");
            }
        }

        return new SentenceText(bytes, starts, paragraphStarts);
    }

    private static int ReadCount(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count >= 0 ? count : throw new InvalidDataException($"negative count {count}");
    }

    private sealed class Paragraph(SentenceText text, int paragraph, int count) : IReadOnlyList<string>
    {
        public int Count => count;

        public string this[int index] => text.Sentence(paragraph, index);

        public IEnumerator<string> GetEnumerator()
        {
            for (var s = 0; s < count; s++)
            {
                yield return this[s];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
