using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Curation;
using NanshanBot.Curation.Import;
using NanshanBot.Fakes;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Curation;

/// <summary>What the importer refuses, each said in words an admin can act on, with nothing written: pages are
/// served from 127.0.0.1 by a real server; the importer is the program's (its own HTTP client and handler).</summary>
public sealed class ImportRefusalTests : IAsyncLifetime
{
    private readonly string folder = Repository.CopyKnowledge();
    private PageServer server = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        server = await SavedPages.StartAsync();
        services = SavedPages.Curation(folder, new() { ["Import:MaxBytes"] = "65536", ["Import:TimeoutSeconds"] = "2" });
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private Task<ImportedArticle> ImportAsync(string target, bool allowPrivate = true) =>
        services.GetRequiredService<ArticleImporter>().ImportAsync(new ImportRequest(target) { AllowPrivate = allowPrivate }, CancellationToken.None);

    private async Task<string> RefusalAsync(string target, bool allowPrivate = true)
    {
        var refusal = await Assert.ThrowsAsync<CurationRefusedException>(() => ImportAsync(target, allowPrivate));
        Assert.False(Directory.Exists(Path.Combine(folder, "articles")) && Directory.GetFiles(Path.Combine(folder, "articles")).Length > 1,
            "a refused import left a file behind");
        return refusal.Message;
    }

    [Fact]
    public async Task TheSameAddressTwiceIsRefusedNamingTheFileThatHasIt()
    {
        var first = await ImportAsync(server.Url + SavedPages.News);

        var message = await RefusalAsync(server.Url + SavedPages.News + "#comments");

        Assert.Equal($"{first.File} already holds this article (the same address)", message);
    }

    [Fact]
    public async Task TheSameTextAtAnotherAddressIsRefusedNamingTheFileThatHasIt()
    {
        var first = await ImportAsync(server.Url + SavedPages.Portal);
        var copy = server.Serve("/mirror/streetlights", PageResponse.Html(SavedPages.Html("cluttered-news.html").Replace("<title>", "<title>转载：")));

        var message = await RefusalAsync(copy);

        Assert.Equal($"{first.File} already holds this article (the same text)", message);
    }

    [Fact]
    public async Task AnImageIsRefusedAsNotHtmlOrText()
    {
        var image = server.Serve("/photo.png", new PageResponse(200, "image/png", [0x89, 0x50, 0x4e, 0x47]));

        Assert.Equal("the page is image/png, not HTML or text", await RefusalAsync(image));
    }

    [Fact]
    public async Task APageOverTheSizeCapIsRefusedWhetherOrNotItStatesItsLength()
    {
        var big = Encoding.UTF8.GetBytes("<html><body><p>" + new string('南', 40_000) + "</p></body></html>");
        var stated = server.Serve("/big", new PageResponse(200, "text/html", big));
        var chunked = server.Serve("/big-chunked", new PageResponse(200, "text/html", big) { Chunked = true });

        Assert.Equal("the page is larger than 64 KB (Import:MaxBytes)", await RefusalAsync(stated));
        Assert.Equal("the page is larger than 64 KB (Import:MaxBytes)", await RefusalAsync(chunked));
    }

    [Fact]
    public async Task ARedirectLoopIsRefusedAfterFiveRedirects()
    {
        var loop = server.Serve("/loop", PageResponse.Redirect("/loop"));

        Assert.Equal("the page redirects more than 5 times (a redirect loop?)", await RefusalAsync(loop));
        Assert.Equal(6, server.Requests["/loop"]);
    }

    [Fact]
    public async Task FiveRedirectsAreFollowedToThePage()
    {
        for (var i = 1; i <= 5; i++)
        {
            server.Serve($"/hop{i}", PageResponse.Redirect(i == 5 ? SavedPages.WeChat : $"/hop{i + 1}"));
        }

        var article = await ImportAsync(server.Url + "/hop1");

        Assert.Equal("南山微测试", article.Publisher);
    }

    [Fact]
    public async Task AFileAddressIsRefusedAndSoIsARedirectToOne()
    {
        var toFile = server.Serve("/to-file", PageResponse.Redirect("file:///etc/passwd"));

        Assert.Equal("only http:// and https:// addresses are fetched, not 'file:///etc/passwd'", await RefusalAsync("file:///etc/passwd"));
        Assert.Equal("only http:// and https:// addresses are fetched, not 'file:///etc/passwd'", await RefusalAsync(toFile));
    }

    [Fact]
    public async Task ThisMachineAndPrivateNetworksAreRefusedUnlessAllowed()
    {
        var message = await RefusalAsync(server.Url + SavedPages.WeChat, allowPrivate: false);

        Assert.StartsWith("127.0.0.1 is on a private network or this machine", message);
        Assert.False(server.Requests.ContainsKey(SavedPages.WeChat), "the private address was contacted");
    }

    [Fact]
    public async Task APageThatDoesNotArriveInTimeIsRefused()
    {
        var slow = server.Serve("/slow", PageResponse.Html("<html></html>") with { Delay = TimeSpan.FromSeconds(10) });

        Assert.Equal("the page did not arrive within 2 s", await RefusalAsync(slow));
    }

    [Fact]
    public async Task AnErrorStatusIsRefusedWithTheStatus()
    {
        Assert.Equal("the page answered 404 Not Found", await RefusalAsync(server.Url + "/gone"));
    }
}
