using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NanshanBot.Fakes;

/// <summary>What the page server answers on one path.</summary>
public sealed record PageResponse(int Status, string? ContentType, byte[] Body)
{
    /// <summary>Where a redirect points.</summary>
    public string? Location { get; init; }

    /// <summary>Sent without Content-Length (chunked), so that only counting the bytes can catch a large body.</summary>
    public bool Chunked { get; init; }

    public TimeSpan Delay { get; init; }

    public static PageResponse Html(string html) => new(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html));

    public static PageResponse Redirect(string location) => new(302, null, []) { Location = location };
}

/// <summary>
/// A web server on 127.0.0.1 serving saved pages the way sites do (status, content type, redirects, chunked
/// bodies, slow answers), for the importer's tests. It counts the requests of each path.
/// </summary>
public sealed class PageServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, PageResponse> pages = new(StringComparer.Ordinal);

    private PageServer(WebApplication app) => this.app = app;

    public string Url => app.Urls.First();

    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    public static async Task<PageServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new PageServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Serves <paramref name="response"/> at <paramref name="path"/>; returns the page's full address.</summary>
    public string Serve(string path, PageResponse response)
    {
        pages[path] = response;
        return Url + path;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (!pages.TryGetValue(path, out var page))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (page.Delay > TimeSpan.Zero)
        {
            await Task.Delay(page.Delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        context.Response.StatusCode = page.Status;
        if (page.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }

        if (page.ContentType is { } type)
        {
            context.Response.ContentType = type;
        }

        if (!page.Chunked)
        {
            context.Response.ContentLength = page.Body.Length;
        }

        await context.Response.Body.WriteAsync(page.Body, context.RequestAborted).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
