using System.Net.Http.Json;
using System.Text.Json;
using NanshanBot.Channels.WeChat;
using NanshanBot.Fakes;
using NanshanBot.Tests.Channels.Telegram;
using NanshanBot.Tests.Channels.WeChat;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Curation;

/// <summary>The running service and an imported page: picked up by its reload, or imported from a private chat by
/// an admin with /import (Telegram through the Bot API fake, WeChat through signed callbacks).</summary>
public sealed class ImportInServiceTests : IAsyncLifetime
{
    private readonly string folder = Repository.CopyKnowledge();
    private PageServer pages = null!;

    public async Task InitializeAsync() => pages = await SavedPages.StartAsync();

    public async Task DisposeAsync()
    {
        await pages.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<string> ReplyAsync(HttpClient http, BotService service, string question)
    {
        var response = await http.PostAsJsonAsync(service.Url + "/api/chat", new { conversationId = Guid.NewGuid().ToString("N"), text = question });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reply").GetString()!;
    }

    [Fact]
    public async Task ARunningServiceAnswersFromAPageImportedBesideItWithinItsReloadTime()
    {
        await using var service = await BotService.StartAsync(new Dictionary<string, string?> { ["Knowledge:Path"] = folder });
        using var http = new HttpClient();
        const string question = "How many visitors did the Houhai Lantern Museum receive in 2025?";
        Assert.DoesNotContain("1.35 million", await ReplyAsync(http, service, question));

        var import = await ProgramProcess.RunAsync(["kb", "import", pages.Url + SavedPages.News, "--allow-private"],
            environment: new Dictionary<string, string> { ["Knowledge__Path"] = folder });
        Assert.True(import.ExitCode == 0, import.Stderr);
        var imported = DateTime.UtcNow;
        string reply = "";
        await service.EventuallyAsync(() => (reply = ReplyAsync(http, service, question).GetAwaiter().GetResult()).Contains("1.35 million"),
            because: "the imported article answers");

        Assert.True(DateTime.UtcNow - imported < TimeSpan.FromSeconds(10), $"answered {DateTime.UtcNow - imported} after the import");
        Assert.Contains("Shenzhen Test Daily", reply);
    }

    [Fact]
    public async Task ATelegramAdminImportsAPageFromAPrivateChatAndOthersCannot()
    {
        await using var t = await TelegramFixture.StartAsync(extra: new()
        {
            ["Telegram:AdminUserIds:0"] = "777", ["Knowledge:Path"] = folder, ["Import:AllowPrivateAddresses"] = "true",
        });
        var url = pages.Url + SavedPages.WeChat;
        t.Api.Enqueue(Text(1, 600, "/import " + url, fromId: 600));
        t.Api.Enqueue(Text(2, -620, "/import " + url, fromId: 777, chatType: "supergroup"));
        await t.SentCountIsAsync(2);
        t.Api.Enqueue(Text(3, 777, "/import " + url, fromId: 777));
        await t.SentCountIsAsync(3);
        t.Api.Enqueue(Text(4, 777, "/import " + url, fromId: 777));
        t.Api.Enqueue(Text(5, 778, "2025年蛇口渔人码头接待了多少游客？", fromId: 778));
        await t.SentCountIsAsync(5);

        string Reply(long chat, int nth = 0) => t.Api.Sent().Where(s => s["chat_id"]!.GetValue<long>() == chat).ElementAt(nth)["text"]!.GetValue<string>();
        Assert.DoesNotContain("Imported", Reply(600));
        Assert.DoesNotContain("Imported", Reply(-620));
        Assert.Matches(@"^Imported: 蛇口渔人码头去年接待游客再创新高\n南山微测试, 2026-01-05\n6 sentences are now searchable \(articles/2026-01-05-article-[0-9a-f]{8}\.md\)\.$",
            Reply(777));
        Assert.Matches(@"^Not imported: articles/2026-01-05-article-[0-9a-f]{8}\.md already holds this article \(the same address\)$", Reply(777, 1));
        Assert.Contains("460万", Reply(778));
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "articles")));
    }

    [Fact]
    public async Task AWeChatAdminImportsAPageAndHearsWhyNotWhenItCannotBe()
    {
        const string token = "importtoken";
        await using var service = await BotService.StartAsync(new Dictionary<string, string?>
        {
            ["WeChat:Token"] = token, ["WeChat:AppId"] = "wx2c2769f8efd9abc2", ["WeChat:Mode"] = "plain", ["WeChat:AdminOpenIds:0"] = "oAdmin",
            ["Knowledge:Path"] = folder, ["Import:AllowPrivateAddresses"] = "true",
        });
        var wechat = new WeChatClient(service.Url, token);
        pages.Serve("/pdf", new PageResponse(200, "application/pdf", [0x25, 0x50, 0x44, 0x46]));

        var imported = await ReplyAsync(wechat, "/import " + pages.Url + SavedPages.Portal, 5001);
        var refused = await ReplyAsync(wechat, "/import " + pages.Url + "/pdf", 5002);
        var stranger = await ReplyAsync(wechat, "/import " + pages.Url + SavedPages.News, 5003, from: "oStranger");

        Assert.StartsWith("Imported: 南山区去年新建智慧灯杆3200根\n南山测试新闻网, 2026-02-10\n", imported);
        Assert.Contains("sentences are now searchable", imported);
        Assert.Equal("Not imported: the page is application/pdf, not HTML or text", refused);
        Assert.DoesNotContain("Imported", stranger);
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "articles")));
    }

    /// <summary>The reply to a message, as WeChat gets it: a passive reply later than its deadline comes with
    /// WeChat's retry of the same message.</summary>
    private static async Task<string> ReplyAsync(WeChatClient wechat, string text, long msgId, string from = "oAdmin")
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var body = await (await wechat.PostPlainAsync(WeChatClient.TextMessage(text, msgId, from))).Content.ReadAsStringAsync();
            if (body.StartsWith("<xml>", StringComparison.Ordinal))
            {
                return WeChatXml.Parse(body)["Content"];
            }
        }

        throw new TimeoutException($"no reply to '{text}' after WeChat's retries");
    }
}
