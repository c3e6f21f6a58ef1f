using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>What kinds of value a document's text gives (<see cref="IndexedDocument.ValueKinds"/>): figures, years
/// and dates from its tokens, places, people and organisations from its terms and names, a list, a length of time,
/// an organisation's premises.</summary>
internal sealed partial class ValueKindReader(KnowledgeBase knowledge, TextAnalyzer analyzer, PersonNames persons)
{
    /// <summary>The kinds of answer a reply quoting this text gives (see <see cref="IndexedDocument.ValueKinds"/>):
    /// from what the text shows, not from a fact's date field or keywords.</summary>
    public HashSet<char> Of(IEnumerable<Token> shown, string normalized, string original)
    {
        var kinds = new HashSet<char>();
        foreach (var token in shown)
        {
            if (token.Text[0] == '#')
            {
                kinds.Add(token.Text[1]);
            }
            else if (token.Kind == TokenKind.Term && knowledge.Terms[token.Text[1..]] is var term)
            {
                if (term.Kind == TermKind.Place && term.Role is DefaultRole.None or DefaultRole.Part)
                {
                    kinds.Add('l');
                }
                else if (term.Kind is TermKind.Person or TermKind.Organisation)
                {
                    kinds.Add(term.Kind == TermKind.Person ? 'h' : 'g');
                }
            }
            else if (token.Pos is "ns" or "nt" && !token.IsPiece)
            {
                kinds.Add(token.Pos == "ns" ? 'l' : 'g');
            }
        }

        if (persons.Find(normalized, original).Count > 0)
        {
            kinds.Add('h');
        }

        if (Enumerations.Find(normalized, shown.ToList()).Count > 0)
        {
            kinds.Add('e');
        }

        if (Duration().IsMatch(normalized))
        {
            kinds.Add('u');
        }

        if (shown.Any(t => !t.IsStop && KindWords.Premises.Overlaps(EnglishSenses(t))))
        {
            kinds.Add('a');
        }

        if (shown.Any(t => t.Kind == TokenKind.Word && !t.IsStop && KindWords.PlaceNouns.Overlaps(EnglishSenses(t))))
        {
            kinds.Add('l');
        }

        return kinds;
    }

    /// <summary>What a token means in English stems: itself, a Chinese word's one-word senses, a term's English names.</summary>
    private IEnumerable<string> EnglishSenses(Token token) => EnglishSenses(knowledge, analyzer, token);

    public static IEnumerable<string> EnglishSenses(KnowledgeBase knowledge, TextAnalyzer analyzer, Token token) => token.Kind switch
    {
        TokenKind.Word when token.IsEnglish => [token.Text],
        TokenKind.Word when token.Text.Length >= 2 => analyzer.Senses(token.Text).Where(s => s.Length == 1).Select(s => s[0]),
        TokenKind.Term => knowledge.Terms[token.Text[1..]].Names.Where(n => n.All(c => char.IsAsciiLetter(c) || c == ' '))
            .Select(n => EnglishStemmer.Stem(n.ToLowerInvariant())),
        _ => [],
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"每(?:个)?(?:小时|天|日|周|星期|月|年)|[\d一二两三四五六七八九十百半几]+\s*(?:个)?(?:小时|分钟|天|周|星期|个月|年间|年来|年内)|(?<!\d)\d{1,3}\s*年(?!\d|月|度)|\bevery\s+(?:\w+\s+)?(?:hour|day|week|month|year|minute)s?\b|\b(?:hourly|daily|weekly|monthly|annually)\b|\b\d+\s*(?:hours?|minutes?|days?|weeks?|months?|years?)\b")]
    private static partial System.Text.RegularExpressions.Regex Duration();
}
