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
    private readonly Dictionary<string, Posting[]> postings;
    private readonly HashSet<string> textBigrams = new(StringComparer.Ordinal);

    public KnowledgeIndex(KnowledgeBase knowledge, LanguageResources resources)
    {
        Knowledge = knowledge;
        Analyzer = new TextAnalyzer(resources, knowledge);
        var documents = new List<IndexedDocument>(knowledge.Facts.Count + knowledge.Passages.Count);
        documents.AddRange(knowledge.Facts.Select(IndexFact));
        documents.AddRange(knowledge.Passages.Select(IndexPassage));
        Documents = documents;
        var lists = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            foreach (var (token, tf) in documents[i].TermFrequencies)
            {
                (lists.TryGetValue(token, out var list) ? list : lists[token] = []).Add(new Posting(i, tf));
            }

            var text = documents[i].NormalizedText;
            for (var c = 0; c + 1 < text.Length; c++)
            {
                textBigrams.Add(text.Substring(c, 2));
            }
        }

        postings = lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        AverageLength = documents.Count == 0 ? 1 : documents.Average(d => d.Length);
        MaxIdf = Idf(0);
    }

    /// <summary>Score arrays for ranking, one per question in flight. The index's own pool: every array comes back
    /// all zeros (the ranker clears what it touched), which a shared pool could not promise.</summary>
    public System.Buffers.ArrayPool<double> ScoreArrays { get; } = System.Buffers.ArrayPool<double>.Create();

    /// <summary>The documents containing a token, and how often (the inverted index BM25 walks).</summary>
    public ReadOnlySpan<Posting> Postings(string token) => postings.TryGetValue(token, out var list) ? list : [];

    /// <summary>Whether any document's text contains <paramref name="word"/>, even where segmentation split it
    /// differently. Most absent words are ruled out by a missing character pair without scanning any text.</summary>
    public bool AnyTextContains(string word)
    {
        for (var c = 0; c + 1 < word.Length; c++)
        {
            if (!textBigrams.Contains(word.Substring(c, 2)))
            {
                return false;
            }
        }

        if (scanned.TryGetValue(word, out var found))
        {
            return found;
        }

        found = Documents.Any(d => d.NormalizedText.Contains(word, StringComparison.Ordinal));
        if (scanned.Count < MaxScannedWords)
        {
            scanned[word] = found;
        }

        return found;
    }

    /// <summary>Words whose presence was found by scanning every text (the index never changes, so neither does
    /// the answer); bounded so that a flood of new words cannot grow it without end.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> scanned = new(StringComparer.Ordinal);
    private const int MaxScannedWords = 50_000;

    public KnowledgeBase Knowledge { get; }

    public TextAnalyzer Analyzer { get; }

    public IReadOnlyList<IndexedDocument> Documents { get; }

    public double AverageLength { get; }

    /// <summary>The weight of a word no document contains.</summary>
    public double MaxIdf { get; }

    /// <param name="year">This year, for 今年 / 去年 / "last year" in the question.</param>
    public Search.Query Parse(string question, int? year = null) =>
        new(question, Analyzer.Normalize(question), Analyzer.Analyze(question, year), LanguageDetector.Detect(question));

    public int DocumentFrequency(string token) => postings.TryGetValue(token, out var list) ? list.Length : 0;

    public double Idf(int df) => Math.Log(1 + (Documents.Count - df + 0.5) / (df + 0.5));

    private IndexedDocument IndexFact(Fact fact)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var written = int.Parse(Knowledge.Sources[fact.SourceId].Date[..4], System.Globalization.CultureInfo.InvariantCulture);
        var shown = Analyzer.Analyze(fact.Zh, written, termPieces: true);
        shown.AddRange(Analyzer.Analyze(fact.En, written, termPieces: true));
        Count(counts, shown);
        Count(counts, Analyzer.Analyze(string.Join(" , ", fact.Keywords), termPieces: true));
        foreach (var term in fact.About)
        {
            counts.TryAdd("@" + term, 1);
        }

        if (fact.Date is { } date)
        {
            AddDate(counts, date);
        }

        var text = Analyzer.Normalize(fact.Zh + " " + fact.En + " " + string.Join(" ", fact.Keywords));
        return new IndexedDocument(fact.Id, fact, null, Knowledge.Sources[fact.SourceId], counts, text, AnswerKinds(shown));
    }

    private IndexedDocument IndexPassage(Passage passage)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var shown = Analyzer.Analyze(passage.Text, termPieces: true);
        Count(counts, shown);
        return new IndexedDocument(passage.Id, null, passage, Knowledge.Sources[passage.SourceId], counts,
            Analyzer.Normalize(passage.Text), AnswerKinds(shown));
    }

    /// <summary>The kinds of answer a reply quoting these tokens gives (see <see cref="IndexedDocument.ValueKinds"/>):
    /// from what the text shows, not from the fact's date field or keywords.</summary>
    private HashSet<char> AnswerKinds(List<Token> shown)
    {
        var kinds = new HashSet<char>();
        foreach (var token in shown)
        {
            if (token.Text[0] == '#')
            {
                kinds.Add(token.Text[1]);
            }
            else if (token.Kind == TokenKind.Term && Knowledge.Terms[token.Text[1..]] is var term)
            {
                if (term.Kind == TermKind.Place && term.Role == DefaultRole.None)
                {
                    kinds.Add('l');
                }
                else if (term.Kind == TermKind.Person)
                {
                    kinds.Add('h');
                }
                else if (term.Kind == TermKind.Organisation)
                {
                    kinds.Add('g');
                }
            }
        }

        return kinds;
    }

    /// <summary>A fact's date counts as one of its years. A state of things reported early in a year ("目前",
    /// dated 2026-01) with no year in its text also describes the year just ended, so it answers for 2025.</summary>
    private static void AddDate(Dictionary<string, int> counts, string date)
    {
        var year = int.Parse(date[..4], System.Globalization.CultureInfo.InvariantCulture);
        var statesAYear = counts.Keys.Any(k => k.StartsWith("#y:", StringComparison.Ordinal));
        counts.TryAdd($"#y:{year}", 1);
        if (date.Length >= 7 && int.Parse(date[5..7], System.Globalization.CultureInfo.InvariantCulture) <= 3 && !statesAYear)
        {
            counts.TryAdd($"#y:{year - 1}", 1);
        }

        if (date.Length == 10)
        {
            counts.TryAdd($"#d:{int.Parse(date[5..7])}-{int.Parse(date[8..10])}", 1);
            counts.TryAdd($"#dd:{int.Parse(date[8..10])}", 1);
        }
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
