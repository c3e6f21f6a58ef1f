using System.Text.RegularExpressions;

namespace NanshanBot.Retrieval.Text;

/// <summary>A run of list items in a text ("拥堵治理、电动自行车管理、初创企业服务等", "including Tencent, DJI and
/// ZTE"), by position in the normalised text.</summary>
public readonly record struct Enumeration(int Start, int End);

/// <summary>
/// Finds enumerations: a sentence that lists topics (回应了拥堵治理、电动自行车管理等热点问题) names them without
/// saying anything about them, so it answers no question about one of them; unless its items carry values
/// (汇聚7所高校、9家诺奖实验室), which makes each item a statement.
/// </summary>
public static partial class Enumerations
{
    /// <summary>How far a Chinese list's first item reaches back before its first 、, and its last one forward.</summary>
    private const int ItemReach = 6;
    private const int LastItemReach = 10;

    /// <param name="tokens">The text's tokens, when known: a Chinese list's first item then starts after the last
    /// verb or particle before it ("回应了|口袋公园停车难、夜间照明等"), not at a guessed length.</param>
    public static List<Enumeration> Find(string text, IReadOnlyList<Token>? tokens = null)
    {
        var found = new List<Enumeration>();
        FindChinese(text, tokens, found);
        FindEnglish(text, found);
        return found;
    }

    private static void FindChinese(string text, IReadOnlyList<Token>? tokens, List<Enumeration> found)
    {
        var i = text.IndexOf('、');
        while (i >= 0)
        {
            var last = i;
            while (NextSeparator(text, last) is var next && next > 0)
            {
                last = next;
            }

            var start = FirstItemStart(text, tokens, i);

            var end = last + 1;
            while (end < text.Length && end - last <= LastItemReach && !IsClauseBreak(text[end]) && !EndsList(text, end))
            {
                end++;
            }

            found.Add(new Enumeration(start, end));
            i = end < text.Length ? text.IndexOf('、', end) : -1;
        }
    }

    /// <summary>Where the first item of a list starts: after the last verb, preposition or particle of its clause
    /// before the first 、, or, without tokens, about as far back as the second item is long.</summary>
    private static int FirstItemStart(string text, IReadOnlyList<Token>? tokens, int separator)
    {
        var clauseStart = separator;
        while (clauseStart > 0 && !IsClauseBreak(text[clauseStart - 1]))
        {
            clauseStart--;
        }

        if (tokens is not null)
        {
            // The item follows the last particle, preposition or function word of the clause (回应了|拥堵治理); failing
            // one, the last verb with something other than verbs after it (拥有|众擎).
            var before = tokens.Where(t => !t.IsPiece && t.Start >= clauseStart && t.Start + t.Length <= separator).ToList();
            var particle = before.FindLastIndex(t => t.IsStop || t.Pos is "p" or "u" or "uj" or "ul" or "uz" or "c");
            if (particle >= 0 && particle < before.Count - 1)
            {
                return before[particle].Start + before[particle].Length;
            }

            for (var i = before.Count - 2; i >= 0; i--)
            {
                if (before[i].Pos.StartsWith('v') && before.Skip(i + 1).Any(n => !n.Pos.StartsWith('v')))
                {
                    return before[i].Start + before[i].Length;
                }
            }

            return clauseStart;
        }

        var reach = Math.Clamp(SecondItemLength(text, separator), 2, ItemReach);
        return Math.Max(clauseStart, separator - reach);
    }

    private static int SecondItemLength(string text, int separator)
    {
        var end = separator + 1;
        while (end < text.Length && text[end] != '、' && !IsClauseBreak(text[end]) && !EndsList(text, end))
        {
            end++;
        }

        return end - separator - 1;
    }

    /// <summary>The next 、 of the same list: before any clause break.</summary>
    private static int NextSeparator(string text, int from)
    {
        for (var j = from + 1; j < text.Length; j++)
        {
            if (text[j] == '、')
            {
                return j;
            }

            if (IsClauseBreak(text[j]))
            {
                return -1;
            }
        }

        return -1;
    }

    private static bool EndsList(string text, int at) =>
        text[at] is '等' or '和' or '及' or '与' or '以' || text.AsSpan(at).StartsWith("以及") || text.AsSpan(at).StartsWith("在内");

    private static bool IsClauseBreak(char c) => c is '，' or '。' or '；' or '：' or '！' or '？' or ',' or ';' or ':' or '(' or ')'
        or '（' or '）' or '“' or '”' or '"' or '《' or '》';

    /// <summary>English lists: three or more short items with commas and a final "and" / "or" ("government,
    /// companies, universities and research institutes"), or any items after "including", "such as" or "like".</summary>
    private static void FindEnglish(string text, List<Enumeration> found)
    {
        foreach (Match m in EnglishList().Matches(text))
        {
            found.Add(new Enumeration(m.Index, m.Index + m.Length));
        }

        foreach (var marker in (ReadOnlySpan<string>)["including ", "such as ", " like "])
        {
            for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
                var start = at + marker.Length;
                var end = text.IndexOfAny(['.', ';', ':', '(', ')'], start);
                end = end < 0 ? text.Length : end;
                if (text.AsSpan(start, end - start).Contains(','))
                {
                    found.Add(new Enumeration(start, end));
                }
            }
        }
    }

    [GeneratedRegex(@"\b(?:[a-z][\w'-]*(?: [a-z][\w'-]*){0,2}, ){2,}(?:and|or) [a-z][\w'-]*(?: [a-z][\w'-]*){0,2}")]
    private static partial Regex EnglishList();

    public static bool Contains(List<Enumeration> enumerations, int position)
    {
        foreach (var e in enumerations)
        {
            if (position >= e.Start && position < e.End)
            {
                return true;
            }
        }

        return false;
    }
}
