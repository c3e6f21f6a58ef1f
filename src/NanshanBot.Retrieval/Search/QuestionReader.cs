using System.Net;
using System.Text.RegularExpressions;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// Reads a question as people type it: markup and entities removed; typos read as the knowledge's words; a
/// clause of pure chatter at either end ("多谢", "hey bot,", "Thanks a lot") set aside; and every token weighed by
/// how much it says in general language, with a word that only names the kind of answer ("the name of the
/// <b>dish</b>", "哪家<b>公司</b>", "年份叫什么") weighing less, since the answer need not repeat it.
/// </summary>
public static partial class QuestionReader
{
    /// <summary>How much a word that names the kind of answer counts, against its own informativeness.</summary>
    private const double CategoryFactor = 0.3;

    /// <summary>A question-word term (为什么 = why) helps rank but says little about the subject.</summary>
    private const double QuestionTermWeight = 0.3;

    /// <summary>"One" in a question is mostly an article (一个人, "per one person"), rarely the figure asked about;
    /// 一年 (a year) is what it says.</summary>
    private const double CountOfOne = 0.2;

    /// <summary>A Chinese character standing alone is too ambiguous to count for much.</summary>
    private const double LoneCharacter = 0.5;

    /// <summary>A concept the knowledge names is never weighed as a common word.</summary>
    private const double MinTermWeight = 0.5;


    public static Query Read(KnowledgeIndex index, string question, int? year)
    {
        var analyzer = index.Analyzer;
        var normalized = analyzer.Normalize(Clean(question));
        // A message that is only the bot being hailed ("hi there") is read in the language it was written in.
        var language = LanguageDetector.Detect(normalized.Any(char.IsLetter) ? normalized : question.Normalize(System.Text.NormalizationForm.FormKC));
        var tokens = analyzer.AnalyzeNormalized(normalized, year);
        var corrected = index.Typos.Correct(normalized, tokens);
        var corrections = new List<string>();
        if (!ReferenceEquals(corrected, normalized))
        {
            corrections.Add($"{normalized} → {corrected}");
            normalized = corrected;
            tokens = analyzer.AnalyzeNormalized(normalized, year);
        }

        Chatter.SetAside(index, normalized, tokens);
        var categories = CategoryPositions(normalized);
        return new Query(question, normalized, tokens, language)
        {
            Weights = Weigh(index, normalized, tokens, categories),
            Categories = tokens.Where(t => categories.Contains(t.Start) && !t.IsStop).Select(t => t.Text).ToHashSet(StringComparer.Ordinal),
            Corrections = corrections,
        };
    }

    /// <summary>Markup (tags, entities) is never part of a question, nor an emoji code of a chat app ([捂脸], /:)),
    /// nor the bot being hailed ("hey bot", "@NanshanBot"), nor a bare number of a few digits typed apart after a
    /// Chinese question ("……是几号比的 123"; "on January 28" keeps its 28).</summary>
    private static string Clean(string text) =>
        StrayNumber().Replace(Vocative().Replace(EmojiCode().Replace(Tag().Replace(WebUtility.HtmlDecode(text), " "), " "), " "), "");

    private static Dictionary<string, double> Weigh(KnowledgeIndex index, string normalized, List<Token> tokens, HashSet<int> categories)
    {
        var general = index.Analyzer.Resources.Informativeness;
        var ambiguous = AmbiguousPositions(index, normalized, tokens);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var token in tokens.Where(t => !t.IsStop))
        {
            var surface = token.Start >= 0 ? normalized.AsSpan(token.Start, token.Length) : token.Text.AsSpan();
            var weight = token.Kind switch
            {
                TokenKind.Term => index.Knowledge.Terms[token.Text[1..]] switch
                {
                    { IsNamedEntity: true } => 1.0,
                    { Kind: TermKind.Question } => QuestionTermWeight,
                    _ => Math.Max(MinTermWeight, Surface(general, surface)),
                },
                TokenKind.Word when token.Length == 1 && !token.IsEnglish => LoneCharacter * Surface(general, surface),
                TokenKind.Word => Surface(general, surface),
                TokenKind.Number when token.Text == "#n:1" && !IsFollowedBy(normalized, token, '年') => CountOfOne,
                _ => 1.0,
            };
            var entity = token.Kind == TokenKind.Term && index.Knowledge.Terms[token.Text[1..]].IsNamedEntity;
            if (!entity && (categories.Contains(token.Start) || ambiguous.Contains(token.Start)))
            {
                weight *= CategoryFactor;
            }

            weights[token.Text] = Math.Max(weights.GetValueOrDefault(token.Text), weight);
        }

        return weights;
    }

    private static bool IsFollowedBy(string text, Token token, char c) =>
        token.Start >= 0 && token.Start + token.Length < text.Length && text[token.Start + token.Length] == c;

    private static double Surface(Informativeness general, ReadOnlySpan<char> surface)
    {
        if (surface.Length > 0 && LanguageDetector.IsHan(surface[0]))
        {
            return general.OfChinese(surface);
        }

        var most = 0.0;
        foreach (var range in surface.Split(' '))
        {
            most = Math.Max(most, general.OfEnglish(surface[range]));
        }

        return most;
    }

    /// <summary>Where Chinese words start that no document has and that the segmenter may have cut wrongly: the
    /// character before or after them makes a word with their own first or last ("几年内能到": 年内 as well as
    /// 内能), so the question may not say them at all.</summary>
    public static HashSet<int> AmbiguousPositions(KnowledgeIndex index, string text, List<Token> tokens)
    {
        var positions = new HashSet<int>();
        var segmenter = index.Analyzer.Segmenter;
        foreach (var t in tokens.Where(t => t is { Kind: TokenKind.Word, IsPiece: false, Start: > 0, Length: >= 2 } && !t.IsEnglish
            && index.DocumentFrequency(t.Text) == 0 && !index.AnyTextContains(t.Text)))
        {
            var end = t.Start + t.Length;
            var before = LanguageDetector.IsHan(text[t.Start - 1]) && segmenter.IsKnown([text[t.Start - 1], text[t.Start]]);
            var after = end < text.Length && LanguageDetector.IsHan(text[end]) && segmenter.IsKnown([text[end - 1], text[end]]);
            if ((before && !IsTermEnd(tokens, t.Start)) || after)
            {
                positions.Add(t.Start);
            }
        }

        return positions;
    }

    /// <summary>Whether a term's name ends right before a position (a term is never cut wrongly).</summary>
    private static bool IsTermEnd(List<Token> tokens, int position) =>
        tokens.Any(t => t.Kind == TokenKind.Term && t.Start + t.Length == position);

    /// <summary>Where the words that name the kind of answer start.</summary>
    private static HashSet<int> CategoryPositions(string text)
    {
        var positions = new HashSet<int>();
        foreach (Match m in Category().Matches(text))
        {
            positions.Add(m.Groups["w"].Index);
        }

        return positions;
    }

    [GeneratedRegex(@"(?<=[\u4e00-\u9fff？?！!。])\s+\d{1,3}\s*[!?！？。.]*\s*$")]
    private static partial Regex StrayNumber();

    [GeneratedRegex(@"\[[^\[\]\s\d]{1,6}\]|/:[a-zA-Z()<>*@$!?]{1,6}")]
    private static partial Regex EmojiCode();

    [GeneratedRegex(@"^\s*(?:hey|hi|hello|yo|dear|ok(?:ay)?)\s+(?:bot|there|nanshan\s*bot)\b[\s,!.:]*|@?\bnanshan\s*bot\b[\s,!.:]*", RegexOptions.IgnoreCase)]
    private static partial Regex Vocative();

    [GeneratedRegex(@"<[^<>]{0,40}>|&[#a-z0-9]{1,10};?")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\b(?:which|what)\s+(?:kind\s+of\s+|type\s+of\s+|sort\s+of\s+)?(?<w>[a-z])|\bname\s+of\s+(?:the\s+|a\s+)?(?<w>[a-z])|(?:哪个|哪家|哪些|哪种|哪位|哪所|哪座|哪一个|哪一家|什么样的)(?<w>[\u4e00-\u9fff])|(?<w>[\u4e00-\u9fff])[\u4e00-\u9fff]?(?=叫什么|叫啥|的名字|的名称)")]
    private static partial Regex Category();
}
