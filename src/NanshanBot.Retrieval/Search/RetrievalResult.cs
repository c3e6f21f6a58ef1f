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
/// share of the question's content it covers (0..1), which content words it matched and by which index keys (each
/// once: a few, kept as arrays, since each of up to hundreds of candidates a question ranks has its own).</summary>
public sealed record Candidate(
    IndexedDocument Document, double Score, double Coverage, IReadOnlyList<string> Matched, bool GivesKindAsked)
{
    /// <summary>BM25 times how much of the question the document covers; coverage, being weighed by how much each
    /// word says, counts twice.</summary>
    public double Rank => Score * (0.3 + Coverage) * (0.3 + Coverage);

    /// <summary>The index keys of the document that matched (a word, or a translation of it), each once.</summary>
    public IReadOnlyList<string> Hits { get; init; } = [];
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

    /// <summary>The question as read (for phrasing a reply from its own words).</summary>
    public Query? Query { get; init; }

    /// <summary>The kinds of value the question asks for (see <see cref="IndexedDocument.ValueKinds"/>).</summary>
    public IReadOnlySet<char> ExpectedKinds { get; init; } = new HashSet<char>();

    /// <summary>Whether a year the question said relatively (去年) had to be given up: the answer is of another
    /// year, which the reply must say.</summary>
    public bool RelaxedYear { get; init; }

    /// <summary>An older source that answers the same question, perhaps with another figure, to name beside the
    /// newest.</summary>
    public Candidate? Older { get; init; }
}
