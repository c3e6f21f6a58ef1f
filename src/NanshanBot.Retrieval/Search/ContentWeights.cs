using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// How much each content word of a question matters (its idf; a word no fact uses weighs most, since it may
/// be the whole point of the question), and so what share of the question a document, or a set of documents,
/// covers.
/// </summary>
internal sealed class ContentWeights
{
    /// <summary>A verb the knowledge base never uses (举行 where a fact says 举办) is more often a paraphrase than
    /// a new subject; a single Chinese character (破, 开) is too ambiguous to weigh much.</summary>
    private const double UnknownVerbWeight = 0.6;
    private const double UnknownCharacterWeight = 0.3;

    /// <summary>Each content word, its weight, and whether it may be found in a document's text as well as in its
    /// tokens (a Chinese word the segmenter may have split differently there).</summary>
    private readonly List<(Token Token, double Weight, bool InText)> weights;
    private readonly double total;

    public ContentWeights(KnowledgeIndex index, IReadOnlyList<Token> content)
    {
        weights = content.DistinctBy(t => t.Text)
            .Select(t => (t, index.DocumentFrequency(t.Text) is var df && df > 0 ? index.Idf(df) : UnknownWeight(t) * index.MaxIdf,
                !t.IsEnglish && t.Kind == TokenKind.Word))
            .ToList();
        total = weights.Sum(w => w.Weight);
    }

    /// <summary>The content words <paramref name="document"/> contains: as tokens, or, for a Chinese word the
    /// segmenter may have split differently, in its text.</summary>
    public HashSet<string> Matched(IndexedDocument document)
    {
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (token, _, inText) in weights)
        {
            if (document.Contains(token.Text) || (inText && document.NormalizedText.Contains(token.Text, StringComparison.Ordinal)))
            {
                matched.Add(token.Text);
            }
        }

        return matched;
    }

    /// <summary>The weighted share of the question the matched words cover; a question with no content words
    /// of its own (a follow-up such as "一共多少家？") is covered by whatever its context finds.</summary>
    public double Coverage(IReadOnlySet<string> matched) =>
        total == 0 ? 1.0 : weights.Where(w => matched.Contains(w.Token.Text)).Sum(w => w.Weight) / total;

    private static double UnknownWeight(Token token) =>
        !token.IsEnglish && token.Text.Length == 1 ? UnknownCharacterWeight
        : token.Pos.StartsWith('v') ? UnknownVerbWeight
        : 1.0;
}
