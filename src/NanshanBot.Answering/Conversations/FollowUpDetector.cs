using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Search;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering.Conversations;

/// <summary>
/// Decides whether a message continues the previous question: it says so with a marker from the knowledge
/// base's list ("人均呢？", "How many friends came with him?"), or it is too short to stand alone (one content
/// word and no named entity of its own, "per capita?").
/// </summary>
public static class FollowUpDetector
{
    public static bool IsFollowUp(Query query, Lexicon lexicon)
    {
        if (lexicon.FollowUpMarkers.Any(marker => Phrases.Contains(query.Normalized, marker)))
        {
            return true;
        }

        var tokens = query.Tokens;
        var content = tokens.Count(t => t.IsContent);
        var namesEntity = tokens.Any(t => t.Kind == TokenKind.Term && t.Pos is not (nameof(TermKind.Concept) or nameof(TermKind.Question)));
        return content <= 1 && !namesEntity;
    }
}
