using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Curation;
using NanshanBot.Fakes;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Curation;

/// <summary>The saved pages made for these tests (Data/pages: a WeChat article, a news page with JSON-LD, a portal
/// page with navigation, a sidebar and comments around its article), served from 127.0.0.1 where a site would
/// serve them.</summary>
public static class SavedPages
{
    public const string WeChat = "/s/TESTnsMz0001";
    public const string News = "/culture/2026/01/12/houhai-lantern-museum-visitors";
    public const string Portal = "/life/2026-02/streetlights.html";

    public static string Html(string name) => File.ReadAllText(Repository.Data(Path.Combine("pages", name)));

    public static async Task<PageServer> StartAsync()
    {
        var server = await PageServer.StartAsync();
        server.Serve(WeChat, PageResponse.Html(Html("wechat-article.html")));
        server.Serve(News, PageResponse.Html(Html("news-jsonld.html")));
        server.Serve(Portal, PageResponse.Html(Html("cluttered-news.html")));
        return server;
    }

    /// <summary>The importer and drafter as the program registers them, over <paramref name="knowledge"/>.</summary>
    public static ServiceProvider Curation(string knowledge, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        return new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new NanshanBot.Answering.KnowledgeOptions { Path = knowledge }))
            .AddSingleton<NanshanBot.Answering.KnowledgeFactory>()
            .AddCuration(configuration).BuildServiceProvider();
    }

    /// <summary>The front matter of an article file, key by key.</summary>
    public static Dictionary<string, string> FrontMatter(string file) =>
        File.ReadLines(file).Skip(1).TakeWhile(l => l != "---")
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());
}
