namespace NanshanBot.Curation.Import;

/// <summary>What a page or file says about its article (each null where it says nothing) and its main text, one
/// string per paragraph (a heading as <c>## text</c>).</summary>
public sealed record ExtractedArticle(
    string? Title,
    string? Publisher,
    string? Date,
    string? Url,
    string? Language,
    IReadOnlyList<string> Paragraphs)
{
    public string? TitleEn { get; init; }

    public string? PublisherEn { get; init; }
}
