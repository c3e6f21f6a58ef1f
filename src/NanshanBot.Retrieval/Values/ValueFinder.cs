using System.Text.RegularExpressions;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Values;

/// <summary>
/// Finds, in the sentence that answers, the value the question asks for: the figure, year, date, person or place
/// nearest to the words it matched, in the same clause where there is one ("汇聚7所高校、9家诺奖实验室" gives 7 for
/// universities and 9 for Nobel labs). Nothing is computed or guessed: the value is what the sentence says.
/// </summary>
public static partial class ValueFinder
{
    /// <param name="query">The question, so that a figure qualified by words it does not use (新建, "new") counts
    /// less than one it does not qualify.</param>
    public static FoundValue? Find(KnowledgeIndex index, Candidate candidate, IReadOnlySet<char> kinds, Language language, string query = "")
    {
        var document = candidate.Document;
        var text = document.Text(language);
        var analyzer = index.Analyzer;
        var normalized = analyzer.Normalize(text);
        var year = int.Parse(document.Source.Date[..4], System.Globalization.CultureInfo.InvariantCulture);
        var tokens = analyzer.AnalyzeNormalized(normalized, year, termPieces: true);
        var anchors = Anchors(analyzer, tokens, candidate.Hits);
        var wanted = kinds.Count == 0 ? "n" : string.Concat(kinds);
        var found = new List<(int Start, int Length, FoundValue Value)>();
        foreach (var t in tokens.Where(t => t.Start >= 0))
        {
            if (Of(t, normalized, language) is { } value && wanted.Contains(Code(value, t)))
            {
                found.Add((t.Start, t.Length, value));
            }
        }

        if (wanted.Contains('h'))
        {
            found.AddRange(index.Persons.Find(normalized, text).Select(n => (n.Start, n.Length,
                new FoundValue(ValueKind.Person, text.Substring(n.Start, n.Length), null, language))));
        }

        return Nearest(found, anchors, normalized, candidate.Document, query);
    }

    private static char Code(FoundValue value, Token token) => value.Kind switch
    {
        ValueKind.Year => 'y',
        ValueKind.Date => 'd',
        ValueKind.Place => token.Pos == nameof(TermKind.Organisation) ? 'g' : 'l',
        _ => value.Percent ? 'p' : token.Text[1] == 'o' ? 'o' : 'n',
    };

    private static FoundValue? Of(Token t, string text, Language language)
    {
        var written = text.Substring(t.Start, t.Length);
        return t.Kind switch
        {
            TokenKind.Year when !t.IsRelativeYear => new FoundValue(ValueKind.Year, written, t.Text, language),
            TokenKind.Date when t.Text.StartsWith("#d:", StringComparison.Ordinal) => new FoundValue(ValueKind.Date, written, t.Text, language),
            TokenKind.Number or TokenKind.Percent or TokenKind.Ordinal => Figure(t, written, text, language),
            TokenKind.Term when t.Pos is nameof(TermKind.Place) or nameof(TermKind.Organisation) => new FoundValue(ValueKind.Place, written, t.Text, language),
            _ => null,
        };
    }

    private static FoundValue Figure(Token t, string written, string text, Language language)
    {
        var before = text.AsSpan(Math.Max(0, t.Start - 12), Math.Min(12, t.Start));
        var end = t.Start + t.Length;
        var after = text.AsSpan(end, Math.Min(8, text.Length - end));
        int? bound = MoreBefore().IsMatch(before) || MoreAfter().IsMatch(after) ? 1
            : AboutBefore().IsMatch(before) || AboutAfter().IsMatch(after) ? 0
            : LessBefore().IsMatch(before) ? -1
            : null;
        return new FoundValue(ValueKind.Figure, written, t.Text, language)
        {
            Bound = bound, Yuan = Yuan().IsMatch(after), Unit = MeasureWord().Match(text, end) is { Success: true } m && m.Index == end ? m.Value : "",
        };
    }

    /// <summary>The value closest to a matched word, preferring one in the same clause, and one that is not a
    /// figure of what is new or added when the question does not ask about that.</summary>
    private static FoundValue? Nearest(List<(int Start, int Length, FoundValue Value)> found, List<int> anchors, string text,
        IndexedDocument document, string query)
    {
        if (found.Count == 0)
        {
            return null;
        }

        var asksNew = NewCue().IsMatch(query);
        return found.MinBy(f => (anchors.Count == 0 ? 0 : anchors.Min(a => Distance(text, a, f.Start)))
            + (!asksNew && NewCue().IsMatch(Segment(text, f.Start)) ? 500 : 0)).Value;
    }

    /// <summary>The part of a sentence between the clause breaks around a position.</summary>
    private static string Segment(string text, int at)
    {
        var start = text.LastIndexOfAny(['，', '、', '；', ','], Math.Max(at - 1, 0)) + 1;
        var end = text.IndexOfAny(['，', '、', '；', '。', ','], at);
        return text[start..(end < 0 ? text.Length : end)];
    }

    /// <summary>Characters between two positions, with a clause break between them counting as a long way.</summary>
    private static int Distance(string text, int a, int b)
    {
        var (from, to) = a < b ? (a, b) : (b, a);
        var breaks = 0;
        for (var i = from; i < to; i++)
        {
            breaks += text[i] is '，' or '、' or '；' or '。' or ';' || (text[i] == ',' && !(i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))) ? 1 : 0;
        }

        return to - from + 1000 * breaks;
    }

    /// <summary>Where the sentence says what the question asked about: the words matched, the strongest first. A
    /// word whose English sense matched several words of the question (病床, "hospital bed") is a stronger anchor
    /// than one that matched a single word (医院, "hospital"); a sense only partly matched anchors nothing.</summary>
    private static List<int> Anchors(TextAnalyzer analyzer, List<Token> tokens, IReadOnlyList<string> hits)
    {
        var strength = new Dictionary<int, int>();
        foreach (var t in tokens.Where(t => t.Start >= 0))
        {
            var s = Strength(analyzer, t, hits);
            if (s > 0)
            {
                strength[t.Start] = Math.Max(strength.GetValueOrDefault(t.Start), s);
            }
        }

        var strongest = strength.Values.DefaultIfEmpty(0).Max();
        return strength.Where(p => p.Value == strongest).Select(p => p.Key).ToList();
    }

    private static int Strength(TextAnalyzer analyzer, Token t, IReadOnlyList<string> hits)
    {
        if (hits.Contains(t.Text))
        {
            return 1;
        }

        if (t.Kind != TokenKind.Word || t.IsEnglish || t.Text.Length < 2)
        {
            return 0;
        }

        var senses = analyzer.Senses(t.Text).Select(sense => sense.Select(g => DocumentIndexer.GlossPrefix + g).ToArray())
            .Concat(analyzer.Spellings(t).Select(g => new[] { DocumentIndexer.GlossPrefix + g }));
        return senses.Where(sense => sense.All(hits.Contains)).Select(sense => sense.Length).DefaultIfEmpty(0).Max();
    }

    [GeneratedRegex(@"(?:超过|超|逾|多于|高于|more than|over|above|exceed\w*|upwards of)\s*$")]
    private static partial Regex MoreBefore();

    [GeneratedRegex(@"^\s*(?:[万亿千百]*)(?:多|余|以上|有余)|^\s*(?:or more|plus)\b")]
    private static partial Regex MoreAfter();

    [GeneratedRegex(@"(?:约|大约|近|将近|接近|大概|左右|about|around|nearly|almost|approximately|roughly)\s*$")]
    private static partial Regex AboutBefore();

    [GeneratedRegex(@"^\s*(?:[万亿千百]*)(?:左右|上下)")]
    private static partial Regex AboutAfter();

    [GeneratedRegex(@"(?:不到|不足|少于|低于|fewer than|less than|under|below)\s*$")]
    private static partial Regex LessBefore();

    [GeneratedRegex(@"新建|新增|新开|新设|新落成|建成|开办|开业|增加|\bnew\b|\badded?\b|\bnewly\b|\bbuil[dt]\b|\bopen(?:ed)?\b|\blaunch(?:ed)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex NewCue();

    [GeneratedRegex(@"[万亿]*(?:人次|平方公里|公里|个|家|座|所|名|位|人|元|张|棵|项|场|次|台|辆|套|吨|亩|层|条|架|艘)")]
    private static partial Regex MeasureWord();

    [GeneratedRegex(@"^\s*(?:[万亿千百]*)元|^\s*(?:billion |million |thousand |trillion )?(?:yuan|rmb)\b")]
    private static partial Regex Yuan();
}
