using System.Globalization;

namespace NanshanBot.Retrieval.Text;

/// <summary>How often each English word occurs in everyday English (SUBTLEX-US counts): what tells "thanks" and
/// "name" (said all the time) from "mayor" and "hospital" (said when they are the point).</summary>
public sealed class EnglishFrequencies
{
    private readonly WordTable words;
    private readonly int[] counts;

    private EnglishFrequencies(WordTable words, int[] counts, long total)
    {
        (this.words, this.counts) = (words, counts);
        LogTotal = Math.Log(total);
    }

    public double LogTotal { get; }

    public int Count => words.Count;

    /// <summary>Reads lines of <c>word count</c>, lower case; a word given twice keeps its last count.</summary>
    public static EnglishFrequencies Load(string path)
    {
        var words = new WordTable();
        var counts = new List<int>(64_000);
        long total = 0;
        ResourceLines.ForEach(path, line =>
        {
            var space = line.IndexOf(' ');
            if (space > 0 && int.TryParse(line[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                var id = words.Add(line[..space]);
                if (id == counts.Count)
                {
                    counts.Add(count);
                }
                else
                {
                    counts[id] = count;
                }

                total += count;
            }
        });

        words.TrimExcess();
        return new EnglishFrequencies(words, [.. counts], Math.Max(total, 1));
    }

    /// <summary>The word's count, or 0 for a word everyday English does not use (a name, a typo, "lol").</summary>
    public int Frequency(ReadOnlySpan<char> lowerCaseWord) => words.Find(lowerCaseWord) is >= 0 and var id ? counts[id] : 0;
}
