namespace NanshanBot.Curation.Import;

/// <summary>What the admin gave (<c>--title</c>, <c>--publisher</c>, <c>--date</c>, <c>--lang</c>) over what the page
/// says; what neither says is a refusal that names the option to give. The title is not repeated as the first
/// paragraph.</summary>
internal static class ArticleCompletion
{
    public static ArticleText Complete(ExtractedArticle page, ImportRequest request)
    {
        var title = request.Title ?? page.Title ?? throw new CurationRefusedException("the page has no title: give --title TITLE");
        var publisher = request.Publisher ?? page.Publisher
            ?? throw new CurationRefusedException("the page does not name its publisher: give --publisher NAME");
        var date = request.Date ?? page.Date
            ?? throw new CurationRefusedException("the page does not say when it was published: give --date YYYY-MM-DD");
        var paragraphs = page.Paragraphs
            .SkipWhile(p => p.TrimStart('#', ' ') == title)
            .ToList();
        if (!paragraphs.Any(p => !p.StartsWith("## ", StringComparison.Ordinal)))
        {
            throw new CurationRefusedException("no article text was found");
        }

        var language = request.Language ?? page.Language ?? (LooksChinese(string.Concat(paragraphs)) ? "zh" : "en");
        return new ArticleText(title, publisher, date, page.Url, language, paragraphs) { TitleEn = page.TitleEn, PublisherEn = page.PublisherEn };
    }

    private static bool LooksChinese(string text) =>
        text.Count(c => c is >= '\u4e00' and <= '\u9fff') * 4 > text.Count(char.IsLetter);
}
