using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace NanshanBot.Curation.Import;

/// <summary>
/// Finds the article in a page: a WeChat article by its structure (<see cref="WeChatPage"/>); any other page's
/// main content by SmartReader (a port of Mozilla's Readability, which leaves out navigation, sidebars and
/// comments) over the AngleSharp document, and what it says about itself by <see cref="PageMetadata"/>.
/// </summary>
public static class HtmlArticleExtractor
{
    /// <summary>Readability's default wants 500 characters; a short Chinese news item has fewer.</summary>
    private const int MinCharacters = 140;

    /// <exception cref="CurationRefusedException">No article text was found.</exception>
    public static ExtractedArticle Extract(byte[] html, string? charset, Uri? url)
    {
        var document = Parse(html, charset);
        var meta = PageMetadata.Read(document);
        var lang = meta.Language;
        if (WeChatPage.TryRead(document) is { } wechat)
        {
            return new ExtractedArticle(wechat.Title ?? meta.Title, wechat.Account ?? meta.Publisher, wechat.Date ?? meta.Date,
                meta.Url ?? Public(url), lang, Required(ParagraphCollector.Collect(wechat.Body)));
        }

        // SmartReader changes the document as it reads it: the metadata above was read first.
        var reader = new SmartReader.Reader((url ?? new Uri("https://localhost/")).ToString(), document) { CharThreshold = MinCharacters };
        var article = reader.GetArticle();
        // IsReadable is Readability's guess, before extracting, whether a reader view is worth offering; it wants
        // paragraphs of 140 characters, which short Chinese news rarely has. What was extracted decides here.
        if (string.IsNullOrWhiteSpace(article.Content))
        {
            throw new CurationRefusedException("no article text was found on the page");
        }

        var content = new HtmlParser().ParseDocument(article.Content);
        var date = meta.Date ?? (article.PublicationDate is { } published ? DateText.Normalize(published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) : null);
        return new ExtractedArticle(meta.Title ?? PageMetadata.Clean(article.Title), meta.Publisher ?? PageMetadata.Clean(article.SiteName), date,
            meta.Url ?? Public(url), lang ?? PageMetadata.LanguageOf(article.Language), Required(ParagraphCollector.Collect(content.Body!)));
    }

    private static IHtmlDocument Parse(byte[] html, string? charset)
    {
        var parser = new HtmlParser();
        if (charset is not null && Encoding(charset) is { } encoding)
        {
            return parser.ParseDocument(encoding.GetString(html));
        }

        // Without a charset in the response, AngleSharp reads the byte order mark or <meta charset>.
        using var stream = new MemoryStream(html, writable: false);
        return parser.ParseDocument(stream);
    }

    private static Encoding? Encoding(string charset)
    {
        try
        {
            return System.Text.Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? Public(Uri? url) => url is { Scheme: "http" or "https" } ? url.GetLeftPart(UriPartial.Query) : null;

    private static IReadOnlyList<string> Required(List<string> paragraphs) =>
        paragraphs.Any(p => !p.StartsWith("## ", StringComparison.Ordinal))
            ? paragraphs
            : throw new CurationRefusedException("no article text was found on the page");
}
