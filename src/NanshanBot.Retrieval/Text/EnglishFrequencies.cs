using System.Globalization;

namespace NanshanBot.Retrieval.Text;

/// <summary>How often each English word occurs in everyday English (SUBTLEX-US counts): what tells "thanks" and
/// "name" (said all the time) from "mayor" and "hospital" (said when they are the point).</summary>
public sealed class EnglishFrequencies
{
    private readonly Dictionary<string, int> counts;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;

    private EnglishFrequencies(Dictionary<string, int> counts, long total)
    {
        this.counts = counts;
        lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        LogTotal = Math.Log(total);
    }

    public double LogTotal { get; }

    public int Count => counts.Count;

    /// <summary>Reads lines of <c>word count</c>, lower case.</summary>
    public static EnglishFrequencies Load(string path)
    {
        var counts = new Dictionary<string, int>(64_000, StringComparer.Ordinal);
        long total = 0;
        ResourceLines.ForEach(path, line =>
        {
            var space = line.IndexOf(' ');
            if (space > 0 && int.TryParse(line[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                counts[line[..space].ToString()] = count;
                total += count;
            }
        });

        return new EnglishFrequencies(counts, Math.Max(total, 1));
    }

    /// <summary>The word's count, or 0 for a word everyday English does not use (a name, a typo, "lol").</summary>
    public int Frequency(ReadOnlySpan<char> lowerCaseWord) => lookup.TryGetValue(lowerCaseWord, out var count) ? count : 0;
}
