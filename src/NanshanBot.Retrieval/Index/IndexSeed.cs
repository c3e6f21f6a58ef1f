using NanshanBot.Knowledge.Model;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// What a new index may take over instead of analysing it again: the documents of articles whose files have not
/// changed, with the vocabulary their keys are numbered in. Comes from the index serving now (a reload) or from
/// the index cache (a start); taken only while the rules that shaped the documents (<see cref="RulesVersion"/>)
/// are the new knowledge's too.
/// </summary>
public sealed class IndexSeed
{
    private readonly IReadOnlyDictionary<Article, ArraySegment<IndexedDocument>> documents;

    internal IndexSeed(string rulesVersion, Vocabulary vocabulary, IReadOnlyDictionary<string, ArticleFile> articleFiles,
        IReadOnlyDictionary<Article, ArraySegment<IndexedDocument>> documents, IReadOnlySet<int> textBigrams)
    {
        RulesVersion = rulesVersion;
        Vocabulary = vocabulary;
        ArticleFiles = articleFiles;
        this.documents = documents;
        TextBigrams = textBigrams;
    }

    /// <summary>The <see cref="KnowledgeBase.RulesVersion"/> the documents were analysed under.</summary>
    public string RulesVersion { get; }

    /// <summary>Each article file read, by its path, with its content hash: the loader keeps what it read from a
    /// file whose hash is the same.</summary>
    public IReadOnlyDictionary<string, ArticleFile> ArticleFiles { get; }

    /// <summary>How many article files the seed holds.</summary>
    public int Articles => documents.Count;

    internal Vocabulary Vocabulary { get; }

    internal IReadOnlySet<int> TextBigrams { get; }

    /// <summary>The typo corrector of the index serving now, if it has one: questions use it until the new index has
    /// built its own (see <see cref="KnowledgeIndex.Typos"/>).</summary>
    internal TypoCorrector? Typos { get; init; }

    /// <summary>The English words of every article's sentences (see <see cref="KnowledgeIndex.ArticleWords"/>), if
    /// known: a new index that takes over every article, and no other, takes them too.</summary>
    internal IReadOnlyList<string>? ArticleWords { get; init; }

    /// <summary>The postings of the index the seed comes from (serving now, or the one that wrote the cache), by its
    /// documents' numbers (each kept article's documents are a segment of its documents, at their numbers): a new
    /// index splices them (<see cref="PostingSplice"/>).</summary>
    internal PostingList[]? Postings { get; init; }

    /// <summary>How many documents that index had (the numbers of <see cref="Postings"/>).</summary>
    internal int DocumentCount { get; init; }

    internal bool TryGetDocuments(Article article, out ArraySegment<IndexedDocument> kept) => documents.TryGetValue(article, out kept);

    internal IEnumerable<(string Path, ArticleFile File, ArraySegment<IndexedDocument> Documents)> Files() =>
        ArticleFiles.Where(f => f.Value.Passages.Count > 0 && documents.ContainsKey(f.Value.Passages[0].Article))
            .Select(f => (f.Key, f.Value, documents[f.Value.Passages[0].Article]));
}
