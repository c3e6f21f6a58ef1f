using System.Runtime.CompilerServices;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// The documents that contain one key, in document order, compressed: each as the gap from the one before it,
/// written in 7-bit groups with its lowest bit saying whether a count other than 1 follows in a byte of its own.
/// Ten thousand articles have some eighteen million postings: about two bytes each this way, five as structs.
/// Read front to back only (<see cref="GetEnumerator"/>); <see cref="Count"/> is the key's document frequency.
/// </summary>
public readonly struct PostingList(byte[] bytes, int count)
{
    public static PostingList Empty { get; } = new([], 0);

    /// <summary>How many documents contain the key.</summary>
    public int Count => count;

    /// <summary>The list as it is held (for the index cache).</summary>
    internal ReadOnlySpan<byte> Bytes => bytes;

    public Enumerator GetEnumerator() => new(bytes, count);

    /// <summary>Writes postings in document order into a list sized by <see cref="Size"/>, from
    /// <paramref name="position"/> on, after a posting for document <paramref name="last"/> (-1 for none).</summary>
    internal struct Writer(byte[] bytes, int position = 0, int last = -1)
    {
        private int position = position;
        private int last = last;

        /// <summary>Where the next posting goes.</summary>
        public readonly int Position => position;

        /// <summary>The document of the last posting written, or -1.</summary>
        public readonly int Last => last;

        /// <summary>The writer going on in <paramref name="larger"/>, a copy of its list so far.</summary>
        public readonly Writer Into(byte[] larger) => new(larger, position, last);

        /// <summary>Appends postings already encoded as this list would encode them, the last for
        /// <paramref name="lastDocument"/>.</summary>
        public void Append(ReadOnlySpan<byte> encoded, int lastDocument)
        {
            encoded.CopyTo(bytes.AsSpan(position));
            position += encoded.Length;
            last = lastDocument;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(int document, int frequency)
        {
            var gap = (uint)(document - last);
            last = document;
            var value = (gap << 1) | (frequency == 1 ? 0u : 1u);
            while (value >= 0x80)
            {
                bytes[position++] = (byte)(value | 0x80);
                value >>= 7;
            }

            bytes[position++] = (byte)value;
            if (frequency != 1)
            {
                bytes[position++] = (byte)frequency;
            }
        }
    }

    /// <summary>How many bytes a posting takes after one for <paramref name="previous"/> (-1 for the first).</summary>
    internal static int Size(int previous, int document, int frequency)
    {
        var value = ((uint)(document - previous) << 1) | 1u;
        var size = 1;
        while (value >= 0x80)
        {
            size++;
            value >>= 7;
        }

        return size + (frequency == 1 ? 0 : 1);
    }

    public struct Enumerator(byte[] bytes, int count)
    {
        private int position;
        private int read;
        private int document = -1;

        public Posting Current { get; private set; }

        /// <summary>Where the next posting's bytes begin.</summary>
        internal readonly int Position => position;

        /// <summary>Inlined into the loops that read postings (a call per posting would cost a question of common
        /// words hundreds of thousands of calls); most gaps take one byte.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MoveNext()
        {
            if (read == count)
            {
                return false;
            }

            uint value = bytes[position++];
            if (value >= 0x80)
            {
                (value, position) = ReadRest(bytes, position, value);
            }

            document += (int)(value >> 1);
            Current = new Posting(document, (value & 1) == 0 ? (byte)1 : bytes[position++]);
            read++;
            return true;
        }

        /// <summary>The rest of a gap longer than one byte, whose first byte is <paramref name="first"/>, and where the
        /// bytes after it begin (static, and given the position, so that the enumerator's fields can stay in registers
        /// in the loops it is inlined into).</summary>
        private static (uint Value, int Position) ReadRest(byte[] bytes, int position, uint first)
        {
            var value = first & 0x7F;
            var shift = 7;
            byte b;
            do
            {
                b = bytes[position++];
                value |= (uint)(b & 0x7F) << shift;
                shift += 7;
            }
            while (b >= 0x80);

            return (value, position);
        }
    }
}
