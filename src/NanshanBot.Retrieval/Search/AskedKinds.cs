using System.Text.RegularExpressions;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// What kind of value a question asks for (language/answer-types.txt, the longest phrase winning: 哪几家 is a
/// list, not a count; "which districts" a place), what gives it, and which figures count: a level always, a change
/// when it asks how much something grew, a length of time when it asks how long.
/// </summary>
internal sealed partial class AskedKinds
{
    private readonly HashSet<char> accepted;

    /// <summary>How many curated facts must name a concept, and what share of them with a figure beside it, for
    /// the concept to be a quantity (see <see cref="AsksForAQuantity"/>).</summary>
    private const int MinQuantityFacts = 5;
    private const double QuantityShare = 0.8;

    /// <param name="covered">What the question asks about besides the entities it names.</param>
    public AskedKinds(KnowledgeIndex index, Query query, IReadOnlyList<Token> covered)
    {
        var asked = index.Knowledge.Lexicon.AnswerTypes.Where(p => Phrases.Contains(query.Normalized, p.Key)).ToList();
        var expected = asked
            .Where(p => !asked.Any(longer => longer.Key.Length > p.Key.Length && longer.Key.Contains(p.Key, StringComparison.Ordinal)))
            .SelectMany(p => p.Value)
            .Select(IndexedDocument.KindCode)
            .ToHashSet();
        if (query.Tokens.Any(t => query.Categories.Contains(t.Text)
            && ValueKindReader.EnglishSenses(index.Knowledge, index.Analyzer, t).Any(KindWords.AskedPlaceNouns.Contains)))
        {
            expected.Add('l');
        }

        if (expected.Count == 0 && AsksForAQuantity(index, covered))
        {
            expected.Add('n');
        }

        Expected = expected;
        accepted = expected.SelectMany(Answering).ToHashSet();
        Figures = FigureKinds.Level
            | (ChangeWords().IsMatch(query.Normalized) ? FigureKinds.Change : FigureKinds.None)
            | (DurationWords().IsMatch(query.Normalized) ? FigureKinds.Duration : FigureKinds.None);
    }

    public IReadOnlySet<char> Expected { get; }

    /// <summary>The kinds of figure that answer the question.</summary>
    public FigureKinds Figures { get; }

    /// <summary>Whether the document gives a value of a kind asked, or a stand-in for it; a company answers "where"
    /// only with its premises (its office, its address).</summary>
    public bool GivenBy(IndexedDocument document) =>
        accepted.Overlaps(document.ValueKinds)
        || (Expected.Contains('l') && document.ValueKinds.Contains('g') && document.ValueKinds.Contains('a'));

    public bool GivesExactly(IndexedDocument document) => Expected.Overlaps(document.ValueKinds);

    /// <summary>Whether a question that says no kind of answer ("What was Nanshan's GDP in 2013?") asks for a figure
    /// all the same: all it asks about is a quantity, a concept the curated facts nearly always state with a figure
    /// beside it. A sentence that only mentions it ("only Nanshan and Futian have a larger economy", "both are among
    /// the top 20 districts by output") does not answer.</summary>
    private static bool AsksForAQuantity(KnowledgeIndex index, IReadOnlyList<Token> covered) =>
        covered.Count > 0 && covered.All(t => t.Kind == TokenKind.Term && index.Knowledge.Terms[t.Text[1..]].Kind == TermKind.Concept
            && IsQuantity(index, t.Text));

    private static bool IsQuantity(KnowledgeIndex index, string key)
    {
        var (named, figured) = (0, 0);
        for (var i = 0; i < index.Knowledge.Facts.Count; i++)
        {
            var fact = index.Documents[i];
            if (fact.Contains(key))
            {
                named++;
                figured += (fact.FiguresOf(key) & (FigureKinds.Level | FigureKinds.Change)) != 0 ? 1 : 0;
            }
        }

        return named >= MinQuantityFacts && figured >= QuantityShare * named;
    }

    /// <summary>What gives a value of a kind: a share answers "how many" too, and names of any kind "which ones".</summary>
    private static string Answering(char kind) => kind switch
    {
        'n' => "np",
        'e' => "elgh",
        _ => kind.ToString(),
    };

    [GeneratedRegex(@"增长|增加|提高|上升|增幅|增速|下降|减少|\b(?:grow|grew|growth|increase|rise|rose|fell|decrease)")]
    private static partial Regex ChangeWords();

    [GeneratedRegex(@"几年|多少年|多久|多长时间|几个月|\bhow long\b|\bhow many (?:years|months|days)")]
    private static partial Regex DurationWords();
}
