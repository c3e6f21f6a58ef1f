using System.Globalization;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Curation.Drafting;

/// <summary>An article's sentence worth asking about: where it is (paragraph.sentence), the terms it names, the date
/// it refers to, and what makes it worth a fact (figures, dates, names, a ranking, an event).</summary>
public sealed record Statement(int Paragraph, int Sentence, string Text, IReadOnlyList<string> About, string Date, string DateFrom, IReadOnlyList<string> Signals)
{
    public string Place => $"{Paragraph}.{Sentence}";
}

/// <summary>
/// Picks an article's statements worth a fact, reading each sentence as retrieval does (its terms, numbers,
/// shares, years and dates, jieba's names). A sentence's date is the latest year it names (with the day, where it
/// gives one next to the year), else a year an earlier sentence of its paragraph named, else the headline's, else
/// the month the article was published.
/// </summary>
internal static class StatementFinder
{
    private static readonly string[] NamePartsOfSpeech = ["nr", "nrfg", "nrt", "nt"];
    private static readonly string[] ChineseRanking = ["首个", "首家", "首次", "首批", "首座", "第一", "最大", "最高", "最多", "最早", "领先", "排名", "榜首", "位居", "冠军", "百强"];
    private static readonly string[] EnglishRanking = ["first", "largest", "biggest", "highest", "top", "leading", "ranked", "ranks", "ranking", "greatest"];
    private static readonly string[] ChineseEvents = ["举办", "举行", "召开", "开幕", "闭幕", "启动", "发布", "签约", "落户", "开通", "开业", "投用", "建成", "成立", "访问", "考察"];
    private static readonly string[] EnglishEvents = ["held", "opened", "launched", "hosted", "signed", "inaugurated", "established", "founded", "unveiled", "visited", "inspected"];

    public static List<Statement> Find(Article article, string articleDate, KnowledgeIndex index)
    {
        var year = int.Parse(articleDate[..4], CultureInfo.InvariantCulture);
        var headlineYear = Years(index.Analyzer.Analyze(article.Title, year)).DefaultIfEmpty().Max();
        var statements = new List<Statement>();
        for (var p = 0; p < article.Paragraphs.Count; p++)
        {
            int? paragraphYear = null;
            for (var s = 0; s < article.Paragraphs[p].Count; s++)
            {
                var text = article.Paragraphs[p][s];
                var tokens = index.Analyzer.Analyze(text, year);
                var own = OwnDate(tokens);
                var signals = Signals(index.Analyzer.Normalize(text), tokens, index.Knowledge);
                if (signals.Count > 0 && text.Count(char.IsLetterOrDigit) >= 8)
                {
                    var (date, from) = own is not null ? (own, "the sentence")
                        : paragraphYear is { } y ? (Text(y), "an earlier sentence of its paragraph")
                        : headlineYear > 0 ? (Text(headlineYear), "the headline")
                        : (articleDate.Length >= 7 ? articleDate[..7] : articleDate, "the article's date");
                    statements.Add(new Statement(p + 1, s + 1, text, About(tokens, index.Knowledge), date, from, signals));
                }

                paragraphYear = Years(tokens).Select(y => (int?)y).DefaultIfEmpty(paragraphYear).Max();
            }
        }

        return statements;
    }

    /// <summary>What makes a sentence worth a fact; <paramref name="text"/> is normalised (simplified Chinese,
    /// lower case) as the word lists are.</summary>
    private static List<string> Signals(string text, List<Token> tokens, KnowledgeBase knowledge)
    {
        var words = text.ToLowerInvariant().Split(text.Where(c => !char.IsAsciiLetter(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);
        var signals = new List<string>();
        Add(signals, "figures", tokens.Any(t => t.Kind is TokenKind.Number or TokenKind.Percent));
        Add(signals, "dates", tokens.Any(t => t.Kind is TokenKind.Year or TokenKind.Date));
        Add(signals, "names", tokens.Any(t => IsName(t, knowledge)));
        Add(signals, "ranking", tokens.Any(t => t.Kind == TokenKind.Ordinal) || ChineseRanking.Any(text.Contains) || words.Any(EnglishRanking.Contains));
        Add(signals, "event", ChineseEvents.Any(text.Contains) || words.Any(EnglishEvents.Contains)
            || tokens.Any(t => Term(t, knowledge)?.Kind == TermKind.Event));
        return signals;
    }

    private static void Add(List<string> signals, string signal, bool present)
    {
        if (present)
        {
            signals.Add(signal);
        }
    }

    private static bool IsName(Token token, KnowledgeBase knowledge) =>
        Term(token, knowledge)?.Kind is TermKind.Person or TermKind.Organisation
        || token.Kind == TokenKind.Word && !token.IsPiece && !token.IsStop && token.Text.Length >= 2 && NamePartsOfSpeech.Contains(token.Pos);

    private static Term? Term(Token token, KnowledgeBase knowledge) =>
        token.Kind == TokenKind.Term && knowledge.Terms.TryGetValue(token.Text.TrimStart('@'), out var term) ? term : null;

    private static List<string> About(List<Token> tokens, KnowledgeBase knowledge) =>
        tokens.Select(t => Term(t, knowledge)).OfType<Term>().Where(t => t.Kind != TermKind.Question).Select(t => t.Id).Distinct().ToList();

    /// <summary>The years named: year tokens, and a number directly followed by 年 (the analyser reads "，2025年"
    /// after a list of figures as a number).</summary>
    private static IEnumerable<int> Years(List<Token> tokens) =>
        tokens.Select((t, i) => t.Kind == TokenKind.Year && t.Text.StartsWith("#y:", StringComparison.Ordinal) ? t.Text[3..]
                : t.Kind == TokenKind.Number && i + 1 < tokens.Count && tokens[i + 1].Text == "年" ? t.Text[3..] : "")
            .Select(y => int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : 0)
            .Where(y => y is > 1800 and < 2200);

    /// <summary>The latest year the sentence names, with the month and day when a date stands next to it.</summary>
    private static string? OwnDate(List<Token> tokens)
    {
        var year = Years(tokens).DefaultIfEmpty().Max();
        if (year == 0)
        {
            return null;
        }

        var yearAt = tokens.FindIndex(t => t.Text is var text && text.EndsWith(":" + Text(year), StringComparison.Ordinal));
        var dateAt = tokens.FindIndex(t => t.Kind == TokenKind.Date && t.Text.StartsWith("#d:", StringComparison.Ordinal));
        if (dateAt >= 0 && Math.Abs(dateAt - yearAt) <= 2 && tokens[dateAt].Text[3..].Split('-') is [var m, var d]
            && int.TryParse(m, CultureInfo.InvariantCulture, out var month) && int.TryParse(d, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12 && day is >= 1 and <= 31)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}-{day:00}");
        }

        return Text(year);
    }

    private static string Text(int year) => year.ToString(CultureInfo.InvariantCulture);
}
