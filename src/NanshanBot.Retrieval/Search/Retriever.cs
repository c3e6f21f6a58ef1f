using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// Ranks the knowledge base's documents for a question (BM25 over normalised tokens), keeps only those that
/// satisfy the question's constraints (its years, dates and named entities), and picks the one to three that
/// answer it: the best, plus others that cover parts of the question it does not.
/// </summary>
public sealed class Retriever(RetrievalOptions options)
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>Only the best documents by BM25 are checked against the question's constraints and coverage: in a
    /// knowledge base of thousands of articles, a common word would otherwise make every passage a candidate.</summary>
    private const int MaxCandidates = 200;

    /// <summary>How much a document that states the kind of value asked for (a year for "when") is preferred.</summary>
    private const double TypeBoost = 2.0;

    /// <summary>How much a fact curated as being about the entities a question names is preferred over one
    /// that only mentions them.</summary>
    private const double AboutBoost = 1.3;

    public RetrievalResult Search(KnowledgeIndex index, string question, IReadOnlyList<Token>? context = null) =>
        Search(index, index.Parse(question), context);

    /// <param name="context">The previous turn's tokens, for a follow-up: they help rank but neither
    /// constrain nor count towards coverage, which is the new question's alone.</param>
    public RetrievalResult Search(KnowledgeIndex index, Query question, IReadOnlyList<Token>? context)
    {
        var query = new QueryShape(index.Knowledge, question);
        var unknown = UnknownSubjects(index, query.Content);
        if (unknown.Count > 0)
        {
            return Result(question, Verdict.UnknownSubject, [], [], unknown);
        }

        if (query.Content.Count == 0 && (context is null || context.Count == 0))
        {
            return Result(question, Verdict.NoContent, [], [], []);
        }

        var ranked = Rank(index, query, question.Tokens, context);
        var answers = AnswerSelection.Choose(ranked, new ContentWeights(index, query.Content), options.MinCoverage);
        return Result(question, answers.Count > 0 ? Verdict.Found : Verdict.NoMatch, ranked, answers, []);
    }

    private static List<Candidate> Rank(KnowledgeIndex index, QueryShape query, List<Token> tokens, IReadOnlyList<Token>? context)
    {
        var content = new ContentWeights(index, query.Content);
        var ranked = new List<Candidate>();
        foreach (var (position, score) in Bm25(index, Weights(tokens, context)))
        {
            var document = index.Documents[position];
            if (query.IsSatisfiedBy(document))
            {
                var matched = content.Matched(document);
                var givesKind = query.WantsValueOf(document);
                var boost = (givesKind ? TypeBoost : 1.0) * (query.IsAbout(document) ? AboutBoost : 1.0);
                ranked.Add(new Candidate(document, score * boost, content.Coverage(matched), matched, givesKind));
            }
        }

        ranked.Sort((a, b) => b.Rank.CompareTo(a.Rank));
        return ranked;
    }

    private static RetrievalResult Result(Query q, Verdict verdict, List<Candidate> ranked, List<Candidate> answers, List<string> unknown) =>
        new(q.Language, q.Tokens, verdict, ranked, answers, unknown);

    /// <summary>What a question asks about that no fact mentions: a noun the knowledge base has never seen in
    /// any form (南山区的房价, 罗湖区的GDP), or a term it knows of but has no fact about (冠军, population). Such a
    /// question cannot be answered however well its other words match.</summary>
    private static List<string> UnknownSubjects(KnowledgeIndex index, IReadOnlyList<Token> content) =>
        content.Where(t => index.DocumentFrequency(t.Text) == 0 && (t.Kind == TokenKind.Term || IsUnseenNoun(index, t)))
            .Select(t => t.Text)
            .Distinct()
            .ToList();

    private static bool IsUnseenNoun(KnowledgeIndex index, Token t) =>
        t.Kind == TokenKind.Word && !t.IsEnglish && t.Text.Length >= 2
        && (t.Pos.StartsWith('n') || t.Pos == "vn" || t.Pos == "s")
        && !index.AnyTextContains(t.Text);

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

    /// <summary>The best <see cref="MaxCandidates"/> documents by BM25, walking the postings of the weighted
    /// tokens into a pooled score array, then keeping the top ones in a bounded heap.</summary>
    private static List<(int Document, double Score)> Bm25(KnowledgeIndex index, Dictionary<string, double> weights)
    {
        var scores = index.ScoreArrays.Rent(index.Documents.Count);
        var touched = new List<int>();
        try
        {
            foreach (var (token, weight) in weights)
            {
                var postings = index.Postings(token);
                var idf = index.Idf(postings.Length);
                foreach (var posting in postings)
                {
                    var tf = posting.Frequency;
                    var norm = K1 * (1 - B + B * index.Documents[posting.Document].Length / index.AverageLength);
                    if (scores[posting.Document] == 0)
                    {
                        touched.Add(posting.Document);
                    }

                    scores[posting.Document] += weight * idf * tf * (K1 + 1) / (tf + norm);
                }
            }

            var best = new PriorityQueue<int, double>(MaxCandidates + 1);
            foreach (var document in touched)
            {
                best.Enqueue(document, scores[document]);
                if (best.Count > MaxCandidates)
                {
                    best.Dequeue();
                }
            }

            var result = new List<(int, double)>(best.Count);
            while (best.TryDequeue(out var document, out var score))
            {
                result.Add((document, score));
            }

            return result;
        }
        finally
        {
            foreach (var document in touched)
            {
                scores[document] = 0;
            }

            index.ScoreArrays.Return(scores);
        }
    }
}
