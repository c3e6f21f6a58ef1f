using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// The searchable form of one knowledge base: every fact (both languages, keywords, what it is about, its
/// date) and every article passage as token counts, with document frequencies for BM25. Immutable; a reload
/// builds a new one.
/// </summary>
public sealed class KnowledgeIndex
{
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);

    public KnowledgeIndex(KnowledgeBase knowledge, LanguageResources resources)
    {
        Knowledge = knowledge;
        Analyzer = new TextAnalyzer(resources, knowledge);
        var documents = new List<IndexedDocument>(knowledge.Facts.Count + knowledge.Passages.Count);
        documents.AddRange(knowledge.Facts.Select(IndexFact));
        documents.AddRange(knowledge.Passages.Select(IndexPassage));
        Documents = documents;
        foreach (var token in documents.SelectMany(d => d.TermFrequencies.Keys))
        {
            documentFrequency[token] = documentFrequency.GetValueOrDefault(token) + 1;
        }

        AverageLength = documents.Count == 0 ? 1 : documents.Average(d => d.Length);
        MaxIdf = Idf(0);
    }

    public KnowledgeBase Knowledge { get; }

    public TextAnalyzer Analyzer { get; }

    public IReadOnlyList<IndexedDocument> Documents { get; }

    public double AverageLength { get; }

    /// <summary>The weight of a word no document contains.</summary>
    public double MaxIdf { get; }

    public int DocumentFrequency(string token) => documentFrequency.GetValueOrDefault(token);

    public double Idf(string token) => Idf(DocumentFrequency(token));

    private double Idf(int df) => Math.Log(1 + (Documents.Count - df + 0.5) / (df + 0.5));

    private IndexedDocument IndexFact(Fact fact)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        Count(counts, Analyzer.Analyze(fact.Zh));
        Count(counts, Analyzer.Analyze(fact.En));
        Count(counts, Analyzer.Analyze(string.Join(" , ", fact.Keywords)));
        foreach (var term in fact.About)
        {
            counts.TryAdd("@" + term, 1);
        }

        if (fact.Date is { } date)
        {
            counts.TryAdd("#y:" + date[..4], 1);
            if (date.Length == 10)
            {
                counts.TryAdd($"#d:{int.Parse(date[5..7])}-{int.Parse(date[8..10])}", 1);
            }
        }

        var text = Analyzer.Normalize(fact.Zh + " " + fact.En + " " + string.Join(" ", fact.Keywords));
        return new IndexedDocument(fact.Id, fact, null, Knowledge.Sources[fact.SourceId], counts, text);
    }

    private IndexedDocument IndexPassage(Passage passage)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        Count(counts, Analyzer.Analyze(passage.Text));
        return new IndexedDocument(passage.Id, null, passage, Knowledge.Sources[passage.SourceId], counts,
            Analyzer.Normalize(passage.Text));
    }

    private static void Count(Dictionary<string, int> counts, List<Token> tokens)
    {
        foreach (var token in tokens)
        {
            if (!token.IsStop)
            {
                counts[token.Text] = counts.GetValueOrDefault(token.Text) + 1;
            }
        }
    }
}
