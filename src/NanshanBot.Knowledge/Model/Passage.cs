namespace NanshanBot.Knowledge.Model;

/// <summary>An article an admin dropped into knowledge/articles, as sentences grouped in paragraphs: searchable
/// before anyone curates facts from it, in its own language. Its text is held here once, compactly
/// (<see cref="SentenceText"/>); passages point into it.</summary>
public sealed class Article(string sourceId, string title, Language language, SentenceText sentences)
{
    public Article(string sourceId, string title, Language language, IEnumerable<IEnumerable<string>> paragraphs)
        : this(sourceId, title, language, SentenceText.From(paragraphs))
    {
    }

    public string SourceId { get; } = sourceId;

    public string Title { get; } = title;

    public Language Language { get; } = language;

    /// <summary>The paragraphs, each as its sentences (each made a string when read).</summary>
    public SentenceText Paragraphs { get; } = sentences;

    /// <summary>Every sentence as a passage, made when read: the article holds its text, not 400,000 objects.</summary>
    public IReadOnlyList<Passage> Passages => new PassageList(this);

    /// <summary>Sentence <paramref name="number"/> (see <see cref="SentenceText.Number"/>) as a passage.</summary>
    public Passage PassageAt(int number)
    {
        var (paragraph, sentence) = Paragraphs.Locate(number);
        return new Passage(this, paragraph, sentence);
    }

    private sealed class PassageList(Article article) : IReadOnlyList<Passage>
    {
        public int Count => article.Paragraphs.SentenceCount;

        public Passage this[int index] => article.PassageAt(index);

        public IEnumerator<Passage> GetEnumerator()
        {
            for (var p = 0; p < article.Paragraphs.Count; p++)
            {
                for (var s = 0; s < article.Paragraphs[p].Count; s++)
                {
                    yield return new Passage(article, p, s);
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>
/// One sentence of an article, the unit an answer quotes. What it depends on (a year or subject set by an earlier
/// sentence of its paragraph, or by the headline) is in its article, by position.
/// </summary>
public sealed record Passage(Article Article, int Paragraph, int Sentence)
{
    /// <summary>The article's id with the sentence's place in it (article-x#2.3); made when asked for, since ten
    /// thousand articles hold some 400,000 sentences.</summary>
    public string Id => $"{Article.SourceId}#{Paragraph + 1}.{Sentence + 1}";

    public string SourceId => Article.SourceId;

    public Language Language => Article.Language;

    /// <summary>The sentence's number in its article (see <see cref="SentenceText.Number"/>).</summary>
    public int Number => Article.Paragraphs.Number(Paragraph, Sentence);

    public string Text => Article.Paragraphs.Sentence(Paragraph, Sentence);
}
