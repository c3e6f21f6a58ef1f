namespace NanshanBot.Knowledge.Loading;

/// <summary>
/// A source's <c>url</c> becomes a link under answers (an <c>href</c> in the web page): only absolute http(s)
/// addresses are accepted, so that no <c>javascript:</c> or <c>data:</c> URL from a knowledge file runs in a
/// reader's browser.
/// </summary>
public static class SourceUrl
{
    public static bool IsAcceptable(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;

    public static string Problem(string url) => $"url '{url}' must be an absolute http:// or https:// address";
}
