using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// Reads a mistyped word as the word of the knowledge base it is one slip away from, when nothing else fits: an
/// English word no dictionary knows that is one edit (or one swap) from a word the knowledge uses (GPD: GDP), or a
/// run of Chinese characters that is no word but sounds like one the knowledge uses with one character different
/// (人钧: 人均, 工司: 公司, 见区: 建区, by toneless pinyin).
/// </summary>
public sealed class TypoCorrector
{
    private const int MinEnglishLength = 3;
    private readonly KnowledgeIndex index;
    private readonly Informativeness general;

    /// <summary>Each English word of the knowledge under itself and under each of its one-letter deletions.</summary>
    private readonly Dictionary<string, List<string>> englishDeletes = new(StringComparer.Ordinal);
    private readonly HashSet<string> englishWords = new(StringComparer.Ordinal);

    /// <summary>The knowledge's Chinese words of two to four characters by their toneless pinyin, with the sounds
    /// people confuse folded together (<see cref="Pinyin.Fuzzy"/>).</summary>
    private readonly Dictionary<string, List<string>> bySound = new(StringComparer.Ordinal);

    internal TypoCorrector(KnowledgeIndex index)
    {
        this.index = index;
        general = index.Analyzer.Resources.Informativeness;
        var names = index.Analyzer.Terms.Names.ToList();
        foreach (var word in names.SelectMany(n => n.Split(' ')))
        {
            if (word.Length >= MinEnglishLength && word.All(char.IsAsciiLetter))
            {
                AddEnglishWord(word);
            }
        }

        // The facts' words read now (they are analysed on every start), the articles' as the index has them (from
        // the index cache when it took over every article).
        var factWords = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new char[256];
        for (var i = 0; i < index.Knowledge.Facts.Count; i++)
        {
            ReadEnglishWords(index.Documents[i], factWords, ref buffer);
        }

        foreach (var word in factWords.Concat(index.ArticleWords))
        {
            AddEnglishWord(word);
        }

        foreach (var word in names.Concat(index.IndexedWords).Where(w => w.Length is >= 2 and <= 4 && w.All(LanguageDetector.IsHan)).Distinct())
        {
            foreach (var key in index.Pinyin.Keys(word).Take(2).Select(Pinyin.Fuzzy).Distinct())
            {
                (bySound.TryGetValue(key, out var list) ? list : bySound[key] = []).Add(word);
            }
        }
    }

    /// <summary>The text with its typos read as the words they stand for, or the same text when there are none.</summary>
    public string Correct(string normalized, List<Token> tokens)
    {
        var fixes = new List<(int Start, int Length, string Word)>();
        foreach (var token in tokens.Where(t => t is { Kind: TokenKind.Word, IsStop: false, IsPiece: false } && t.IsEnglish && t.Start >= 0))
        {
            var surface = normalized.Substring(token.Start, token.Length);
            if (EnglishFix(surface) is { } word)
            {
                fixes.Add((token.Start, token.Length, word));
            }
        }

        ChineseFixes(normalized, tokens, fixes);
        if (fixes.Count == 0)
        {
            return normalized;
        }

        var text = new StringBuilder(normalized);
        foreach (var (start, length, word) in fixes.OrderByDescending(f => f.Start))
        {
            text.Remove(start, length).Insert(start, word);
        }

        return text.ToString();
    }

    private string? EnglishFix(string word)
    {
        var bare = word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word;
        if (bare.Length < MinEnglishLength || !bare.All(char.IsAsciiLetter) || englishWords.Contains(bare) || general.IsEnglishWord(bare))
        {
            return null;
        }

        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Deletes(bare).Prepend(bare))
        {
            if (englishDeletes.TryGetValue(key, out var words))
            {
                candidates.UnionWith(words.Where(w => IsOneEdit(bare, w)));
            }
        }

        var best = candidates.OrderByDescending(w => index.DocumentFrequency(EnglishStemmer.Stem(w))).ThenBy(w => w, StringComparer.Ordinal).FirstOrDefault();
        return best is null ? null : word.Length == bare.Length ? best : best + "'s";
    }

    /// <summary>Runs of one-character Chinese words (the segmenter's way with a word it does not know) that sound
    /// like a word of the knowledge with exactly one character different.</summary>
    private void ChineseFixes(string normalized, List<Token> tokens, List<(int, int, string)> fixes)
    {
        var words = tokens.Where(t => t is { Kind: TokenKind.Word, IsPiece: false } && !t.IsEnglish && t.Start >= 0).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            for (var j = i; j < words.Count && j - i < 3; j++)
            {
                var run = words.GetRange(i, j - i + 1);
                var start = run[0].Start;
                var length = run[^1].Start + run[^1].Length - start;
                if (run.Any(t => t.IsStop) || !run.Any(t => t.Length == 1 || t.Pos == "x") || length is < 2 or > 4 || run.Sum(t => t.Length) != length)
                {
                    continue;
                }

                var text = normalized.Substring(start, length);
                if (index.Analyzer.Segmenter.IsKnown(text) || index.DocumentFrequency(text) > 0 || SoundsLike(text) is not { } word)
                {
                    continue;
                }

                fixes.Add((start, length, word));
                i = j;
                break;
            }
        }
    }

    private string? SoundsLike(string text)
    {
        string? best = null;
        foreach (var key in index.Pinyin.Keys(text).Select(Pinyin.Fuzzy).Distinct())
        {
            foreach (var word in bySound.GetValueOrDefault(key) ?? [])
            {
                if (word.Length == text.Length && Differences(word, text) == 1
                    && (best is null || index.DocumentFrequency(word) > index.DocumentFrequency(best)))
                {
                    best = word;
                }
            }
        }

        return best;
    }

    private static int Differences(string a, string b) => a.Zip(b).Count(p => p.First != p.Second);

    private void AddDeletes(string word)
    {
        foreach (var key in Deletes(word).Prepend(word))
        {
            (englishDeletes.TryGetValue(key, out var list) ? list : englishDeletes[key] = []).Add(word);
        }
    }

    private static IEnumerable<string> Deletes(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return word.Remove(i, 1);
        }
    }

    /// <summary>One insertion, deletion or substitution, or two neighbours swapped; a word typed with three letters
    /// only swapped ("pls" is not a slip for "plus").</summary>
    private static bool IsOneEdit(string typed, string word)
    {
        if (typed.Length == word.Length)
        {
            var diff = Enumerable.Range(0, typed.Length).Where(i => typed[i] != word[i]).ToList();
            var swapped = diff.Count == 2 && diff[1] == diff[0] + 1 && typed[diff[0]] == word[diff[1]] && typed[diff[1]] == word[diff[0]];
            return swapped || (diff.Count == 1 && typed.Length > MinEnglishLength);
        }

        var (longer, shorter) = typed.Length > word.Length ? (typed, word) : (word, typed);
        return longer.Length == shorter.Length + 1 && typed.Length > MinEnglishLength && shorter.Length >= MinEnglishLength
            && Enumerable.Range(0, longer.Length).Any(i => longer.Remove(i, 1) == shorter);
    }

    private void AddEnglishWord(string word)
    {
        if (englishWords.Add(word) && !index.Analyzer.IsEnglishStop(word))
        {
            AddDeletes(word);
        }
    }

    /// <summary>The English words of the articles' sentences (their documents follow the facts'), in order.</summary>
    internal static string[] ArticleWordsOf(KnowledgeIndex index)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new char[256];
        for (var i = index.Knowledge.Facts.Count; i < index.Documents.Count; i++)
        {
            ReadEnglishWords(index.Documents[i], words, ref buffer);
        }

        return [.. words.Order(StringComparer.Ordinal)];
    }

    /// <summary>Adds to <paramref name="words"/> the English words of a document's normalised text, read from the
    /// sentence itself where the normalised text follows from it (<see cref="FoldedText"/>), without making it a
    /// string; a word seen before costs no string either (ten thousand articles repeat a few thousand words
    /// millions of times). The text between words is skipped by a vectorised search for the characters that fold
    /// to letters: most of it is Chinese.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadEnglishWords(IndexedDocument document, HashSet<string> words, ref char[] buffer)
    {
        var fold = !document.KeepsNormalizedText;
        var text = fold ? document.SentenceChars(ref buffer) : document.NormalizedText.AsSpan();
        var starts = fold ? FoldingToLetters : AsciiLetters;
        var seen = words.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> word = stackalloc char[MaxEnglishWord];
        for (var i = 0; i < text.Length;)
        {
            var next = text[i..].IndexOfAny(starts);
            if (next < 0)
            {
                break;
            }

            var length = 0;
            for (i += next; i < text.Length && (fold ? FoldedText.Fold(text[i]) : text[i]) is var c && char.IsAsciiLetter(c); i++, length++)
            {
                if (length < MaxEnglishWord)
                {
                    word[length] = c;
                }
            }

            if (length is >= MinEnglishLength and <= MaxEnglishWord)
            {
                seen.Add(word[..length]);
            }

            // Every character found folds to a letter: this only guards against reading one forever.
            i += length == 0 ? 1 : 0;
        }
    }

    private static readonly SearchValues<char> AsciiLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Every character <see cref="FoldedText.Fold"/> makes an ASCII letter (full-width letters, the Kelvin
    /// sign...), found by folding them all once.</summary>
    internal static SearchValues<char> FoldingToLetters { get; } = SearchValues.Create(
        [.. Enumerable.Range(char.MinValue, char.MaxValue + 1).Select(c => (char)c).Where(c => char.IsAsciiLetter(FoldedText.Fold(c)))]);

    /// <summary>Longer runs of letters (a URL's, a code's) are no words to correct towards.</summary>
    private const int MaxEnglishWord = 40;
}
