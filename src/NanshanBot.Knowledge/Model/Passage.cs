namespace NanshanBot.Knowledge.Model;

/// <summary>An article an admin dropped into knowledge/articles, as sentences grouped in paragraphs: searchable
/// before anyone curates facts from it, in its own language. Its text is held here once; passages point into it.</summary>
public sealed record Article(string SourceId, string Title, Language Language, IReadOnlyList<IReadOnlyList<string>> Paragraphs);

/// <summary>
/// One sentence of an article, the unit an answer quotes. What it depends on (a year or subject set by an earlier
/// sentence of its paragraph, or by the headline) is in its article, by position.
/// </summary>
public sealed record Passage(string Id, Article Article, int Paragraph, int Sentence)
{
    public string SourceId => Article.SourceId;

    public Language Language => Article.Language;

    public string Text => Article.Paragraphs[Paragraph][Sentence];

}
