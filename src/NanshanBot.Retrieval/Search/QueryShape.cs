using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// What a question asks for (its content tokens) and what narrows it down (its years, dates and named
/// entities other than the bot's own subject). "福田区2025年GDP" shares GDP and 2025 with the Nanshan GDP fact
/// but names another district: only a fact about 福田 may answer it.
/// </summary>
internal sealed class QueryShape
{
    public QueryShape(KnowledgeBase knowledge, List<Token> tokens)
    {
        var terms = tokens.Where(t => t.Kind == TokenKind.Term)
            .Select(t => knowledge.Terms[t.Text[1..]])
            .ToList();
        var namesSubject = terms.Any(t => t.Role == DefaultRole.Subject);
        bool Implied(Term t) => t.Role == DefaultRole.Subject || (t.Role == DefaultRole.Parent && namesSubject);
        var implied = terms.Where(Implied).Select(t => "@" + t.Id).ToHashSet(StringComparer.Ordinal);

        Content = tokens.Where(t => t.IsContent && !implied.Contains(t.Text)).ToList();
        Constraints = tokens.Where(t => t.IsConstraint).Select(t => t.Text)
            .Concat(terms.Where(t => t.IsNamedEntity && !Implied(t)).Select(t => "@" + t.Id))
            .Distinct()
            .ToList();
    }

    public IReadOnlyList<Token> Content { get; }

    public IReadOnlyList<string> Constraints { get; }

    public bool IsSatisfiedBy(IndexedDocument document) => Constraints.All(document.Contains);
}
