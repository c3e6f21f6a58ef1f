using System.Globalization;
using System.Text;

namespace NanshanBot.Evaluation;

/// <summary>The judging rules of shared/eval/README.md, applied exactly as the referee judge.py applies them.</summary>
public static class Judge
{
    private const string Dropped = " \t\r\n,'\u2019\"\u201c\u201d-\u2013\u2014";

    /// <summary>Null when the reply passes; otherwise why it fails, in the referee's words.</summary>
    public static string? Verdict(EvalCase c, string reply, bool declined)
    {
        if (c.Expect.Declined == true)
        {
            return declined && reply.Trim().Length > 0 ? null : "should decline";
        }

        if (declined)
        {
            return "declined an answerable question";
        }

        var length = reply.EnumerateRunes().Count();
        var limit = c.Lang == "en" ? 600 : 300;
        if (length > limit)
        {
            return $"reply too long ({length} chars)";
        }

        if (c.Lang == "en" && CjkShare(reply) > 0.2)
        {
            return "English question answered mostly in Chinese";
        }

        var normalized = Normalize(reply);
        if (c.Expect.None?.FirstOrDefault(bad => normalized.Contains(Normalize(bad), StringComparison.Ordinal)) is { } stale)
        {
            return "contains stale or wrong " + stale;
        }

        var groups = c.Expect.All ?? [c.Expect.Any ?? []];
        foreach (var group in groups)
        {
            if (!group.Any(alt => normalized.Contains(Normalize(alt), StringComparison.Ordinal)))
            {
                return "missing " + string.Join("/", group);
            }
        }

        return null;
    }

    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        return string.Concat(folded.Where(c => !Dropped.Contains(c)));
    }

    private static double CjkShare(string text)
    {
        var chars = text.Where(c => !char.IsWhiteSpace(c)).ToList();
        var cjk = chars.Count(c => c is >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff');
        return (double)cjk / Math.Max(1, chars.Count);
    }
}
