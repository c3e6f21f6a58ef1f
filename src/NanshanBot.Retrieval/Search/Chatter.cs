using System.Text.RegularExpressions;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>A clause of pure chatter beside the clause that asks ("多谢", "急，在线等", "hey, … thanks a lot"): its
/// words are set aside, so that politeness never counts against the question.</summary>
internal static partial class Chatter
{
    /// <summary>The longest clause that can be chatter: a few characters or words.</summary>
    private const int ChatterHan = 6;
    private const int ChatterWords = 4;

    public static void SetAside(KnowledgeIndex index, string normalized, List<Token> tokens)
    {
        var clauses = Clauses(normalized);
        if (clauses.Count < 2)
        {
            return;
        }

        var chatter = clauses.Where(c => IsChatter(index, normalized[c.Start..c.End], tokens.Where(t => t.Start >= c.Start && t.Start < c.End))).ToList();
        if (chatter.Count == clauses.Count)
        {
            return;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (chatter.Any(c => tokens[i].Start >= c.Start && tokens[i].Start < c.End))
            {
                tokens[i] = tokens[i] with { IsStop = true };
            }
        }
    }

    /// <summary>A short clause with nothing the knowledge knows, no number and no question word ("多谢", "急",
    /// "在线等", "thanks a lot"), beside a clause that asks something.</summary>
    private static bool IsChatter(KnowledgeIndex index, string clause, IEnumerable<Token> tokens)
    {
        var han = clause.Count(LanguageDetector.IsHan);
        var words = Word().Count(clause);
        var lexicon = index.Knowledge.Lexicon;
        return han <= ChatterHan && words <= ChatterWords
            && !lexicon.AnswerTypes.Keys.Any(q => Phrases.Contains(clause, q))
            && !lexicon.FollowUpMarkers.Any(m => Phrases.Contains(clause, m))
            && tokens.All(t => t.Kind == TokenKind.Word && !t.Pos.StartsWith("ns", StringComparison.Ordinal)
                && (t.IsStop || index.DocumentFrequency(t.Text) == 0 || IsFiller(index, t)));
    }

    /// <summary>A word as common as 等 or "so" says nothing in a clause of its own.</summary>
    private static bool IsFiller(KnowledgeIndex index, Token t) =>
        !t.IsEnglish && index.Analyzer.Resources.Informativeness.OfChinese(t.Text) < FillerInformativeness;

    private const double FillerInformativeness = 0.1;

    private static List<(int Start, int End)> Clauses(string text)
    {
        var clauses = new List<(int, int)>();
        var start = 0;
        foreach (Match m in ClauseBreak().Matches(text))
        {
            if (text[start..m.Index].Any(char.IsLetterOrDigit))
            {
                clauses.Add((start, m.Index));
            }

            start = m.Index + m.Length;
        }

        if (text[start..].Any(char.IsLetterOrDigit))
        {
            clauses.Add((start, text.Length));
        }

        return clauses;
    }

    [GeneratedRegex(@"[，。？！；…\n?!;]+|[,.](?!\d)")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex Word();
}
