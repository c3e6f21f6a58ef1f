using System.Text;
using System.Text.RegularExpressions;

namespace NanshanBot.Answering.Grounding;

/// <summary>A sentence of a model's reply, without its citation markers, and the fact ids it cites.</summary>
public sealed record CitedSentence(string Text, IReadOnlyList<string> Ids);

/// <summary>
/// Cuts a model's reply into sentences, each with the citations that belong to it: a marker inside the
/// sentence or right after its end (<c>…元。[F1]</c> and <c>…元[F1]。</c> alike). A piece with no letter or digit
/// (a closing bracket, a stray full stop) joins the sentence before it.
/// </summary>
public static partial class CitedSentences
{
    private static readonly string[] Abbreviations = ["mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "inc", "ltd", "co", "e.g", "i.e"];

    public static List<CitedSentence> Split(string text)
    {
        var sentences = new List<(StringBuilder Text, List<string> Ids)>();
        var current = (Text: new StringBuilder(), Ids: new List<string>());
        var position = 0;
        foreach (Match marker in Citations().Matches(text))
        {
            Add(text, position, marker.Index, sentences, ref current);
            var ids = marker.Groups[1].Value.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            (IsBlank(current.Text) && sentences.Count > 0 ? sentences[^1].Ids : current.Ids).AddRange(ids);
            position = marker.Index + marker.Length;
        }

        Add(text, position, text.Length, sentences, ref current);
        Close(sentences, ref current);
        return sentences.Select(s => new CitedSentence(s.Text.ToString().Trim(), s.Ids)).ToList();
    }

    /// <summary>The reply without its citation markers.</summary>
    public static string Clean(string text) => Citations().Replace(text, "");

    private static void Add(string text, int start, int end, List<(StringBuilder, List<string>)> sentences, ref (StringBuilder Text, List<string> Ids) current)
    {
        for (var i = start; i < end; i++)
        {
            current.Text.Append(text[i]);
            if (EndsSentence(text, i, end))
            {
                Close(sentences, ref current);
            }
        }
    }

    private static void Close(List<(StringBuilder Text, List<string> Ids)> sentences, ref (StringBuilder Text, List<string> Ids) current)
    {
        if (IsBlank(current.Text))
        {
            return;
        }

        if (!current.Text.ToString().Any(char.IsLetterOrDigit) && sentences.Count > 0)
        {
            sentences[^1].Text.Append(current.Text);
            sentences[^1].Ids.AddRange(current.Ids);
        }
        else
        {
            sentences.Add(current);
        }

        current = (new StringBuilder(), []);
    }

    private static bool EndsSentence(string text, int i, int end) => text[i] switch
    {
        '。' or '！' or '？' or '；' or '!' or '?' or ';' or '\n' => true,
        // "5.5%" and "Mr. Huang" go on; "yuan. Next" ends.
        '.' => (i + 1 == end || char.IsWhiteSpace(text[i + 1])) && !IsAbbreviation(text, i),
        _ => false,
    };

    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }

        return Abbreviations.Contains(text[start..dot].ToLowerInvariant());
    }

    private static bool IsBlank(StringBuilder text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"[\[【]\s*((?:F\d+\s*[,，]?\s*)+)[\]】]", RegexOptions.IgnoreCase)]
    private static partial Regex Citations();
}
