using System.Globalization;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;
using NanshanBot.Retrieval.Values;

namespace NanshanBot.Answering.Phrasing;

/// <summary>
/// Writes a value found in a sentence in the reply's language, from the value alone: 1.3万名 becomes "more than
/// 13,000", about 501.8 billion yuan becomes 约5018亿元, 区长李小宁 gives "Li Xiaoning". The digits are the source's.
/// </summary>
public static class ValueRenderer
{
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Render(FoundValue value, Language language, KnowledgeBase knowledge, Pinyin pinyin)
    {
        if (value.Language == language)
        {
            return value.Written + (value.Written.EndsWith(value.Unit, StringComparison.Ordinal) ? "" : value.Unit);
        }

        return value.Kind switch
        {
            ValueKind.Figure => Figure(value, language),
            ValueKind.Year => language == Language.English ? value.Canonical![3..] : value.Canonical![3..] + "年",
            ValueKind.Date => Date(value.Canonical!, language),
            ValueKind.Person => language == Language.English ? pinyin.RomanizeName(value.Written) : value.Written,
            ValueKind.Place => Name(value, language, knowledge, pinyin),
            _ => value.Written,
        };
    }

    private static string Figure(FoundValue value, Language language)
    {
        if (value.Number is not { } n)
        {
            return value.Written;
        }

        var english = language == Language.English;
        var bound = value.Bound switch
        {
            1 => english ? "more than " : "超过",
            0 => english ? "about " : "约",
            -1 => english ? "fewer than " : "不到",
            _ => "",
        };
        var figure = value.Percent ? Format(n) + "%"
            : value.Canonical![1] == 'o' ? (english ? "No. " + Format(n) : "第" + Format(n))
            : english ? EnglishAmount(n) : ChineseAmount(n);
        var unit = value.Yuan ? (english ? " yuan" : "元") : "";
        return bound + figure + unit;
    }

    private static string EnglishAmount(decimal n) => n switch
    {
        >= 1_000_000_000_000m => Format(n / 1_000_000_000_000m) + " trillion",
        >= 1_000_000_000m => Format(n / 1_000_000_000m) + " billion",
        >= 1_000_000m => Format(n / 1_000_000m) + " million",
        _ => n.ToString("#,0.##", CultureInfo.InvariantCulture),
    };

    private static string ChineseAmount(decimal n) => n switch
    {
        >= 1_000_000_000_000m => Format(n / 1_000_000_000_000m) + "万亿",
        >= 100_000_000m => Format(n / 100_000_000m) + "亿",
        >= 10_000m => Format(n / 10_000m) + "万",
        _ => Format(n),
    };

    private static string Format(decimal n) => n.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Date(string canonical, Language language)
    {
        var parts = canonical[3..].Split('-');
        var (month, day) = (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]);
        return language == Language.English ? $"{day} {Months[month - 1]}" : $"{month}月{day}日";
    }

    /// <summary>A place or organisation by its name in the reply's language, or else as written in pinyin.</summary>
    private static string Name(FoundValue value, Language language, KnowledgeBase knowledge, Pinyin pinyin)
    {
        var english = language == Language.English;
        if (value.Canonical is { } id && knowledge.Terms.TryGetValue(id[1..], out var term)
            && term.Names.FirstOrDefault(n => english ? n.All(c => c < 128) : n.Any(LanguageDetector.IsHan)) is { } name)
        {
            return name;
        }

        return english ? pinyin.RomanizeName(value.Written) : value.Written;
    }
}
