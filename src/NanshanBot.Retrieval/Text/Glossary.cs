using System.Collections.Concurrent;

namespace NanshanBot.Retrieval.Text;

/// <summary>Chinese words' English stems, worked out once per word.</summary>
internal sealed class Glossary(ChineseEnglishDictionary dictionary, Func<string, bool> isStop, Func<string, bool> isCommon)
{
    /// <summary>A sense made only of words as common as "become" or "have" would match everything.</summary>
    public const double MinInformativeness = 0.3;
    private const int MaxStems = 6;
    private const int MaxSenses = 6;
    private const int MaxWordsPerSense = 3;
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<string, Gloss> cache = new(StringComparer.Ordinal);

    public Gloss Of(string word)
    {
        if (cache.TryGetValue(word, out var gloss))
        {
            return gloss;
        }

        gloss = Derive(word);
        if (cache.Count < MaxEntries)
        {
            cache[word] = gloss;
        }

        return gloss;
    }

    /// <summary>Forgets every gloss worked out so far (after the articles of an index are analysed: questions need
    /// the glosses of a few words, not of all the knowledge's).</summary>
    public void Forget() => cache.Clear();

    private Gloss Derive(string word)
    {
        var stems = new List<string>(MaxStems);
        var senses = new List<string[]>();
        var all = dictionary.Senses(word);
        for (var i = 0; i < Math.Min(all.Length, MaxSenses); i++)
        {
            // A name among a common word's later senses (人大: Renmin University of China) is another word.
            var sense = all[i];
            if (i > 0 && sense.Any(char.IsAsciiLetterUpper))
            {
                continue;
            }

            var words = sense.ToLowerInvariant().Split([' ', ',', '-', '\''], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.All(char.IsAsciiLetter) && w.Length > 1 && !isStop(w) && w is not ("sb" or "sth" or "etc" or "surname" or "every" or "each" or "certain" or "various" or "per" or "oneself"))
                .ToList();
            if (words.Count == 0 || words.Count > MaxWordsPerSense || words.All(isCommon))
            {
                continue;
            }

            var group = words.Select(EnglishStemmer.Stem).Distinct().ToArray();
            if (stems.Count + group.Count(s => !stems.Contains(s)) > MaxStems)
            {
                continue;
            }

            stems.AddRange(group.Where(s => !stems.Contains(s)));
            senses.Add(group);
        }

        return new Gloss([.. stems], [.. senses]);
    }
}

internal sealed record Gloss(string[] Stems, string[][] Senses);
