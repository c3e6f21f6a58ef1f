using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// Which places are Nanshan's peers rather than parts of it: a district, city, county or province (a place term
/// with a name like 福田区 or "Bao'an District", or a word the dictionary tags as a place name ending in 区, 市, 县
/// or 省). A sentence that names one of them and not Nanshan is about that place.
/// </summary>
public sealed class Places
{
    private static readonly string[] Suffixes = ["区", "市", "县", "省", " district", " city", " county", " province"];
    private readonly HashSet<string> peerTerms;
    private readonly HashSet<string> subjectTerms;

    public Places(KnowledgeBase knowledge)
    {
        peerTerms = knowledge.Terms.Values
            .Where(t => t is { Kind: TermKind.Place, Role: DefaultRole.None } && t.Names.Any(n => Suffixes.Any(s => n.EndsWith(s, StringComparison.OrdinalIgnoreCase))))
            .Select(t => "@" + t.Id)
            .ToHashSet(StringComparer.Ordinal);
        subjectTerms = knowledge.Terms.Values.Where(t => t.Role == DefaultRole.Subject).Select(t => "@" + t.Id).ToHashSet(StringComparer.Ordinal);
        placeNames = knowledge.Terms.Values.Where(t => t.Kind == TermKind.Place)
            .SelectMany(t => t.Names.Select(n => (Name: n.ToLowerInvariant(), Key: peerTerms.Contains("@" + t.Id) ? "@" + t.Id : "")))
            .DistinctBy(n => n.Name)
            .ToDictionary(n => n.Name, n => n.Key, StringComparer.Ordinal);
        subjectNames = knowledge.Terms.Values.Where(t => t.Role == DefaultRole.Subject)
            .SelectMany(t => t.Names.Select(n => (Key: "@" + t.Id, Name: n)))
            .Where(n => n.Name.Length >= 2)
            .ToList();
    }

    private readonly List<(string Key, string Name)> subjectNames;
    private readonly Dictionary<string, string> placeNames;

    /// <summary>The key a place's name (lower case) stands for: a peer's term, "" for Nanshan, a part of it or a
    /// place that contains it, null for a name no place term has.</summary>
    public string? KeyOfName(string name) => placeNames.GetValueOrDefault(name);

    /// <summary>The bot's own subjects (南山区) that a text names anywhere: an article that does is about Nanshan,
    /// and so is each of its sentences that names no other place, though most do not say so.</summary>
    public IEnumerable<string> SubjectsNamedIn(IEnumerable<string> texts)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var (key, name) in subjectNames)
            {
                if (!named.Contains(key) && text.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    named.Add(key);
                }
            }
        }

        return named;
    }

    /// <summary>The peer places among the tokens (term keys, or place words).</summary>
    public HashSet<string> Others(IEnumerable<Token> tokens) =>
        tokens.Where(t => !t.IsPiece && IsPeer(t)).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);

    public bool IsPeer(Token token) => token.Kind switch
    {
        TokenKind.Term => peerTerms.Contains(token.Text),
        // The dictionary tags some districts as names of people (徐汇区): the suffix tells.
        TokenKind.Word => token.Pos is "ns" or "nr" && token.Text.Length >= 3 && Suffixes.Take(token.Pos == "ns" ? 4 : 3).Any(s => token.Text.EndsWith(s, StringComparison.Ordinal)),
        _ => false,
    };

    public bool NamesSubject(IEnumerable<Token> tokens) => tokens.Any(t => subjectTerms.Contains(t.Text));

    /// <summary>Whether an index key is the bot's own subject (@nanshan).</summary>
    public bool IsSubject(string key) => subjectTerms.Contains(key);

    /// <summary>Whether an article's sentence is from an article that names the bot's own subject (in the sentence,
    /// its paragraph, its headline or anywhere in its text).</summary>
    public bool FromArticleOnSubject(IndexedDocument document)
    {
        foreach (var term in subjectTerms)
        {
            if (document.Contains(term))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Where a document stands by place, as ranking reads it for every document it might score.</summary>
[Flags]
internal enum Placing : byte
{
    /// <summary>A curated fact: its own <c>about</c> terms say what it is about.</summary>
    Curated = 1,

    /// <summary>An article's sentence from an article that names the bot's own subject (南山) somewhere.</summary>
    FromArticleOnSubject = 2,

    /// <summary>The sentence names other places (福田区) and not the bot's subject.</summary>
    NamesOnlyOtherPlaces = 4,

    /// <summary>The sentence names no place, and its paragraph or headline is about another one.</summary>
    PlacedElsewhere = 8,
}

