using System.Text.RegularExpressions;

namespace NanshanBot.Retrieval.Text;

/// <summary>
/// Finds what a sentence compares its subject with: the places after 仅次于, 低于, "second only to", "ahead of",
/// "than", or between "only" and "have a larger" ("龙华区经济总量仅次于南山区和罗湖区", "Among Shenzhen's districts,
/// only Nanshan and Guangming have a larger economy"). A place named there is a yardstick, not what the sentence
/// is about: its figures are another place's, whatever it names.
/// </summary>
public static partial class Comparisons
{
    /// <summary>The stretches of the normalised text that name what is compared with, by position.</summary>
    public static List<Enumeration> Find(string text)
    {
        var found = new List<Enumeration>();
        if (!MayCompare().IsMatch(text))
        {
            return found;
        }

        foreach (Match m in Compared().Matches(text))
        {
            var group = m.Groups["c"];
            found.Add(new Enumeration(group.Index, group.Index + group.Length));
        }

        return found;
    }

    /// <summary>The text without what it compares with, for finding the places it is about by name.</summary>
    public static string Without(string text)
    {
        var found = Find(text);
        if (found.Count == 0)
        {
            return text;
        }

        var kept = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var span in found)
        {
            kept.Append(text, at, span.Start - at).Append(' ');
            at = span.End;
        }

        return kept.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>A cheap test that a text may hold a comparison at all: most sentences do not.</summary>
    [GeneratedRegex(@"次于|落后|逊于|不及|不如|低于|少于|小于|高于|多于|大于|超过|超越|赶超|领先|紧随|紧跟|相比|相较|较|比|之后|\b(?:than|ahead|behind|second only|compared|relative to|outpac|surpass|overt[oa]|after|trail|only)")]
    private static partial Regex MayCompare();

    // Chinese: a comparing verb and what follows it up to the clause's end (仅次于南山区和罗湖区); 与……相比; 排在……之后.
    // English: a comparing phrase and what follows it up to the clause's end or the next verb or preposition;
    // "only X and Y have a larger …".
    [GeneratedRegex(
        @"(?:次于|落后于?|逊于|不及|不如|低于|少于|小于|高于|多于|大于|超过|超越|赶超|领先于?|紧随|紧跟|相较于?|相比于?|较|比)(?<c>[^，。；！？,;!?但而]{1,20})"
        + @"|(?:与|和|跟|同)(?<c>[^，。；！？,;!?]{1,15}?)(?:相比|相较|比较)"
        + @"|(?:排在|位于|位居|列)(?<c>[^，。；！？,;!?]{1,15}?)(?:之后|后面|之下)"
        + @"|\b(?:second only to|only to|ahead of|than|compared (?:with|to)|relative to|outpac\w*|surpass\w*|overt(?:ook|ak\w*)|trail(?:s|ed|ing)?"
        + @"|(?:ranks?|ranked|ranking|came|comes|placed|places|sits?|is|are|was|were|just|only|second|third|fourth|fifth|far|well|lags?|lagged|lagging|fell|falls?)\s+(?:only\s+|just\s+)?(?:behind|after))"
        + @"\s+(?<c>[^,;.!?]{1,60}?)(?=[,;.!?]|\s+(?:while|whereas|but|which|who|where|when|as|in|by|with|for|on|at|from|over|is|are|was|were|has|have|had)\b|$)"
        + @"|\bonly\s+(?<c>[^,;.!?]{1,60}?)\s+(?:have|has|had|are|is|was|were)\s+(?:an?\s+)?(?:larger|bigger|higher|greater|stronger|more)\b")]
    private static partial Regex Compared();
}
