namespace NanshanBot.Retrieval.Text;

/// <summary>A segmented Chinese word, its part of speech ("x" when unknown), whether it is a piece of a longer
/// word (search-engine style sub-words, so that 机器人整机企业 also finds 整机), and where it starts in the run.</summary>
public readonly record struct Segment(string Word, string Pos, bool IsPiece, int Offset = 0);

/// <summary>
/// Chinese word segmentation by the most probable path through the word graph (jieba's algorithm), over
/// jieba's general dictionary plus the knowledge base's own words (district names, terms, keywords).
/// </summary>
public sealed class Segmenter
{
    private const int DomainFrequency = 200_000;
    private readonly WordDictionary general;
    private readonly Dictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> domain;
    private readonly int maxLength;

    public Segmenter(WordDictionary general, IEnumerable<string> domainWords)
    {
        this.general = general;
        var words = new Dictionary<string, WordInfo>(StringComparer.Ordinal);
        foreach (var word in domainWords.Where(w => w.Length > 1))
        {
            words[word] = new WordInfo(DomainFrequency, general.TryGet(word, out var info) ? info.Pos : "nz");
        }

        domain = words.GetAlternateLookup<ReadOnlySpan<char>>();
        maxLength = Math.Max(general.MaxWordLength, words.Keys.Select(w => w.Length).DefaultIfEmpty(1).Max());
    }

    /// <summary>Segments a run of Chinese characters; appends words and their pieces to <paramref name="output"/>.</summary>
    public void Segment(ReadOnlySpan<char> text, List<Segment> output)
    {
        var n = text.Length;
        Span<double> best = n <= 256 ? stackalloc double[n + 1] : new double[n + 1];
        Span<int> next = n <= 256 ? stackalloc int[n + 1] : new int[n + 1];
        best[n] = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            best[i] = double.NegativeInfinity;
            var limit = Math.Min(n, i + maxLength);
            for (var end = i + 1; end <= limit; end++)
            {
                var known = TryGet(text[i..end], out var info);
                if (!known && end > i + 1)
                {
                    continue;
                }

                var score = Math.Log(known ? Math.Max(info.Frequency, 1) : 1) - general.LogTotal + best[end];
                if (score > best[i])
                {
                    (best[i], next[i]) = (score, end);
                }
            }
        }

        for (var i = 0; i < n; i = next[i])
        {
            var word = text[i..next[i]];
            output.Add(new Segment(word.ToString(), TryGet(word, out var info) ? info.Pos : "x", false, i));
            AddPieces(word, i, output);
        }
    }

    public bool IsKnown(ReadOnlySpan<char> word) => TryGet(word, out _);

    /// <summary>The word's part of speech in the dictionaries, or null for a word neither knows.</summary>
    public string? PartOfSpeech(ReadOnlySpan<char> word) => TryGet(word, out var info) ? info.Pos : null;

    private void AddPieces(ReadOnlySpan<char> word, int offset, List<Segment> output)
    {
        if (word.Length < 3)
        {
            return;
        }

        for (var size = 2; size < word.Length && size <= 3; size++)
        {
            for (var start = 0; start + size <= word.Length; start++)
            {
                var piece = word.Slice(start, size);
                if (TryGet(piece, out var info))
                {
                    output.Add(new Segment(piece.ToString(), info.Pos, true, offset + start));
                }
            }
        }
    }

    private bool TryGet(ReadOnlySpan<char> word, out WordInfo info) =>
        domain.TryGetValue(word, out info) || general.TryGet(word, out info);
}
