using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// Ranks the knowledge base's documents for a question (BM25 over normalised tokens and their translations),
/// keeps only those that satisfy the question's constraints (its years, dates and named entities, the kind of
/// value it asks for, a statement rather than a mention), and picks the one to three that answer it.
/// </summary>
public sealed class Retriever(RetrievalOptions options)
{
    public RetrievalResult Search(KnowledgeIndex index, string question, IReadOnlyList<Token>? context = null) =>
        Search(index, index.Parse(question), context);

    /// <param name="context">The previous turn's tokens, for a follow-up: they help rank but neither
    /// constrain nor count towards coverage, which is the new question's alone.</param>
    public RetrievalResult Search(KnowledgeIndex index, Query question, IReadOnlyList<Token>? context)
    {
        var query = new QueryShape(index, question);
        var unknown = UnknownSubjects(index, question, query.Content);
        if (unknown.Count > 0)
        {
            return Result(query, Verdict.UnknownSubject, [], [], unknown);
        }

        if (query.Content.Count == 0 && (context is null || context.Count == 0))
        {
            return Result(query, Verdict.NoContent, [], [], []);
        }

        var content = new ContentWeights(index, question, query.Covered);
        var ranked = CandidateRanking.Rank(index, query, content, context);
        var answers = AnswerSelection.Choose(ranked, content, options.MinCoverage, query.NamesTime, query.AsksSeveral);
        return Result(query, answers.Count > 0 ? Verdict.Found : Verdict.NoMatch, ranked, answers, []) with
        {
            RelaxedYear = answers.Count > 0 && query.RelativeYears.Count > 0 && !query.HasRelativeYears(answers[0].Document),
            Older = answers.Count > 0 && !query.NamesTime && !query.AsksNow ? AnswerSelection.Older(ranked, answers[0], options.MinCoverage) : null,
        };
    }

    private static RetrievalResult Result(QueryShape q, Verdict verdict, List<Candidate> ranked, List<Candidate> answers, List<string> unknown) =>
        new(q.Query.Language, q.Query.Tokens, verdict, ranked, answers, unknown) { Query = q.Query, ExpectedKinds = q.ExpectedKinds };

    /// <summary>What a question asks about that nothing in the knowledge mentions: a term it knows of but has no
    /// fact about (冠军, population), a place or organisation it has never seen (罗湖区), a rare noun (房价), or a
    /// name no dictionary has (UBTech). Such a question cannot be answered however well its other words match.
    /// Common words (名字, weather) only lower how much of the question a document covers.</summary>
    private static List<string> UnknownSubjects(KnowledgeIndex index, Query question, IReadOnlyList<Token> content)
    {
        var ambiguous = QuestionReader.AmbiguousPositions(index, question.Normalized, question.Tokens);
        return content.Where(t => index.DocumentFrequency(t.Text) == 0 && !ambiguous.Contains(t.Start) && IsUnknownSubject(index, question, t))
            .Select(t => t.Text)
            .Distinct()
            .ToList();
    }

    private static bool IsUnknownSubject(KnowledgeIndex index, Query question, Token t)
    {
        if (t.Kind == TokenKind.Term)
        {
            return true;
        }

        if (t.Kind != TokenKind.Word || t.Text.Length < 2)
        {
            return false;
        }

        if (t.IsEnglish)
        {
            var surface = t.Start >= 0 ? question.Normalized.Substring(t.Start, t.Length) : t.Text;
            return surface.Length > Informativeness.NoiseLength && !index.Analyzer.Resources.Informativeness.IsEnglishWord(surface)
                && index.DocumentFrequency(DocumentIndexer.GlossPrefix + t.Text) == 0;
        }

        // A name no text has (罗湖区, 鲸言) cannot be answered; a common noun no text has (房价) only lowers how
        // much of the question a document covers, since an article may say it in other words or another language.
        var named = t.Pos is "ns" or "nt" or "x";
        return named && !index.AnyTextContains(t.Text)
            && !index.Analyzer.Senses(t.Text).Any(sense => sense.Length == 1
                && index.DocumentFrequency(sense[0]) + index.DocumentFrequency(DocumentIndexer.GlossPrefix + sense[0]) > 0)
            && !index.Analyzer.Spellings(t).Any(s => index.DocumentFrequency(s) > 0);
    }
}
