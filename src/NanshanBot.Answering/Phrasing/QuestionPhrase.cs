using System.Globalization;
using System.Text.RegularExpressions;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Answering.Phrasing;

/// <summary>
/// A reply built from the question's own words and the value found: "How many universities are gathered in
/// Nanshan?" with 7 gives "7 universities"; "What was Nanshan's GDP in 2013?" gives "Nanshan's GDP in 2013: …";
/// "2018年南山GDP大约多少？" gives "2018年南山GDP：…". Only the question's words and the value are used.
/// </summary>
public static partial class QuestionPhrase
{
    public static string Reply(string question, string value, Language language, Lexicon lexicon) =>
        language == Language.English ? English(question, value) : Chinese(question, value, lexicon);

    private static string English(string question, string value)
    {
        if (HowMany().Match(question) is { Success: true } many)
        {
            return $"{value} {many.Groups["x"].Value.Trim()}";
        }

        if (Wh().Match(question) is { Success: true } wh && wh.Groups["rest"].Value.Trim() is { Length: > 0 } rest)
        {
            return $"{char.ToUpper(rest[0], CultureInfo.InvariantCulture)}{rest[1..]}: {value}";
        }

        return value;
    }

    /// <summary>The clause with the question word, without it and the particles around it.</summary>
    private static string Chinese(string question, string value, Lexicon lexicon)
    {
        var clause = ClauseBreak().Split(question).FirstOrDefault(c => lexicon.AnswerTypes.Keys.Any(k => c.Contains(k, StringComparison.Ordinal)))
            ?? question;
        var phrase = lexicon.AnswerTypes.Keys.Where(k => clause.Contains(k, StringComparison.Ordinal)).MaxBy(k => k.Length);
        if (phrase is null)
        {
            return value;
        }

        var at = clause.IndexOf(phrase, StringComparison.Ordinal);
        var head = Before().Replace(clause[..at], "");
        var tail = After().Replace(clause[(at + phrase.Length)..], "");
        var subject = (head + tail).Trim();
        return subject.Length == 0 ? value : $"{subject}：{value}";
    }

    [GeneratedRegex(@"\b(?:how\s+(?:many|much)|number\s+of|count\s+of|amount\s+of)\s+(?<x>.+?)(?=\s+(?:are|is|was|were|do|does|did|have|has|had|can|will|would|could|there|live|lived|work|worked|in|at|on|of\s+nanshan)\b|[?.!,]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex HowMany();

    [GeneratedRegex(@"\b(?:what|which|who|when|where)\s+(?:is|are|was|were|did|does|do|has|have)?\s*(?<rest>[^?.!]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Wh();

    [GeneratedRegex(@"[，,。？?！!；;]")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"(?:是|有|为|的|大约|大概|一共|共|约|现在|目前)+$")]
    private static partial Regex Before();

    [GeneratedRegex(@"[呢吗呀啊哈的了嘛啦\s]+$")]
    private static partial Regex After();
}
