using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

public enum Verdict
{
    /// <summary>At least one document answers the question.</summary>
    Found,

    /// <summary>The question has no content words (only the district's name, or nothing at all).</summary>
    NoContent,

    /// <summary>The question is about things the knowledge base has never heard of (房价, 高中, 罗湖区).</summary>
    UnknownSubject,

    /// <summary>Nothing matches enough of the question, or every match is about another year, date or entity.</summary>
    NoMatch,
}

/// <summary>A document that passed the question's constraints, with its BM25 score (times its boosts), the
/// share of the question's content it covers (0..1) and which content words it matched.</summary>
public sealed record Candidate(
    IndexedDocument Document, double Score, double Coverage, IReadOnlySet<string> Matched, bool GivesKindAsked)
{
    public double Rank => Score * (0.3 + Coverage);
}

public sealed record RetrievalResult(
    Language Language,
    IReadOnlyList<Token> Tokens,
    Verdict Verdict,
    IReadOnlyList<Candidate> Ranked,
    IReadOnlyList<Candidate> Answers,
    IReadOnlyList<string> UnknownWords)
{
    public Candidate? Best => Verdict == Verdict.Found ? Answers[0] : null;
}
