namespace NanshanBot.Knowledge.Model;

/// <summary>A loaded, validated knowledge base. Immutable: a reload builds a new one and swaps it in whole.</summary>
public sealed class KnowledgeBase
{
    public KnowledgeBase(
        IReadOnlyDictionary<string, Source> sources,
        IReadOnlyDictionary<string, Term> terms,
        IReadOnlyList<Fact> facts,
        IReadOnlyList<Article> articles,
        Lexicon lexicon,
        BotTexts bot,
        string version,
        string? rulesVersion = null,
        IReadOnlyDictionary<string, ArticleFile>? articleFiles = null)
    {
        RulesVersion = rulesVersion ?? version;
        ArticleFiles = articleFiles ?? new Dictionary<string, ArticleFile>();
        Sources = sources;
        Terms = terms;
        Facts = facts;
        Articles = articles;
        Passages = new PassageSequence(articles);
        Lexicon = lexicon;
        Bot = bot;
        Version = version;
    }

    public IReadOnlyDictionary<string, Source> Sources { get; }

    public IReadOnlyDictionary<string, Term> Terms { get; }

    public IReadOnlyList<Fact> Facts { get; }

    /// <summary>Every article with any text, in the order of their files.</summary>
    public IReadOnlyList<Article> Articles { get; }

    /// <summary>Every sentence of every article, in order (each made when read).</summary>
    public IReadOnlyList<Passage> Passages { get; }

    public Lexicon Lexicon { get; }

    public BotTexts Bot { get; }

    /// <summary>A content hash of every file read: two loads of the same files share a version.</summary>
    public string Version { get; }

    /// <summary>A content hash of every file other than the articles (sources, terms, facts, the bot's texts, the
    /// word lists): what the reading of an article depends on. While it stays the same, an unchanged article reads
    /// the same.</summary>
    public string RulesVersion { get; }

    /// <summary>Each article file (by its path in the folder) with its content hash and what was read from it, so
    /// that a reload can keep what it read from a file whose content has not changed.</summary>
    public IReadOnlyDictionary<string, ArticleFile> ArticleFiles { get; }
}

/// <summary>The passages of several articles, one after another, as one list: each made when read.</summary>
public sealed class PassageSequence : IReadOnlyList<Passage>
{
    private readonly IReadOnlyList<Passage>[] parts;

    /// <summary>Where each part begins in the sequence (each later than the one before); one more entry than parts,
    /// the count.</summary>
    private readonly int[] starts;

    public PassageSequence(IEnumerable<Article> articles)
    {
        // Articles without text add no passages (and would share a start with the next).
        parts = [.. articles.Where(a => a.Paragraphs.SentenceCount > 0).Select(a => a.Passages)];
        starts = new int[parts.Length + 1];
        for (var i = 0; i < parts.Length; i++)
        {
            starts[i + 1] = starts[i] + parts[i].Count;
        }
    }

    public int Count => starts[^1];

    public Passage this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var found = starts.AsSpan(0, parts.Length).BinarySearch(index);
            var part = found >= 0 ? found : ~found - 1;
            return parts[part][index - starts[part]];
        }
    }

    public IEnumerator<Passage> GetEnumerator() => parts.SelectMany(p => p).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>An article file as read: its content hash, its source, its sentences.</summary>
public sealed record ArticleFile(string Hash, Source? Source, IReadOnlyList<Passage> Passages)
{
    /// <summary>The file's size and last write time when it was read, if it had been written well before: a file
    /// whose stamp is the same again is not read again (ten thousand articles are some 40 MB to read and hash at
    /// every reload). Null for a file written just before it was read, which a later write could leave with the
    /// same time and size: such a file is read and hashed every time.</summary>
    public FileStamp? Stamp { get; init; }
}

/// <summary>A file's size and last write time (UTC ticks).</summary>
public readonly record struct FileStamp(long Length, long LastWriteTicks);
