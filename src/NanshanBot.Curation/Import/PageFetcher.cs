using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace NanshanBot.Curation.Import;

/// <summary>A page as fetched: where it ended up after redirects, its media type and charset, and its bytes.</summary>
public sealed record FetchedPage(Uri Url, string MediaType, string? Charset, byte[] Body)
{
    public bool IsHtml => MediaType is "text/html" or "application/xhtml+xml";
}

/// <summary>
/// Fetches a page to import, safely: http and https only, each redirect followed by hand and checked (at most
/// <see cref="MaxRedirects"/>), an address on a private network refused unless allowed (<see cref="AddressPolicy"/>),
/// HTML or plain text only, at most <see cref="ImportOptions.MaxBytes"/> read, all within
/// <see cref="ImportOptions.TimeoutSeconds"/>. Every refusal says why in an admin's words.
/// </summary>
public sealed class PageFetcher(IHttpClientFactory clients, IOptions<ImportOptions> options, TimeProvider time)
{
    public const string Client = "page-import";
    public const int MaxRedirects = 5;

    private static readonly string[] Readable = ["text/html", "application/xhtml+xml", "text/plain", "text/markdown"];

    public async Task<FetchedPage> FetchAsync(Uri url, bool allowPrivate, CancellationToken cancellationToken)
    {
        var seconds = options.Value.TimeoutSeconds;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await FollowAsync(url, allowPrivate || options.Value.AllowPrivateAddresses, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CurationRefusedException($"the page did not arrive within {seconds} s");
        }
        catch (HttpRequestException e)
        {
            throw e.InnerException as CurationRefusedException ?? new CurationRefusedException($"the page could not be fetched ({e.Message})");
        }
    }

    private async Task<FetchedPage> FollowAsync(Uri url, bool allowPrivate, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(Client);
        var current = Checked(url);
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Options.Set(AddressPolicy.AllowPrivate, allowPrivate);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (redirects == MaxRedirects)
                {
                    throw new CurationRefusedException($"the page redirects more than {MaxRedirects} times (a redirect loop?)");
                }

                current = Checked(location.IsAbsoluteUri ? location : new Uri(current, location));
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CurationRefusedException($"the page answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var type = response.Content.Headers.ContentType;
            if (type?.MediaType is not { } media || !Readable.Contains(media.ToLowerInvariant()))
            {
                throw new CurationRefusedException($"the page is {type?.MediaType ?? "of no stated type"}, not HTML or text");
            }

            var body = await ReadCappedAsync(response.Content, cancellationToken);
            return new FetchedPage(current, media.ToLowerInvariant(), Charset(type), body);
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBytes;
        if (content.Headers.ContentLength > max)
        {
            throw TooLarge(max);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw TooLarge(max);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static CurationRefusedException TooLarge(int max) =>
        new($"the page is larger than {max / 1024} KB (Import:MaxBytes)");

    private static Uri Checked(Uri url) =>
        url.IsAbsoluteUri && url.Scheme is "http" or "https"
            ? url
            : throw new CurationRefusedException($"only http:// and https:// addresses are fetched, not '{url}'");

    private static string? Charset(MediaTypeHeaderValue type) => type.CharSet?.Trim('"', ' ') is { Length: > 0 } charset ? charset : null;
}
