using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Curation;
using NanshanBot.Curation.Import;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Curation;

/// <summary>A saved page or a text an admin has on disk imports as a fetched page does.</summary>
public sealed class FileImportTests : IDisposable
{
    private readonly string folder = Repository.CopyKnowledge();
    private readonly string files = Directory.CreateDirectory(Repository.TempPath("import")).FullName;
    private readonly ServiceProvider services;

    public FileImportTests() => services = SavedPages.Curation(folder);

    public void Dispose()
    {
        services.Dispose();
        Directory.Delete(folder, recursive: true);
        Directory.Delete(files, recursive: true);
    }

    private Task<ImportedArticle> ImportAsync(ImportRequest request) =>
        services.GetRequiredService<ArticleImporter>().ImportAsync(request, CancellationToken.None);

    private string Save(string name, string text)
    {
        var path = Path.Combine(files, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task ASavedWeChatPageIsRecognisedByItsStructureWithoutItsHost()
    {
        var article = await ImportAsync(new ImportRequest(Save("saved.html", SavedPages.Html("wechat-article.html"))));

        Assert.Equal(("蛇口渔人码头去年接待游客再创新高", "南山微测试", "2026-01-05", "zh"), (article.Title, article.Publisher, article.Date, article.Language));
        Assert.Equal(6, article.Sentences);
        Assert.DoesNotContain("mmbiz", File.ReadAllText(Path.Combine(folder, article.File)));
    }

    [Fact]
    public async Task AMarkdownFileKeepsItsFrontMatterAndTakesItsTitleFromItsHeading()
    {
        var path = Save("notes.md", "# Nanshan opens 14 new pocket parks\n\nNanshan opened 14 pocket parks in 2025, the district said.\n\n![a park](park.jpg)\n\nEach park is smaller than 2,000 square metres.\n");

        var article = await ImportAsync(new ImportRequest(path) { Publisher = "Test Weekly", Date = "2026-03-01" });
        var text = File.ReadAllText(Path.Combine(folder, article.File));

        Assert.Equal("articles/2026-03-01-nanshan-opens-14-new-pocket-parks.md", article.File);
        Assert.Equal(2, article.Sentences);
        Assert.Contains("title: Nanshan opens 14 new pocket parks\npublisher: Test Weekly\ndate: 2026-03-01\nlang: en\n---\n", text);
        Assert.DoesNotContain("park.jpg", text);
    }

    [Fact]
    public async Task ATextFileNeedsItsDateAndPublisherGiven()
    {
        var path = Save("memo.txt", "南山区图书馆延长开放时间\n2025年南山区图书馆全年接待读者约380万人次。\n南山区图书馆共有分馆15个。\n");

        var refusal = await Assert.ThrowsAsync<CurationRefusedException>(() => ImportAsync(new ImportRequest(path) { Date = "2026-01-20" }));
        var article = await ImportAsync(new ImportRequest(path) { Date = "2026-01-20", Publisher = "测试周报" });

        Assert.Equal("a .txt file says nothing about itself: give --date YYYY-MM-DD and --publisher NAME", refusal.Message);
        Assert.Equal(("南山区图书馆延长开放时间", 2), (article.Title, article.Sentences));
        Assert.StartsWith("articles/2026-01-20-article-", article.File);
        Assert.NotNull(KnowledgeLoader.TryLoad(folder).Knowledge);
    }

    [Fact]
    public async Task APageThatDoesNotSayWhenItWasPublishedAsksForTheDate()
    {
        var path = Save("undated.html", "<html><head><title>Shekou ferry</title><meta property=\"og:site_name\" content=\"Test Port News\"></head>"
            + "<body><article><p>The Shekou ferry terminal handled 3.2 million passengers in 2025, up by a tenth on the year before, the operator said.</p>"
            + "<p>It plans two more routes to the islands next summer, each running four times a day.</p></article></body></html>");

        var refusal = await Assert.ThrowsAsync<CurationRefusedException>(() => ImportAsync(new ImportRequest(path)));
        var article = await ImportAsync(new ImportRequest(path) { Date = "2026-02-02" });

        Assert.Equal("the page does not say when it was published: give --date YYYY-MM-DD", refusal.Message);
        Assert.Equal(("Shekou ferry", "Test Port News", "2026-02-02"), (article.Title, article.Publisher, article.Date));
    }
}
