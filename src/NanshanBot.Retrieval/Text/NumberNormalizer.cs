using System.Globalization;
using System.Text.RegularExpressions;

namespace NanshanBot.Retrieval.Text;

/// <summary>A numeric expression found in text and the canonical tokens it stands for.</summary>
public readonly record struct NumberMatch(int Start, int Length, string[] Tokens)
{
    /// <summary>A year said relative to the reference year (今年, 去年, last year).</summary>
    public bool IsRelative { get; init; }
}

/// <summary>
/// Finds numbers, years, dates, percentages and ordinals in normalised text (lower case, simplified) and gives
/// each one canonical token, whatever the language or script: 1万亿 / 一万亿 / 1 trillion all become
/// <c>#n:1000000000000</c>; 11月8日 / November 8 become <c>#d:11-8</c>; 六成 / 60% become <c>#p:60</c>.
/// </summary>
public static partial class NumberNormalizer
{
    private const string ZhDigits = "零一二两三四五六七八九十百千万亿";

    /// <param name="referenceYear">The year "今年 / this year" means: today's for a question, the source's
    /// for a fact. Without it, relative years are left as words.</param>
    public static List<NumberMatch> Find(string text, int? referenceYear = null)
    {
        var found = new List<(NumberMatch Match, int Priority)>();
        if (referenceYear is { } year)
        {
            Collect(text, found, RelativeYear(), 0, m => [Year((year + RelativeOffset(m.Value)).ToString(CultureInfo.InvariantCulture))], relative: true);
        }

        Collect(text, found, ZhFullDate(), 0, m => [Year(m.Groups["y"].Value), .. Date(m.Groups["m"].Value, m.Groups["d"].Value)]);
        Collect(text, found, ZhDate(), 1, m => Date(m.Groups["m"].Value, m.Groups["d"].Value));
        Collect(text, found, ZhDayOnly(), 2, m => [Day(m.Groups["d"].Value)]);
        Collect(text, found, EnDate(), 1, m => Date(Month(m.Groups["mon"].Value), m.Groups["d"].Value));
        Collect(text, found, EnDateReversed(), 1, m => Date(Month(m.Groups["mon"].Value), m.Groups["d"].Value));
        Collect(text, found, Percent(), 2, m => [PercentToken(ParseDecimal(m.Groups["v"].Value))]);
        Collect(text, found, ZhTenths(), 2, m => [PercentToken(ParseZh(m.Groups["v"].Value) * 10)]);
        Collect(text, found, Fraction(), 2, m => [PercentToken(100m * ParseAny(m.Groups["b"].Value) / ParseAny(m.Groups["a"].Value))]);
        Collect(text, found, EnFraction(), 2, m => [PercentToken(m.Groups["w"].Value switch { "quarter" => 25, "half" => 50, _ => 10 })]);
        Collect(text, found, Ordinal(), 3, m => [$"#o:{ParseAny(m.Groups["v"].Value)}"]);
        Collect(text, found, EnOrdinal(), 3, m => [$"#o:{EnglishOrdinal(m.Groups["w"].Value)}"]);
        Collect(text, found, EnNumericOrdinal(), 3, m => [$"#o:{ParseAny(m.Groups["v"].Value)}"]);
        Collect(text, found, RankBound(), 3, m => [$"#o:{ParseAny(m.Groups["v"].Value)}"]);
        Collect(text, found, YearNumber(), 4, m => [Year(m.Groups["y"].Value)]);
        Collect(text, found, ArabicNumber(), 5, m => [NumberToken(ParseDecimal(m.Groups["v"].Value) * Unit(m.Groups["u"].Value))]);
        Collect(text, found, ZhNumber(), 6, m => [NumberToken(ParseZh(m.Groups["v"].Value))]);
        Collect(text, found, EnNumberWord(), 6, m => [NumberToken(EnglishNumber(m.Groups["w"].Value) * Unit(m.Groups["u"].Value))]);
        return Resolve(found);
    }

    private static void Collect(string text, List<(NumberMatch, int)> found, Regex regex, int priority, Func<Match, string[]> tokens, bool relative = false)
    {
        for (var m = regex.Match(text); m.Success; m = m.NextMatch())
        {
            found.Add((new NumberMatch(m.Index, m.Length, tokens(m)) { IsRelative = relative }, priority));
        }
    }

    /// <summary>Keeps non-overlapping matches: earlier first, then higher priority, then longer.</summary>
    private static List<NumberMatch> Resolve(List<(NumberMatch Match, int Priority)> found)
    {
        found.Sort((a, b) => a.Match.Start != b.Match.Start ? a.Match.Start.CompareTo(b.Match.Start)
            : a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : b.Match.Length.CompareTo(a.Match.Length));
        var kept = new List<NumberMatch>();
        var end = 0;
        foreach (var (match, _) in found)
        {
            if (match.Start >= end && match.Length > 0)
            {
                kept.Add(match);
                end = match.Start + match.Length;
            }
        }

        return kept;
    }

    private static string Year(string y) => "#y:" + y;

    private static int RelativeOffset(string phrase) => phrase switch
    {
        "今年" or "本年" or "this year" => 0,
        "去年" or "last year" => -1,
        "前年" or "the year before last" => -2,
        _ => 1,
    };

    /// <summary>A full date is two tokens: the date, and its day of the month alone, so that "28号" (the 28th, month
    /// left unsaid) matches 1月28日.</summary>
    private static string[] Date(string month, string day) => [$"#d:{ParseAny(month)}-{ParseAny(day)}", Day(day)];

    private static string[] Date(int month, string day) => [$"#d:{month}-{ParseAny(day)}", Day(day)];

    private static string Day(string day) => $"#dd:{ParseAny(day)}";

    private static string PercentToken(decimal value) => "#p:" + Format(Math.Round(value, 1));

    private static string NumberToken(decimal value) => "#n:" + Format(value);

    private static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static decimal ParseDecimal(string text) =>
        decimal.Parse(text.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture);

    private static decimal ParseAny(string text) => char.IsAsciiDigit(text[0]) ? ParseDecimal(text) : ParseZh(text);

    /// <summary>Chinese numerals, including the 万/亿 sections: 一万亿 = 10^12, 两千八百 = 2800, 十万 = 10^5.</summary>
    internal static decimal ParseZh(string text)
    {
        decimal total = 0, section = 0, number = 0;
        foreach (var c in text)
        {
            var digit = "零一二三四五六七八九".IndexOf(c);
            if (c == '两')
            {
                digit = 2;
            }

            if (digit >= 0)
            {
                number = digit;
                continue;
            }

            if (c is '十' or '百' or '千')
            {
                section += (number == 0 ? 1 : number) * (c == '十' ? 10 : c == '百' ? 100 : 1000);
                number = 0;
                continue;
            }

            var unit = c == '万' ? 10_000m : 100_000_000m;
            var sum = total + section + number;
            total = (sum == 0 ? 1 : sum) * unit;
            (section, number) = (0, 0);
        }

        return total + section + number;
    }

    private static decimal Unit(string unit) => unit switch
    {
        "万亿" or "trillion" => 1_000_000_000_000m,
        "亿" => 100_000_000m,
        "billion" => 1_000_000_000m,
        "million" => 1_000_000m,
        "万" => 10_000m,
        "千" or "thousand" or "k" => 1_000m,
        "百" or "hundred" => 100m,
        _ => 1m,
    };

    private static int Month(string name) => name[..3] switch
    {
        "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6,
        "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, _ => 12,
    };

    private static readonly string[] EnglishNumbers =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];

    private static decimal EnglishNumber(string word) => word switch
    {
        "thirty" => 30, "forty" => 40, "fifty" => 50, "sixty" => 60, "seventy" => 70, "eighty" => 80, "ninety" => 90,
        "hundred" => 100, "thousand" => 1000, "dozen" => 12, "" => 1,
        _ => Array.IndexOf(EnglishNumbers, word),
    };

    private static int EnglishOrdinal(string word) => word switch
    {
        "first" => 1, "second" => 2, "third" => 3, "fourth" => 4, "fifth" => 5,
        "sixth" => 6, "seventh" => 7, "eighth" => 8, "ninth" => 9, _ => 10,
    };

    private const string MonthNames = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    [GeneratedRegex(@"今年|本年|去年|前年|明年|\bthis year\b|\bthe year before last\b|\blast year\b|\bnext year\b")]
    private static partial Regex RelativeYear();

    [GeneratedRegex(@"(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})[日号]?")]
    private static partial Regex ZhFullDate();

    [GeneratedRegex(@"(?<m>\d{1,2}|[一二三四五六七八九十]{1,3})月(?<d>\d{1,2}|[一二三四五六七八九十]{1,3})[日号]")]
    private static partial Regex ZhDate();

    [GeneratedRegex(@"(?<![\d月])(?<d>\d{1,2})[日号](?!\d)")]
    private static partial Regex ZhDayOnly();

    [GeneratedRegex(@"\b(?<mon>" + MonthNames + @")\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b")]
    private static partial Regex EnDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon>" + MonthNames + @")\b")]
    private static partial Regex EnDateReversed();

    [GeneratedRegex(@"(?<v>\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)")]
    private static partial Regex Percent();

    [GeneratedRegex(@"(?<v>[一二三四五六七八九十])成")]
    private static partial Regex ZhTenths();

    [GeneratedRegex(@"(?<a>[一二三四五六七八九十]|\d+)分之(?<b>[一二三四五六七八九十]|\d+)|\b(?<b>\d)/(?<a>\d{1,2})\b")]
    private static partial Regex Fraction();

    [GeneratedRegex(@"\b(?:a|one)\s+(?<w>quarter|tenth)\b|\b(?<w>half)\b")]
    private static partial Regex EnFraction();

    [GeneratedRegex(@"第(?<v>\d+|[一二三四五六七八九十]+)")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\b(?<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b")]
    private static partial Regex EnOrdinal();

    /// <summary>"13th", "21st": a rank or an edition (the 13th expo), not a count.</summary>
    [GeneratedRegex(@"\b(?<v>\d{1,4})(?:st|nd|rd|th)\b")]
    private static partial Regex EnNumericOrdinal();

    /// <summary>"前10名", "the country's top 20 districts": a place in a ranking, not a count of anything.</summary>
    [GeneratedRegex(@"前(?<v>\d{1,3}|[一二三四五六七八九十百]+)(?:名|位|强)|(?<=(?:\bthe|'s|\bamong|\binto|\bin|\bwithin|\bnational|\bglobal)\s+)top\s+(?<v>\d{1,3})\b(?!\s*(?:trillion|billion|million|thousand|%|percent|yuan))")]
    private static partial Regex RankBound();

    // After a comma too (NFKC makes the Chinese comma an ASCII one: "根，2025年" reads "根,2025年"); after a digit
    // and a comma only with 年 ("120，2025年"), since "1,2025" would be a misread figure.
    [GeneratedRegex(@"(?<![\d.]|\d,)(?<y>(?:19|20)\d{2})(?:年(?![代级]))?(?![\d%万亿千百]|[.,]\d|\s*(?:million|billion|trillion|thousand|yuan))|(?<=\d,)(?<y>(?:19|20)\d{2})年(?![代级])")]
    private static partial Regex YearNumber();

    [GeneratedRegex(@"(?<![\d.])(?<v>\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<u>万亿|亿|万|千|百|trillion\b|billion\b|million\b|thousand\b|k\b)?")]
    private static partial Regex ArabicNumber();

    [GeneratedRegex(@"(?<v>[零一二两三四五六七八九十百千]+[万亿]+|万亿)|(?<v>[零一二两三四五六七八九十百千]+)(?=[个家位年月日天倍多余元名座场层项人次届]|$)")]
    private static partial Regex ZhNumber();

    [GeneratedRegex(@"\b(?<w>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen)\b(?:\s+(?<u>hundred|thousand|million|billion|trillion)\b)?|\ba\s+(?<u>hundred|thousand|million|billion|trillion)\b|(?<![\d,.]\s?)\b(?<u>thousand|million|billion|trillion)\b")]
    private static partial Regex EnNumberWord();
}
