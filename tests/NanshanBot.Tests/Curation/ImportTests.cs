using System.Text.Json;
using NanshanBot.Fakes;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Curation;

/// <summary>Each saved page imported once by the real program (`kb import URL --allow-private`, the pages being on
/// 127.0.0.1), into a copy of the bundled knowledge.</summary>
public sealed class ImportedPages : IAsyncLifetime
{
    public PageServer Server { get; private set; } = null!;

    public string Folder { get; } = Repository.CopyKnowledge();

    public Dictionary<string, ProgramProcess.Result> Imports { get; } = [];

    public Dictionary<string, string> Environment => new() { ["Knowledge__Path"] = Folder };

    public async Task InitializeAsync()
    {
        Server = await SavedPages.StartAsync();
        foreach (var path in new[] { SavedPages.WeChat, SavedPages.News, SavedPages.Portal })
        {
            Imports[path] = await ProgramProcess.RunAsync(["kb", "import", Server.Url + path, "--allow-private"], environment: Environment);
        }
    }

    /// <summary>The article file an import printed (its first word).</summary>
    public string File(string path) => Path.Combine(Folder, Imports[path].Stdout.Split(':')[0]);

    public async Task<JsonElement> AskAsync(string question)
    {
        var result = await ProgramProcess.RunAsync(["ask", question, "--json"], environment: Environment);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class ImportTests(ImportedPages pages) : IClassFixture<ImportedPages>
{
    [Fact]
    public async Task AWeChatArticleIsImportedWithItsTitleAccountAndScriptPublishTimeAndThenAnswered()
    {
        var import = pages.Imports[SavedPages.WeChat];
        Assert.True(import.ExitCode == 0, import.Stderr);
        var meta = SavedPages.FrontMatter(pages.File(SavedPages.WeChat));
        var answer = await pages.AskAsync("2025年蛇口渔人码头接待了多少游客？");

        Assert.Equal("蛇口渔人码头去年接待游客再创新高", meta["title"]);
        Assert.Equal("南山微测试", meta["publisher"]);
        Assert.Equal("2026-01-05", meta["date"]);
        Assert.StartsWith("http://mp.weixin.qq.com/s?__biz=MzTESTNS==&mid=2650000001", meta["url"]);
        Assert.Equal("zh", meta["lang"]);
        Assert.Contains("sentences searchable", import.Stdout);
        Assert.Contains("460万", answer.GetProperty("reply").GetString());
        Assert.Equal("南山微测试", answer.GetProperty("sources")[0].GetProperty("publisher").GetString());
    }

    [Fact]
    public async Task ANewsPageIsDatedAndAttributedByItsJsonLdAndThenAnswered()
    {
        var import = pages.Imports[SavedPages.News];
        Assert.True(import.ExitCode == 0, import.Stderr);
        var meta = SavedPages.FrontMatter(pages.File(SavedPages.News));
        var answer = await pages.AskAsync("How many visitors did the Houhai Lantern Museum receive in 2025?");

        Assert.Equal("2026-01-12", meta["date"]);
        Assert.Equal("Shenzhen Test Daily", meta["publisher"]);
        Assert.Equal("https://news.example.org/culture/2026/01/12/houhai-lantern-museum-visitors", meta["url"]);
        Assert.Equal("en", meta["lang"]);
        Assert.EndsWith("2026-01-12-houhai-lantern-museum-draws-1-35-million-visitors.md", pages.File(SavedPages.News));
        Assert.Contains("1.35 million", answer.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task NavigationSidebarAndCommentsAroundTheArticleAreLeftOut()
    {
        var import = pages.Imports[SavedPages.Portal];
        Assert.True(import.ExitCode == 0, import.Stderr);
        var text = File.ReadAllText(pages.File(SavedPages.Portal));
        var answer = await pages.AskAsync("2025年南山区新建了多少根智慧灯杆？");

        Assert.Contains("2025年南山区共新建智慧灯杆3200根", text);
        Assert.Contains("date: 2026-02-10", text);
        foreach (var around in new[] { "网友", "停车位", "首页", "热门文章", "特价机票", "版权所有" })
        {
            Assert.DoesNotContain(around, text);
        }

        Assert.Contains("3200根", answer.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task TheFolderWithTheImportedArticlesPassesValidation()
    {
        var validate = await ProgramProcess.RunAsync(["kb", "validate", pages.Folder]);

        Assert.True(validate.ExitCode == 0, validate.Stderr);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(pages.Folder, "articles")).Length);
    }
}
