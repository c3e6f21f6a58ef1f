using System.Text.RegularExpressions;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering.Grounding;

/// <summary>
/// What one sentence of a model's reply may say, given the facts it cites: the values (numbers, shares, years,
/// dates), the terms (except the bot's own subject and question words), the proper names (jieba's person, place
/// and organisation words; capitalised English words) and any URL, domain, e-mail address or phone number must
/// all be found in those facts. And no sentence may repeat the model's instructions, in English or Chinese.
/// </summary>
public static partial class GroundingRules
{
    private static readonly string[] NamePartsOfSpeech = ["nr", "nrfg", "nrt", "ns", "nt", "nz"];

    /// <summary>Phrases of the instructions (and of their Chinese renderings): a reply containing one was talked
    /// into revealing them.</summary>
    private static readonly string[] LeakPhrases =
    [
        "You are NanshanBot", "using ONLY the facts below", "Use only the facts below", "never instructions", "cite the ids of the facts",
        "你是NanshanBot", "系统提示", "系统消息", "提示词", "以下事实", "下面的事实", "下列事实", "事实的编号", "事实编号", "我的指令", "回答规则", "规则如下",
    ];

    public static bool Leaks(string text)
    {
        var compact = WhiteSpace().Replace(text, "");
        return LeakPhrases.Any(p => compact.Contains(WhiteSpace().Replace(p, ""), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Null when the sentence keeps to its facts; else what it says that they do not.</summary>
    public static string? Check(string sentence, IReadOnlyList<GroundedFact> cited, KnowledgeIndex index)
    {
        var analyzer = index.Analyzer;
        var factText = string.Join("\n", cited.Select(f => f.Text + "\n" + f.OtherLanguageText));
        var known = analyzer.Normalize(factText + "\n" + string.Join("\n", cited.Select(f => f.Source.Url)));
        var contacts = Contacts(sentence).Where(c => !known.Contains(analyzer.Normalize(c), StringComparison.Ordinal)).Distinct().ToList();
        if (contacts.Count > 0)
        {
            return "the reply gives an address or number no cited fact has: " + string.Join(", ", contacts);
        }

        var tokens = analyzer.Analyze(sentence);
        var factTokens = analyzer.Analyze(factText);
        var values = Values(tokens).Except(Values(factTokens)).ToList();
        if (values.Count > 0)
        {
            return "the reply states values no cited fact has: " + string.Join(", ", values);
        }

        var factTerms = factTokens.Where(t => t.Kind == TokenKind.Term).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var terms = tokens.Where(t => t.Kind == TokenKind.Term && !factTerms.Contains(t.Text) && Constrains(t.Text, index.Knowledge)).Select(t => t.Text).Distinct().ToList();
        if (terms.Count > 0)
        {
            return "the reply names terms no cited fact has: " + string.Join(", ", terms);
        }

        // A name may also be another name of a term the sentence or its facts use (Jensen Huang for 黄仁勋).
        var allowed = known + "\n" + analyzer.Normalize(string.Join("\n",
            factTerms.Concat(tokens.Where(t => t.Kind == TokenKind.Term).Select(t => t.Text)).SelectMany(t => TermNames(t, index.Knowledge))));
        var strangers = Names(sentence, tokens, analyzer)
            .Where(n => !allowed.Contains(analyzer.Normalize(n), StringComparison.Ordinal)).Distinct().ToList();
        return strangers.Count > 0 ? "the reply names what no cited fact does: " + string.Join(", ", strangers) : null;
    }

    private static HashSet<string> Values(IEnumerable<Token> tokens) =>
        tokens.Where(t => t.Kind is TokenKind.Number or TokenKind.Percent or TokenKind.Year or TokenKind.Date)
            .Select(t => t.Text)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether naming this term says something: the bot's own subject and question words do not.</summary>
    private static bool Constrains(string token, KnowledgeBase knowledge) =>
        knowledge.Terms.TryGetValue(token.TrimStart('@'), out var term) && term.Role != DefaultRole.Subject && term.Kind != TermKind.Question;

    private static IEnumerable<string> TermNames(string token, KnowledgeBase knowledge) =>
        knowledge.Terms.TryGetValue(token.TrimStart('@'), out var term) ? term.Names : [];

    /// <summary>Proper names: jieba's person, place and organisation words, and capitalised English words that
    /// are not stop words.</summary>
    private static IEnumerable<string> Names(string sentence, List<Token> tokens, TextAnalyzer analyzer) =>
        tokens.Where(t => t.Kind == TokenKind.Word && !t.IsPiece && !t.IsStop && NamePartsOfSpeech.Contains(t.Pos)).Select(t => t.Text)
            .Concat(CapitalisedWord().Matches(sentence).Select(m => m.Value).Where(w => !analyzer.Analyze(w).All(t => t.IsStop)));

    /// <summary>URLs, domains, e-mail addresses and phone numbers.</summary>
    private static IEnumerable<string> Contacts(string sentence) =>
        new[] { Url(), Email(), Domain(), Phone() }.SelectMany(pattern => pattern.Matches(sentence).Select(m => m.Value.TrimEnd('.', ',')));

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"(?<![A-Za-z])[A-Z][A-Za-z]+(?![A-Za-z])")]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex(@"(?:https?://|www\.)[^\s，。、；！？（）()<>""'\]]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![A-Za-z0-9-])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![A-Za-z0-9-])")]
    private static partial Regex Domain();

    /// <summary>Seven or more digits, perhaps with +, spaces or hyphens: 0755-12345678, 138 0013 8000, +86 ...</summary>
    [GeneratedRegex(@"(?<![\d.,])\+?\d(?:[ -]?\d){6,}(?![\d.,%])")]
    private static partial Regex Phone();
}
