using System.Diagnostics;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using NanshanBot.Answering;
using NanshanBot.Evaluation;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;
using LuceneDocument = Lucene.Net.Documents.Document;
using LuceneTerm = Lucene.Net.Index.Term;

namespace NanshanBot.Bench;

/// <summary>
/// The same facts through Lucene.NET 4.8 (SmartChineseAnalyzer for the Chinese text, StandardAnalyzer for the
/// English, BM25, an in-memory directory), answering with the top fact's text in the question's language, or
/// declining below a score threshold; a follow-up is searched together with the previous turn. Its accuracy on
/// the dev questions is judged by the same rules; the threshold reported is the best of a small sweep.
/// </summary>
public sealed class LuceneBaseline : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly Analyzer analyzer;
    private readonly RAMDirectory directory = new();
    private readonly IndexSearcher searcher;
    private readonly KnowledgeBase knowledge;

    public LuceneBaseline(KnowledgeBase knowledge)
    {
        this.knowledge = knowledge;
        analyzer = new PerFieldAnalyzerWrapper(new StandardAnalyzer(Version),
            new Dictionary<string, Analyzer> { ["zh"] = new SmartChineseAnalyzer(Version) });
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity() }))
        {
            foreach (var fact in knowledge.Facts)
            {
                var keywords = string.Join(" ", fact.Keywords);
                writer.AddDocument(new LuceneDocument
                {
                    new StringField("id", fact.Id, Field.Store.YES),
                    new TextField("zh", fact.Zh + " " + keywords, Field.Store.NO),
                    new TextField("en", fact.En + " " + keywords, Field.Store.NO),
                });
            }

            writer.Commit();
        }

        searcher = new IndexSearcher(DirectoryReader.Open(directory)) { Similarity = new BM25Similarity() };
    }

    public (Fact? Fact, float Score) Search(string text)
    {
        var query = new BooleanQuery();
        foreach (var field in new[] { "zh", "en" })
        {
            foreach (var term in Terms(field, text))
            {
                query.Add(new TermQuery(new LuceneTerm(field, term)), Occur.SHOULD);
            }
        }

        var top = searcher.Search(query, 1).ScoreDocs;
        if (top.Length == 0)
        {
            return (null, 0);
        }

        var id = searcher.Doc(top[0].Doc).Get("id");
        return (knowledge.Facts.First(f => f.Id == id), top[0].Score);
    }

    public (string Reply, bool Declined) Answer(string text, string? previous, float threshold)
    {
        var (fact, score) = Search(previous is null ? text : previous + " " + text);
        var language = LanguageDetector.Detect(text);
        if (fact is null || score < threshold)
        {
            return (knowledge.Bot.Decline(language), true);
        }

        return (fact.Text(language) + "\n" + AnswerComposer.SourceLine([knowledge.Sources[fact.SourceId]], language), false);
    }

    public static void Run(BenchReport report, KnowledgeBase knowledge, List<EvalCase> cases, double oursP50Micros)
    {
        using var lucene = new LuceneBaseline(knowledge);
        var best = (Threshold: 0f, Passed: -1);
        foreach (var threshold in new[] { 0f, 1f, 2f, 3f, 4f, 5f, 6f, 8f })
        {
            var passed = cases.Count(c => Judge(lucene, c, threshold) is null);
            if (passed > best.Passed)
            {
                best = (threshold, passed);
            }
        }

        var questions = cases.SelectMany(c => c.Turns).ToList();
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(2);)
        {
            questions.ForEach(q => lucene.Answer(q, null, best.Threshold));
        }

        var micros = new List<double>();
        for (var round = 0; round < (report.Quick ? 100 : 1000); round++)
        {
            foreach (var q in questions)
            {
                var start = Stopwatch.GetTimestamp();
                lucene.Answer(q, null, best.Threshold);
                micros.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        var p50 = BenchReport.Percentile(micros, 0.5);
        report.Add("lucene.net baseline", $"accuracy on dev (threshold {best.Threshold})", 100.0 * best.Passed / cases.Count, "%");
        report.Add("lucene.net baseline", "answer p50", p50, "µs");
        report.Add("lucene.net baseline", "answer p99", BenchReport.Percentile(micros, 0.99), "µs");
        report.Add("ours vs lucene", "latency ratio ours/lucene (p50)", oursP50Micros / p50, "");
    }

    private static string? Judge(LuceneBaseline lucene, EvalCase c, float threshold)
    {
        var (reply, declined) = lucene.Answer(c.Turns[^1], c.Turns.Count > 1 ? c.Turns[^2] : null, threshold);
        return NanshanBot.Evaluation.Judge.Verdict(c, reply, declined);
    }

    private IEnumerable<string> Terms(string field, string text)
    {
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            yield return term.ToString();
        }

        stream.End();
    }

    public void Dispose()
    {
        searcher.IndexReader.Dispose();
        directory.Dispose();
        analyzer.Dispose();
    }
}
