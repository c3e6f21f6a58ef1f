using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// Ranks the knowledge base's documents for a question (BM25 over normalised tokens), keeps only those that
/// satisfy the question's constraints (its years, dates and named entities), and decides whether the best
/// one covers enough of what was asked to count as an answer.
/// </summary>
public sealed class Retriever(RetrievalOptions options)
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>How much a document that states the kind of value asked for (a year for "when") is preferred.</summary>
    private const double TypeBoost = 1.5;

    /// <summary>A verb the knowledge base never uses (举行 where a fact says 举办) is more often a paraphrase than
    /// a new subject: it counts less against coverage than an unknown word of another kind.</summary>
    private const double UnknownVerbWeight = 0.6;

    /// <summary>How much each topic of a fact that the question does not ask about lowers its rank.</summary>
    private const double FocusPenalty = 0.15;

    public RetrievalResult Search(KnowledgeIndex index, string question, IReadOnlyList<Token>? context = null) =>
        Search(index, index.Parse(question), context);

    /// <param name="context">The previous turn's tokens, for a follow-up: they help rank but neither
    /// constrain nor count towards coverage, which is the new question's alone.</param>
    public RetrievalResult Search(KnowledgeIndex index, Query question, IReadOnlyList<Token>? context)
    {
        var (tokens, language) = (question.Tokens, question.Language);
        var query = new QueryShape(index.Knowledge, question);
        var unknown = UnknownNouns(index, query.Content);
        if (unknown.Count > 0)
        {
            return new RetrievalResult(language, tokens, Verdict.UnknownSubject, [], unknown);
        }

        if (query.Content.Count == 0 && (context is null || context.Count == 0))
        {
            return new RetrievalResult(language, tokens, Verdict.NoContent, [], []);
        }

        var weights = Weights(tokens, context);
        var ranked = new List<Candidate>();
        foreach (var document in index.Documents)
        {
            var score = Bm25(index, document, weights);
            if (score > 0 && query.IsSatisfiedBy(document))
            {
                var (coverage, matched) = Coverage(index, document, query.Content);
                var boost = (query.WantsValueOf(document) ? TypeBoost : 1.0)
                    / (1 + FocusPenalty * query.UnaskedTopics(document, index.Knowledge));
                ranked.Add(new Candidate(document, score * boost, coverage, matched));
            }
        }

        ranked.Sort((a, b) => b.Rank.CompareTo(a.Rank));
        var found = ranked.Count > 0 && ranked[0].Coverage >= options.MinCoverage;
        return new RetrievalResult(language, tokens, found ? Verdict.Found : Verdict.NoMatch, ranked, []);
    }

    /// <summary>Nouns the knowledge base has never seen, in any form: a question about them cannot be answered
    /// from it however well its other words match (南山区的房价, 罗湖区的GDP).</summary>
    private static List<string> UnknownNouns(KnowledgeIndex index, IReadOnlyList<Token> content) =>
        content.Where(t => t.Kind == TokenKind.Word && !t.IsEnglish && t.Text.Length >= 2
                && (t.Pos.StartsWith('n') || t.Pos == "vn" || t.Pos == "s")
                && index.DocumentFrequency(t.Text) == 0 && !index.Documents.Any(d => d.NormalizedText.Contains(t.Text)))
            .Select(t => t.Text)
            .Distinct()
            .ToList();

    /// <summary>The question's own tokens at full weight (pieces of words less), the previous turn's at half.</summary>
    private static Dictionary<string, double> Weights(List<Token> tokens, IReadOnlyList<Token>? context)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var token in tokens.Where(t => !t.IsStop))
        {
            weights[token.Text] = Math.Max(weights.GetValueOrDefault(token.Text), token.IsPiece ? 0.2 : 1.0);
        }

        foreach (var token in context ?? [])
        {
            if (!token.IsStop)
            {
                weights.TryAdd(token.Text, token.IsPiece ? 0.1 : 0.5);
            }
        }

        return weights;
    }

    private static double Bm25(KnowledgeIndex index, IndexedDocument document, Dictionary<string, double> weights)
    {
        var score = 0.0;
        var norm = K1 * (1 - B + B * document.Length / index.AverageLength);
        foreach (var (token, weight) in weights)
        {
            if (document.TermFrequencies.TryGetValue(token, out var tf))
            {
                score += weight * index.Idf(token) * tf * (K1 + 1) / (tf + norm);
            }
        }

        return score;
    }

    /// <summary>The idf-weighted share of the question's content words the document contains. A word the
    /// segmenter split differently still counts when the document's text contains it.</summary>
    private static (double Coverage, IReadOnlySet<string> Matched) Coverage(
        KnowledgeIndex index, IndexedDocument document, IReadOnlyList<Token> content)
    {
        if (content.Count == 0)
        {
            return (1.0, new HashSet<string>());
        }

        double total = 0, covered = 0;
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in content.DistinctBy(t => t.Text))
        {
            var df = index.DocumentFrequency(token.Text);
            var weight = df > 0 ? index.Idf(token.Text) : token.Pos.StartsWith('v') ? UnknownVerbWeight * index.MaxIdf : index.MaxIdf;
            total += weight;
            if (document.Contains(token.Text) || (!token.IsEnglish && token.Kind == TokenKind.Word && document.NormalizedText.Contains(token.Text)))
            {
                covered += weight;
                matched.Add(token.Text);
            }
        }

        return (covered / total, matched);
    }
}
