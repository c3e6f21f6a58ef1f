namespace NanshanBot.Knowledge.Model;

/// <summary>An article an admin dropped into knowledge/articles, as sentences grouped in paragraphs: searchable
/// before anyone curates facts from it, in its own language. Its text is held here once; passages point into it.</summary>
public sealed record Article(string SourceId, string Title, Language Language, IReadOnlyList<IReadOnlyList<string>> Paragraphs);

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

    public string Text => Article.Paragraphs[Paragraph][Sentence];
}
