using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NanshanBot.Curation.Import;

/// <summary>
/// A WeChat official-account article, recognised by its structure rather than its host (so that a saved page
/// works too): the body in <c>#js_content</c>, the title in <c>#activity-name</c> (or <c>og:title</c>), the
/// account's name in <c>#js_name</c>, and the publish time that the page's script sets (<c>var ct = "unix
/// seconds"</c>, or <c>publish_time</c> / <c>createTime</c> as a date), or that a saved page shows in
/// <c>#publish_time</c>.
/// </summary>
internal sealed partial record WeChatPage(string? Title, string? Account, string? Date, IElement Body)
{
    public static WeChatPage? TryRead(IDocument document)
    {
        if (document.QuerySelector("#js_content") is not { } body)
        {
            return null;
        }

        var title = PageMetadata.Clean(document.QuerySelector("#activity-name")?.TextContent) ?? PageMetadata.Meta(document, "og:title");
        var account = PageMetadata.Clean(document.QuerySelector("#js_name")?.TextContent)
            ?? PageMetadata.Clean(document.QuerySelector(".profile_nickname")?.TextContent);
        return new WeChatPage(title, account, PublishDate(document), body);
    }

    private static string? PublishDate(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script").Select(s => s.TextContent))
        {
            if (UnixTime().Match(script) is { Success: true } unix
                && long.TryParse(unix.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && DateText.FromUnixSeconds(seconds) is { } fromUnix)
            {
                return fromUnix;
            }

            if (DateVariable().Match(script) is { Success: true } variable && DateText.Normalize(variable.Groups[1].Value) is { } date)
            {
                return date;
            }
        }

        return DateText.Normalize(document.QuerySelector("#publish_time")?.TextContent);
    }

    // The script's variables, not the article: the text itself is read from the DOM.
    [GeneratedRegex(@"\bct\s*=\s*[""'](\d{9,11})[""']")]
    private static partial Regex UnixTime();

    [GeneratedRegex(@"\b(?:publish_time|createTime)\s*=\s*[""']([^""']{8,25})[""']")]
    private static partial Regex DateVariable();
}
