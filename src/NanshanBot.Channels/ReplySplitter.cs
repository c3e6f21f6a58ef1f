namespace NanshanBot.Channels;

/// <summary>
/// Cuts a reply that is too long for a channel into pieces that fit, at sentence ends (then line ends, then
/// spaces) so that no piece ends mid-sentence unless a single sentence is itself too long.
/// </summary>
public static class ReplySplitter
{
    private const string SentenceEnds = "。！？；.!?;\n";

    /// <param name="size">How a channel measures text: characters for Telegram, UTF-8 bytes for WeChat.</param>
    public static List<string> Split(string text, int limit, Func<string, int> size)
    {
        var pieces = new List<string>();
        var rest = text;
        while (size(rest) > limit)
        {
            var cut = LastFittingCut(rest, limit, size);
            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            pieces.Add(rest);
        }

        return pieces;
    }

    /// <summary>Cuts to the longest prefix that fits, the first piece of which ends a sentence if it can.</summary>
    public static string Truncate(string text, int limit, Func<string, int> size) => Split(text, limit, size)[0];

    private static int LastFittingCut(string text, int limit, Func<string, int> size)
    {
        var fits = LongestFittingPrefix(text, limit, size);
        foreach (var breaks in new[] { SentenceEnds, "，、,", " " })
        {
            var at = text.AsSpan(0, fits).LastIndexOfAny(breaks);
            if (at > fits / 3)
            {
                return at + 1;
            }
        }

        return fits;
    }

    private static int LongestFittingPrefix(string text, int limit, Func<string, int> size)
    {
        int low = 1, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (size(text[..mid]) <= limit)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        if (low < text.Length && char.IsHighSurrogate(text[low - 1]))
        {
            low--;
        }

        return Math.Max(low, 1);
    }
}
