using System.Text;

namespace NanshanBot.Retrieval.Text;

/// <summary>Reads a language resource line by line into one reused buffer: the dictionaries are read at every
/// start, and reading a file whole would put a string of several megabytes on the heap for nothing.</summary>
internal static class ResourceLines
{
    public delegate void LineAction(ReadOnlySpan<char> line);

    public static void ForEach(string path, LineAction action)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var buffer = new char[1 << 16];
        var filled = 0;
        while (true)
        {
            var read = reader.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var start = 0;
            for (var newline = Array.IndexOf(buffer, '\n', 0, filled); newline >= 0; newline = Array.IndexOf(buffer, '\n', start, filled - start))
            {
                action(buffer.AsSpan(start, newline - start).TrimEnd('\r'));
                start = newline + 1;
            }

            if (read == 0)
            {
                if (start < filled)
                {
                    action(buffer.AsSpan(start, filled - start).TrimEnd('\r'));
                }

                return;
            }

            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }
}
