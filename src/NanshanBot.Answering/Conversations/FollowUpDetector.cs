using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering.Conversations;

/// <summary>
/// Decides whether a message continues the previous question: it says so with a marker from the knowledge
/// base's list ("人均呢？", "How many friends came with him?"), or it is too short to stand alone (one content
/// word and no named entity of its own, "per capita?").
/// </summary>
public static class FollowUpDetector
{
    public static bool IsFollowUp(string normalizedText, IReadOnlyList<Token> tokens, Lexicon lexicon)
    {
        if (HasMarker(normalizedText, lexicon.FollowUpMarkers))
        {
            return true;
        }

        var content = tokens.Count(t => t.IsContent);
        var namesEntity = tokens.Any(t => t.Kind == TokenKind.Term && t.Pos != nameof(TermKind.Concept));
        return content <= 1 && !namesEntity;
    }

    private static bool HasMarker(string text, IReadOnlySet<string> markers)
    {
        var words = " " + string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || LanguageDetector.IsHan(c) ? c : ' ')) + " ";
        foreach (var marker in markers)
        {
            var isChinese = LanguageDetector.IsHan(marker[0]);
            if (isChinese ? text.Contains(marker, StringComparison.Ordinal) : words.Contains(" " + marker + " ", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
