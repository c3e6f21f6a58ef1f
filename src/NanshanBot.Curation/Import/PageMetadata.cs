using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace NanshanBot.Curation.Import;

/// <summary>
/// What a news page says about itself, read from its markup: Open Graph and <c>article:</c> meta tags, JSON-LD
/// (<c>headline</c>, <c>publisher.name</c>, <c>datePublished</c>), <c>&lt;time datetime&gt;</c>, the canonical
/// link and the document's <c>lang</c>. Each is null where the page is silent.
/// </summary>
internal sealed record PageMetadata(string? Title, string? Publisher, string? Date, string? Url, string? Language)
{
    private static readonly string[] ArticleTypes = ["NewsArticle", "Article", "BlogPosting", "ReportageNews", "AnalysisNewsArticle", "WebPage"];

    public static PageMetadata Read(IHtmlDocument document)
    {
        var ld = LinkedData(document);
        var title = Meta(document, "og:title") ?? Text(ld, "headline") ?? Clean(document.Title);
        var publisher = PublisherOf(ld) ?? Meta(document, "og:site_name") ?? Meta(document, "application-name");
        var date = DateText.Normalize(Text(ld, "datePublished"))
            ?? DateText.Normalize(Meta(document, "article:published_time"))
            ?? DateText.Normalize(Meta(document, "pubdate") ?? Meta(document, "publishdate"))
            ?? DateText.Normalize(PublishedTime(document));
        var url = document.QuerySelector("link[rel='canonical']")?.GetAttribute("href") ?? Meta(document, "og:url");
        return new PageMetadata(title, publisher, date, Absolute(url), LanguageOf(document.DocumentElement.GetAttribute("lang")));
    }

    /// <summary>The content of <c>&lt;meta property=name&gt;</c> or <c>&lt;meta name=name&gt;</c>.</summary>
    public static string? Meta(IDocument document, string name) =>
        Clean(document.QuerySelectorAll("meta")
            .FirstOrDefault(m => string.Equals(m.GetAttribute("property") ?? m.GetAttribute("name"), name, StringComparison.OrdinalIgnoreCase))
            ?.GetAttribute("content"));

    public static string? Clean(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) is { Length: > 0 } clean ? clean : null;

    public static string? LanguageOf(string? lang) =>
        lang?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            var l when l.StartsWith("zh", StringComparison.Ordinal) => "zh",
            var l when l.StartsWith("en", StringComparison.Ordinal) => "en",
            _ => null,
        };

    private static string? Absolute(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Query) : null;

    /// <summary>The <c>&lt;time&gt;</c> that dates the article: one marked <c>pubdate</c> or inside the article,
    /// else the first on the page.</summary>
    private static string? PublishedTime(IDocument document)
    {
        var times = document.QuerySelectorAll("time[datetime]").ToList();
        var time = times.FirstOrDefault(t => t.HasAttribute("pubdate") || t.Closest("article") is not null) ?? times.FirstOrDefault();
        return time?.GetAttribute("datetime");
    }

    /// <summary>The page's JSON-LD object that describes the article (an array and <c>@graph</c> are searched).</summary>
    private static JsonElement? LinkedData(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent);
                if (Objects(json.RootElement).FirstOrDefault(IsArticle) is { ValueKind: JsonValueKind.Object } found)
                {
                    return found.Clone();
                }
            }
            catch (JsonException)
            {
                // A page's broken JSON-LD says nothing; the meta tags may.
            }
        }

        return null;
    }

    private static IEnumerable<JsonElement> Objects(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Objects),
        JsonValueKind.Object when element.TryGetProperty("@graph", out var graph) => Objects(graph).Prepend(element),
        JsonValueKind.Object => [element],
        _ => [],
    };

    private static bool IsArticle(JsonElement element) =>
        element.TryGetProperty("datePublished", out _)
        || element.TryGetProperty("@type", out var type) && type.ValueKind == JsonValueKind.String && ArticleTypes.Contains(type.GetString());

    private static string? Text(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Clean(value.GetString()) : null;

    private static string? PublisherOf(JsonElement? element) =>
        element is { } e && e.TryGetProperty("publisher", out var publisher)
            ? publisher.ValueKind switch
            {
                JsonValueKind.String => Clean(publisher.GetString()),
                JsonValueKind.Object => Text(publisher, "name"),
                JsonValueKind.Array when publisher.GetArrayLength() > 0 => Text(publisher[0], "name"),
                _ => null,
            }
            : null;
}
