using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// The searchable form of one knowledge base: every fact (both languages, keywords, what it is about, its
/// date) and every sentence of every article as token counts, with document frequencies for BM25. Immutable; a
/// reload builds a new one.
/// </summary>
public sealed class KnowledgeIndex
{
    private readonly Dictionary<string, Posting[]> postings;
    private readonly HashSet<string> textBigrams = new(StringComparer.Ordinal);

    public KnowledgeIndex(KnowledgeBase knowledge, LanguageResources resources)
    {
        Knowledge = knowledge;
        Analyzer = new TextAnalyzer(resources, knowledge);
        Pinyin = new Pinyin(resources.Bilingual);
        Persons = new PersonNames(resources.Bilingual, Analyzer.Segmenter, knowledge.Lexicon.PersonTitles, Pinyin);
        Places = new Places(knowledge);
        var indexer = new DocumentIndexer(knowledge, Analyzer, Persons, Places);
        var documents = new List<IndexedDocument>(knowledge.Facts.Count + knowledge.Passages.Count);
        documents.AddRange(knowledge.Facts.Select(indexer.Fact));
        foreach (var article in knowledge.Passages.GroupBy(p => p.Article))
        {
            documents.AddRange(indexer.Article(article.Key, article.ToList()));
        }

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
        Typos = new TypoCorrector(this);
    }

    /// <summary>Score arrays for ranking, one per question in flight. The index's own pool: every array comes back
    /// all zeros (the ranker clears what it touched), which a shared pool could not promise.</summary>
    public System.Buffers.ArrayPool<double> ScoreArrays { get; } = System.Buffers.ArrayPool<double>.Create(MaxPooledArray, 16);

    /// <summary>Lists of the documents a question touched, one per question in flight.</summary>
    public System.Buffers.ArrayPool<int> TouchedArrays { get; } = System.Buffers.ArrayPool<int>.Create(MaxPooledArray, 16);

    /// <summary>Arrays as long as the largest knowledge base served (the shared pools stop at about a million).</summary>
    private const int MaxPooledArray = 16 * 1024 * 1024;

    /// <summary>The documents containing a token, and how often (the inverted index BM25 walks).</summary>
    public ReadOnlySpan<Posting> Postings(string token) => postings.TryGetValue(token, out var list) ? list : [];

    /// <summary>Every token some document contains.</summary>
    public IEnumerable<string> Vocabulary => postings.Keys;

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

    public Pinyin Pinyin { get; }

    public PersonNames Persons { get; }

    public TypoCorrector Typos { get; }

    public Places Places { get; }

    public IReadOnlyList<IndexedDocument> Documents { get; }

    public double AverageLength { get; }

    /// <summary>The weight of a word no document contains.</summary>
    public double MaxIdf { get; }

    /// <param name="year">This year, for 今年 / 去年 / "last year" in the question.</param>
    public Search.Query Parse(string question, int? year = null) => Search.QuestionReader.Read(this, question, year);

    public int DocumentFrequency(string token) => postings.TryGetValue(token, out var list) ? list.Length : 0;

    public double Idf(int df) => Math.Log(1 + (Documents.Count - df + 0.5) / (df + 0.5));
}
