namespace NanshanBot.Retrieval.Text;

/// <summary>
/// How much a word says, from how rare it is in general language (its information content, -log p): 的, name,
/// 一下 and thanks say little; 房价, mayor and 罗湖 say a lot. A question is judged by its informative words, so a
/// word no fact uses declines it only when it matters, and politeness or frame words never do. Scaled to 0..1.
/// </summary>
public sealed class Informativeness(WordDictionary chinese, EnglishFrequencies english)
{
    /// <summary>Information content (in nats) that counts as nothing (a word as common as 公司 or "tell") and as
    /// everything (a word as rare as 罗湖 or a name no dictionary has).</summary>
    private const double Common = 6.5;
    private const double Rare = 13.0;

    /// <summary>An unknown Latin word this short is noise (a stray letter, "lol", "thx"), not a name.</summary>
    public const int NoiseLength = 3;

    public double OfChinese(ReadOnlySpan<char> word) =>
        chinese.TryGet(word, out var info) ? Scale(chinese.LogTotal - Math.Log(Math.Max(info.Frequency, 1))) : 1.0;

    /// <param name="word">A lower-case English word as written (not stemmed); a single letter says nothing.</param>
    public double OfEnglish(ReadOnlySpan<char> word)
    {
        if (word.Length == 1)
        {
            return 0.0;
        }

        var frequency = english.Frequency(word);
        if (frequency == 0 && word.EndsWith("'s"))
        {
            frequency = english.Frequency(word[..^2]);
        }

        return frequency > 0 ? Scale(english.LogTotal - Math.Log(frequency)) : word.Length <= NoiseLength ? 0.0 : 1.0;
    }

    /// <summary>Whether everyday English uses the word (so that an unknown one may be a typo or a name).</summary>
    public bool IsEnglishWord(ReadOnlySpan<char> word) => english.Frequency(word) > 0;

    private static double Scale(double information) => Math.Clamp((information - Common) / (Rare - Common), 0.02, 1.0);
}
