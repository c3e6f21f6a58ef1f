using System.Collections.Frozen;

namespace NanshanBot.Retrieval.Text;

/// <summary>Maps Traditional Chinese characters to Simplified ones, so that 南山區 reads as 南山区.</summary>
public sealed class ChineseConverter
{
    private readonly FrozenDictionary<char, char> map;

    private ChineseConverter(FrozenDictionary<char, char> map) => this.map = map;

    /// <summary>Reads a table of lines, each a Traditional character followed by its Simplified form.</summary>
    public static ChineseConverter Load(string path)
    {
        var pairs = new Dictionary<char, char>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 2)
            {
                pairs[line[0]] = line[1];
            }
        }

        return new ChineseConverter(pairs.ToFrozenDictionary());
    }

    public string ToSimplified(string text)
    {
        var index = IndexOfMapped(text);
        if (index < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, map, index), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            for (var i = state.index; i < span.Length; i++)
            {
                if (state.map.TryGetValue(span[i], out var simplified))
                {
                    span[i] = simplified;
                }
            }
        });
    }

    private int IndexOfMapped(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (map.ContainsKey(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
