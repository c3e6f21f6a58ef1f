using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// The searchable form of one knowledge base: every fact (both languages, keywords, what it is about, its
/// date) and every sentence of every article as token counts, with document frequencies for BM25. Immutable; a
/// reload builds a new one, re-analysing only the articles that changed: an unchanged article (the same object,
/// which the loader keeps for a file whose content is the same) keeps its documents, as long as the rules that
/// shaped them (terms, word lists, facts) are the same too.
/// </summary>
public sealed class KnowledgeIndex
{
    private readonly Vocabulary vocabulary;
    private readonly PostingList[] postings;
    private readonly HashSet<int> textBigrams;
    private readonly Dictionary<Article, ArraySegment<IndexedDocument>> articleDocuments = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<TypoCorrector> typos;
    private IReadOnlyList<string>? articleWords;

    /// <param name="seed">What may be taken over (see <see cref="IndexSeed"/>): from the index serving now, or
    /// from the index cache.</param>
    public KnowledgeIndex(KnowledgeBase knowledge, LanguageResources resources, IndexSeed? seed = null)
    {
        Knowledge = knowledge;
        Analyzer = new TextAnalyzer(resources, knowledge);
        Pinyin = new Pinyin(resources.Bilingual);
        Persons = new PersonNames(resources.Bilingual, Analyzer.Segmenter, knowledge.Lexicon.PersonTitles, Pinyin);
        Places = new Places(knowledge);
        var reusable = seed is not null && seed.RulesVersion == knowledge.RulesVersion ? seed : null;
        vocabulary = reusable?.Vocabulary ?? new Vocabulary();
        textBigrams = reusable is null ? [] : new HashSet<int>(reusable.TextBigrams);
        var indexer = new DocumentIndexer(knowledge, Analyzer, Persons, Places);
        var shared = new SharedSets(vocabulary);
        var documents = new List<IndexedDocument>(knowledge.Facts.Count + knowledge.Passages.Count);
        foreach (var fact in knowledge.Facts)
        {
            Add(indexer.Fact(fact));
        }

        var ranges = new List<(Article Article, int Start, int Count)>();
        var runs = new List<PostingSplice.Run> { new(0, documents.Count, -1) };
        foreach (var article in knowledge.Articles)
        {
            var start = documents.Count;
            if (reusable is not null && reusable.TryGetDocuments(article, out var kept))
            {
                documents.AddRange(kept);
                runs.Add(new(start, kept.Count, kept.Offset));
            }
            else
            {
                AnalysedArticles++;
                foreach (var draft in indexer.Article(article, [.. article.Passages]))
                {
                    Add(draft);
                }

                runs.Add(new(start, documents.Count - start, -1));
            }

            ranges.Add((article, start, documents.Count - start));
        }

        vocabulary.AddSenses(indexer.SenseKeys);
        var all = documents.ToArray();
        foreach (var (article, start, count) in ranges)
        {
            articleDocuments[article] = new ArraySegment<IndexedDocument>(all, start, count);
        }

        Documents = all;
        (ScoreArrays, MarkArrays, DocumentNumbers) = (new(all.Length, ArraysKept), new(all.Length, ArraysKept), new(all.Length, 2 * ArraysKept));
        ReusedDocuments = reusable is null ? 0 : all.Length - Added;
        var spliced = reusable?.Postings is { } old ? PostingSplice.TryBuild(all, vocabulary.Count, runs, old, reusable.DocumentCount) : null;
        PostingsSpliced = spliced is not null;
        postings = spliced ?? BuildPostings(all, vocabulary.Count);
        Lengths = [.. all.Select(d => d.Length)];
        Placings = [.. all.Select(d => Placing(d, Places))];
        AverageLength = documents.Count == 0 ? 1 : documents.Average(d => d.Length);
        MaxIdf = Idf(0);
        articleWords = reusable?.ArticleWords is { } words && AnalysedArticles == 0 && reusable.Articles == knowledge.Articles.Count ? words : null;
        ArticleWordsTakenOver = articleWords is not null;
        typos = new Lazy<TypoCorrector>(() => new TypoCorrector(this));
        previousTypos = reusable?.Typos;

        void Add(DocumentDraft draft)
        {
            documents.Add(new IndexedDocument(draft, shared));
            AddBigrams(draft.NormalizedText);
            Added++;
        }
    }

    /// <summary>How many documents were analysed for this index, and how many it took over unchanged from the one
    /// before it (a reload after an edit analyses only the edited article's sentences and the facts).</summary>
    public int Added { get; private set; }

    /// <inheritdoc cref="Added"/>
    public int ReusedDocuments { get; }

    /// <summary>Whether the postings were spliced from the index before this one's (<see cref="PostingSplice"/>)
    /// rather than built from every document.</summary>
    internal bool PostingsSpliced { get; }

    /// <summary>Whether the articles' English words were taken over with them (<see cref="ArticleWords"/>).</summary>
    internal bool ArticleWordsTakenOver { get; }

    /// <summary>How many articles were analysed for this index rather than taken over.</summary>
    public int AnalysedArticles { get; private set; }

    /// <summary>What the next index may take over from this one.</summary>
    public IndexSeed Seed() => new(Knowledge.RulesVersion, vocabulary, Knowledge.ArticleFiles, articleDocuments, textBigrams)
    {
        Typos = typos.IsValueCreated ? typos.Value : previousTypos,
        ArticleWords = articleWords,
        Postings = postings,
        DocumentCount = Documents.Count,
    };

    /// <summary>The English words of the articles' sentences, which the typo corrector corrects towards: taken over
    /// with the articles when every one was (from the index cache, or the index before this one), else read from
    /// them when first asked for (a quarter to half a second of reading at ten thousand articles).</summary>
    internal IReadOnlyList<string> ArticleWords => LazyInitializer.EnsureInitialized(ref articleWords, () => TypoCorrector.ArticleWordsOf(this));

    /// <summary>Builds the typo corrector now rather than on the first question that needs it (it reads every
    /// English word of the knowledge and the sound of every Chinese word), lets the one before it go, and lets the
    /// analyser forget what it kept while it read the articles.</summary>
    public void Prepare()
    {
        _ = typos.Value;
        previousTypos = null;
        Analyzer.ForgetArticleWords();
    }

    /// <summary>The postings of every key, each as one compressed list in document order: sized first, then
    /// written, so that the millions of postings of ten thousand articles take no growing lists. A sentence's senses
    /// are posted as it would hold them (<see cref="IndexedDocument.CountSenses"/>). The first and the second half
    /// of the documents are read at once, on two threads: each half sizes and writes its own part of every list.</summary>
    private static PostingList[] BuildPostings(IndexedDocument[] documents, int keys)
    {
        var halves = new[] { new PostingHalf(keys, 0, documents.Length / 2), new PostingHalf(keys, documents.Length / 2, documents.Length) };
        Parallel.ForEach(halves, half => half.Size(documents));
        var (front, back) = (halves[0], halves[1]);
        var lists = new PostingList[keys];
        for (var key = 0; key < keys; key++)
        {
            // The back half sized its first posting as if it were the list's first; it follows the front's last.
            var backSize = back.Sizes[key] + (front.Last[key] < 0 || back.First[key] < 0 ? 0
                : PostingList.Size(front.Last[key], back.First[key], back.FirstFrequency[key]) - PostingList.Size(-1, back.First[key], back.FirstFrequency[key]));
            var count = front.Counts[key] + back.Counts[key];
            var bytes = count == 0 ? [] : new byte[front.Sizes[key] + backSize];
            lists[key] = count == 0 ? PostingList.Empty : new PostingList(bytes, count);
            front.Writers[key] = new PostingList.Writer(bytes);
            back.Writers[key] = new PostingList.Writer(bytes, front.Sizes[key], front.Last[key]);
        }

        Parallel.ForEach(halves, half => half.Write(documents));
        return lists;
    }

    /// <summary>The postings of a range of documents: their sizes per key, then written into each key's list.</summary>
    private sealed class PostingHalf(int keys, int start, int end)
    {
        private readonly DocumentPostings postings = new(keys);

        public int[] Counts { get; } = new int[keys];

        public int[] Sizes { get; } = new int[keys];

        /// <summary>Each key's last document in the range, or -1.</summary>
        public int[] Last { get; } = Filled(keys);

        /// <summary>Each key's first document in the range, or -1, and its count there.</summary>
        public int[] First { get; } = Filled(keys);

        public int[] FirstFrequency { get; } = new int[keys];

        public PostingList.Writer[] Writers { get; } = new PostingList.Writer[keys];

        public void Size(IndexedDocument[] documents)
        {
            for (var i = start; i < end; i++)
            {
                postings.Read(documents[i]);
                var posted = postings.Keys;
                var frequencies = postings.Frequencies;
                for (var p = 0; p < posted.Length; p++)
                {
                    var key = posted[p];
                    if (Counts[key]++ == 0)
                    {
                        (First[key], FirstFrequency[key]) = (i, frequencies[p]);
                    }

                    Sizes[key] += PostingList.Size(Last[key], i, frequencies[p]);
                    Last[key] = i;
                }
            }
        }

        public void Write(IndexedDocument[] documents)
        {
            for (var i = start; i < end; i++)
            {
                postings.Read(documents[i]);
                var posted = postings.Keys;
                var frequencies = postings.Frequencies;
                for (var p = 0; p < posted.Length; p++)
                {
                    Writers[posted[p]].Add(i, frequencies[p]);
                }
            }
        }

        private static int[] Filled(int keys)
        {
            var array = new int[keys];
            Array.Fill(array, -1);
            return array;
        }
    }

    private void AddBigrams(string text)
    {
        for (var c = 0; c + 1 < text.Length; c++)
        {
            textBigrams.Add(Bigram(text[c], text[c + 1]));
        }
    }

    private static int Bigram(char first, char second) => (first << 16) | second;

    /// <summary>Score arrays for ranking, one per question in flight. The index's own: every array comes back all
    /// zeros (the ranker clears what it touched), which a shared pool could not promise.</summary>
    internal DocumentArrays<double> ScoreArrays { get; }

    /// <summary>Marks of the documents a question's constraints allow, one per question in flight (all false when
    /// they come back).</summary>
    internal DocumentArrays<bool> MarkArrays { get; }

    /// <summary>Lists of the documents a question touched, and counts by document: two per question in flight.</summary>
    internal DocumentArrays<int> DocumentNumbers { get; }

    /// <summary>Shorter arrays a question needs, as long as what it found (its candidates' scores; the documents its
    /// constraints allow, and how often each has each required key), pooled by size: of each size as many are kept
    /// as of the arrays by document, and twice as many lists of documents (a question takes one, and one per key it
    /// requires).</summary>
    internal System.Buffers.ArrayPool<double> FoundScores { get; } = System.Buffers.ArrayPool<double>.Create(MaxPooledArray, ArraysKept);

    /// <inheritdoc cref="FoundScores"/>
    internal System.Buffers.ArrayPool<int> FoundDocuments { get; } = System.Buffers.ArrayPool<int>.Create(MaxPooledArray, 2 * ArraysKept);

    /// <summary>How many of each array are kept: two sets per core (a question's ranking runs on one thread to its
    /// end, so more at once only wait for a core), eight at most.</summary>
    private static readonly int ArraysKept = Math.Min(2 * Environment.ProcessorCount, 8);

    /// <summary>Arrays as long as the largest knowledge base served (the shared pools stop at about a million).</summary>
    private const int MaxPooledArray = 16 * 1024 * 1024;

    /// <summary>The documents containing a token, and how often (the inverted index BM25 walks), in document order.</summary>
    public PostingList Postings(string token) =>
        vocabulary.TryGetId(token, out var id) && id < postings.Length ? postings[id] : PostingList.Empty;

    /// <summary>Every token some document contains.</summary>
    public IEnumerable<string> IndexedWords => Enumerable.Range(0, postings.Length).Where(k => postings[k].Count > 0).Select(k => vocabulary[k]);

    /// <summary>Whether any document's text contains <paramref name="word"/>, even where segmentation split it
    /// differently. Most absent words are ruled out by a missing character pair without scanning any text.</summary>
    public bool AnyTextContains(string word)
    {
        for (var c = 0; c + 1 < word.Length; c++)
        {
            if (!textBigrams.Contains(Bigram(word[c], word[c + 1])))
            {
                return false;
            }
        }

        if (scanned.TryGetValue(word, out var found))
        {
            return found;
        }

        found = Documents.Any(d => d.TextContains(word));
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

    /// <summary>The typo corrector. After a reload, until <see cref="Prepare"/> has built this index's own (a few
    /// tenths of a second at ten thousand articles), the one of the index before it: every question reads its typos
    /// first, and none should wait for an admin's edit. It knows the words of the knowledge before the edit.</summary>
    public TypoCorrector Typos => typos.IsValueCreated || previousTypos is not { } previous ? typos.Value : previous;

    /// <summary>Dropped once this index has its own (it holds the index before this one).</summary>
    private TypoCorrector? previousTypos;

    public Places Places { get; }

    public IReadOnlyList<IndexedDocument> Documents { get; }

    public double AverageLength { get; }

    /// <summary>Where each document stands by place, by position: what ranking can rule out before it scores a
    /// document (a report on another district, for a question about Nanshan).</summary>
    internal Placing[] Placings { get; }

    private static Placing Placing(IndexedDocument document, Places places) =>
        !document.IsPassage ? Index.Placing.Curated
            : (places.FromArticleOnSubject(document) ? Index.Placing.FromArticleOnSubject : 0)
            | (document.OtherPlaces.Count > 0 && !document.NamesSubject ? Index.Placing.NamesOnlyOtherPlaces : 0)
            | (document.ContextPlaces.Count > 0 && !document.NamesSubject ? Index.Placing.PlacedElsewhere : 0);

    /// <summary>Each document's <see cref="IndexedDocument.Length"/> by position, in one array: ranking reads it for
    /// every posting it walks, and tens of thousands of document objects scattered on the heap would each cost a
    /// cache miss.</summary>
    internal int[] Lengths { get; }

    /// <summary>The weight of a word no document contains.</summary>
    public double MaxIdf { get; }

    /// <param name="year">This year, for 今年 / 去年 / "last year" in the question.</param>
    public Search.Query Parse(string question, int? year = null) => Search.QuestionReader.Read(this, question, year);

    public int DocumentFrequency(string token) => Postings(token).Count;

    public double Idf(int df) => Math.Log(1 + (Documents.Count - df + 0.5) / (df + 0.5));
}
