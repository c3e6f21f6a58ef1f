using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// What a question asks for (its content tokens and the kind of value it wants) and what narrows it down (its
/// years, dates and named entities other than the bot's own subject). "福田区2025年GDP" shares GDP and 2025
/// with the Nanshan GDP fact but names another district: only a fact about 福田 may answer it.
/// </summary>
internal sealed class QueryShape
{
    private readonly KnowledgeBase knowledge;

    public QueryShape(KnowledgeBase knowledge, Query query)
    {
        var tokens = query.Tokens;
        var implied = ImpliedTerms(knowledge, tokens);
        Content = tokens.Where(t => t.IsContent && !implied.Contains(t.Text)).ToList();
        Constraints = tokens.Where(t => t.IsConstraint).Select(t => t.Text)
            .Concat(tokens.Where(t => t.Kind == TokenKind.Term && !implied.Contains(t.Text)
                && knowledge.Terms[t.Text[1..]].IsNamedEntity).Select(t => t.Text))
            .Distinct()
            .ToList();
        NamesEntity = Constraints.Any(c => c[0] == '@');
        AsksAboutAnotherPlace = !tokens.Any(t => t.Kind == TokenKind.Term && knowledge.Terms[t.Text[1..]].Role == DefaultRole.Subject)
            && Constraints.Any(c => c[0] == '@' && knowledge.Terms[c[1..]].Kind == TermKind.Place);
        this.knowledge = knowledge;
        RequiredConcepts = NamesEntity
            ? Content.Where(t => t.Kind == TokenKind.Term && knowledge.Terms[t.Text[1..]].Kind == TermKind.Concept)
                .Select(t => t.Text).Distinct().ToList()
            : [];
        ExpectedKinds = knowledge.Lexicon.AnswerTypes
            .Where(p => Phrases.Contains(query.Normalized, p.Key))
            .SelectMany(p => p.Value)
            .Select(IndexedDocument.KindCode)
            .ToHashSet();
    }

    public IReadOnlyList<Token> Content { get; }

    public IReadOnlyList<string> Constraints { get; }

    /// <summary>Whether the question names a specific place, person, organisation or event.</summary>
    public bool NamesEntity { get; }

    /// <summary>When a question names an entity, every concept it asks about must be in the answer too:
    /// "Futian's GDP" is not answered by a fact about Futian that says nothing of GDP.</summary>
    public IReadOnlyList<string> RequiredConcepts { get; }

    /// <summary>The value kinds (as in <see cref="IndexedDocument.ValueKinds"/>) the question asks for.</summary>
    public IReadOnlySet<char> ExpectedKinds { get; }

    /// <summary>Whether the question is about a place other than Nanshan without naming Nanshan ("海淀区的GDP",
    /// "深圳的GDP").</summary>
    public bool AsksAboutAnotherPlace { get; }

    /// <summary>Whether the fact is about (not merely mentions) every entity the question names: its curated
    /// <c>about</c> list has them all. "黄仁勋来南山做了什么" is about a fact on his visit, not one that mentions
    /// him in passing.</summary>
    public bool IsAbout(IndexedDocument document) =>
        NamesEntity && document.Fact is { } fact && Constraints.Where(c => c[0] == '@').All(c => fact.About.Contains(c[1..]));

    public bool IsSatisfiedBy(IndexedDocument document) =>
        Constraints.All(document.Contains) && RequiredConcepts.All(document.Contains)
        && !(AsksAboutAnotherPlace && IsAboutTheSubject(document));

    /// <summary>A fact whose first <c>about</c> term is Nanshan is Nanshan's: it may mention 海淀 as a comparison,
    /// but it does not answer a question about 海淀.</summary>
    private bool IsAboutTheSubject(IndexedDocument document) =>
        document.Fact?.About.FirstOrDefault() is { } first && knowledge.Terms[first].Role == DefaultRole.Subject;


    /// <summary>Whether the document states a value of the kind the question asks for (or it asks for none).</summary>
    public bool WantsValueOf(IndexedDocument document) => ExpectedKinds.Count == 0 || ExpectedKinds.Overlaps(document.ValueKinds);

    /// <summary>The subject (南山) narrows nothing; a parent place (深圳) only when it qualifies the subject
    /// next to it ("深圳南山区", "Shenzhen's Nanshan"), not when it is what is asked about ("占深圳的多少").</summary>
    private static HashSet<string> ImpliedTerms(KnowledgeBase knowledge, List<Token> tokens)
    {
        var named = tokens.Where(t => !t.IsPiece && !t.IsStop).ToList();
        var implied = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < named.Count; i++)
        {
            if (named[i].Kind != TokenKind.Term)
            {
                continue;
            }

            var role = knowledge.Terms[named[i].Text[1..]].Role;
            if (role == DefaultRole.Subject || (role == DefaultRole.Parent && (IsSubject(i - 1) || IsSubject(i + 1))))
            {
                implied.Add(named[i].Text);
            }
        }

        return implied;

        bool IsSubject(int i) => i >= 0 && i < named.Count && named[i].Kind == TokenKind.Term
            && knowledge.Terms[named[i].Text[1..]].Role == DefaultRole.Subject;
    }
}
