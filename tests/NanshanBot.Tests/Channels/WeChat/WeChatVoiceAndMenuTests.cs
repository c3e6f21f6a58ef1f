using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Answering;
using NanshanBot.Channels.WeChat;
using NanshanBot.Fakes;
using NanshanBot.Knowledge.Model;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Channels.WeChat;

/// <summary>What WeChat's and WeCom's own features send, as their servers send it, over real HTTP (plain and
/// safe mode): voice messages with and without <c>Recognition</c>, menu buttons (<c>CLICK</c>, <c>VIEW</c>) and
/// parameterised QR codes (<c>subscribe</c> with <c>qrscene_</c>, <c>SCAN</c>), with the bundled bot.kb's
/// <c>[menu]</c>.</summary>
public sealed class WeChatVoiceAndMenuTests : IAsyncLifetime
{
    private const string Token = "spamtest";
    private const string AppId = "wx2c2769f8efd9abc2";
    private const string CorpId = "wwcorp0123456789";
    private const string VoiceUnreadable = "抱歉，这条语音我没能识别出文字，请用文字再问一次。 Sorry, I could not make out that voice message. Please type your question.";
    private BotService service = null!;
    private WeChatClient plain = null!;
    private WeChatClient safe = null!;
    private WeChatClient wecom = null!;

    public async Task InitializeAsync()
    {
        service = await BotService.StartAsync(new Dictionary<string, string?>
        {
            ["WeChat:Token"] = Token,
            ["WeChat:AppId"] = AppId,
            ["WeChat:EncodingAesKey"] = WeChatCryptoTests.Key,
            ["WeChat:Mode"] = "compat",
            ["WeCom:Token"] = "wecomtoken",
            ["WeCom:CorpId"] = CorpId,
            ["WeCom:EncodingAesKey"] = WeChatCryptoTests.Key,
        });
        plain = new WeChatClient(service.Url, Token);
        safe = new WeChatClient(service.Url, Token, WeChatCryptoTests.Key, AppId);
        wecom = new WeChatClient(service.Url, "wecomtoken", WeChatCryptoTests.Key, CorpId);
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    private AnswerEngine Engine => service.Services.GetRequiredService<AnswerEngine>();

    /// <summary>The answer a fresh conversation gets to <paramref name="question"/> typed.</summary>
    private async Task<string> TypedAsync(string question) =>
        (await Engine.AnswerAsync(new Question("other-" + Guid.NewGuid().ToString("N"), question))).Text;

    private string Introduction => Engine.Introduce(Language.Chinese).Text;

    private async Task<string> PlainReplyAsync(string xml)
    {
        var response = await plain.PostPlainAsync(xml);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WeChatXml.Parse(await response.Content.ReadAsStringAsync())["Content"];
    }

    [Fact]
    public async Task AVoiceMessageIsAnsweredAsItsRecognisedTextTypedAfterWhatWasHeard()
    {
        var chinese = await PlainReplyAsync(WeChatClient.Voice(8001, "南山区人均GDP有多少？", from: "oVoice1"));
        var english = await PlainReplyAsync(WeChatClient.Voice(8002, "What was Nanshan's GDP in 2025?", from: "oVoice2"));

        Assert.Equal("你问的是：南山区人均GDP有多少？\n" + await TypedAsync("南山区人均GDP有多少？"), chinese);
        Assert.Contains("54万", chinese);
        Assert.Equal("You asked: What was Nanshan's GDP in 2025?\n" + await TypedAsync("What was Nanshan's GDP in 2025?"), english);
    }

    [Fact]
    public async Task AVoiceMessageInSafeModeIsAnsweredEncryptedWithWhatWasHeard()
    {
        var response = await safe.PostEncryptedAsync(WeChatClient.Voice(8003, "南山有多少家上市公司？"));

        var reply = safe.OpenReply(await response.Content.ReadAsStringAsync());
        Assert.Equal("oUser123", reply["ToUserName"]);
        Assert.Equal("你问的是：南山有多少家上市公司？\n" + await TypedAsync("南山有多少家上市公司？"), reply["Content"]);
    }

    [Fact]
    public async Task AVoiceMessageWithoutRecognitionGetsOneRequestForTextEvenWhenWeChatRetriesIt()
    {
        var cache = service.Services.GetRequiredService<ReplyCache>();
        var before = cache.Computations;
        var unrecognised = WeChatClient.Voice(8004, recognition: null);

        var first = await PlainReplyAsync(unrecognised);
        var retry = await PlainReplyAsync(unrecognised);
        var empty = await PlainReplyAsync(WeChatClient.Voice(8005, recognition: "", from: "oVoice3"));
        var encrypted = safe.OpenReply(await (await safe.PostEncryptedAsync(WeChatClient.Voice(8006, null, from: "oVoice4"))).Content.ReadAsStringAsync());

        Assert.Equal(VoiceUnreadable, first);
        Assert.Equal(VoiceUnreadable, retry);
        Assert.Equal(VoiceUnreadable, empty);
        Assert.Equal(VoiceUnreadable, encrypted["Content"]);
        Assert.Equal(before + 3, cache.Computations);
    }

    [Fact]
    public async Task ARetriedVoiceMessageIsAnsweredOnceWithTheSameReply()
    {
        var cache = service.Services.GetRequiredService<ReplyCache>();
        var before = cache.Computations;
        var voice = WeChatClient.Voice(8007, "南山区什么时候建区的？");

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PlainReplyAsync(voice)));

        Assert.Single(replies.Distinct());
        Assert.StartsWith("你问的是：南山区什么时候建区的？\n", replies[0]);
        Assert.Equal(before + 1, cache.Computations);
    }

    [Fact]
    public async Task AMenuButtonAsksItsQuestionOrRunsItsCommandAndAnUnknownOneGetsTheIntroduction()
    {
        var gdp = await PlainReplyAsync(WeChatClient.Event("CLICK", from: "oMenu1", key: "gdp"));
        var about = await PlainReplyAsync(WeChatClient.Event("CLICK", from: "oMenu2", key: "about"));
        var help = await PlainReplyAsync(WeChatClient.Event("CLICK", from: "oMenu3", key: "help"));
        var unknown = await PlainReplyAsync(WeChatClient.Event("CLICK", from: "oMenu4", key: "V1001_TODAY_MUSIC"));

        Assert.Equal(await TypedAsync("2025年南山区的GDP是多少？"), gdp);
        Assert.StartsWith("我的知识来自以下文章：\n• ", about);
        Assert.Equal(Introduction, help);
        Assert.Equal(Introduction, unknown);
    }

    [Fact]
    public async Task AMenuButtonInSafeModeIsAnsweredEncrypted()
    {
        var response = await safe.PostEncryptedAsync(WeChatClient.Event("CLICK", key: "companies"));

        var reply = safe.OpenReply(await response.Content.ReadAsStringAsync());
        Assert.Equal(await TypedAsync("南山区有多少家上市公司？"), reply["Content"]);
        Assert.Contains("200", reply["Content"]);
    }

    [Fact]
    public async Task AMenuLinkGetsNothing()
    {
        var view = await plain.PostPlainAsync(WeChatClient.Event("VIEW", key: "https://www.szns.gov.cn/"));
        var encrypted = await safe.PostEncryptedAsync(WeChatClient.Event("VIEW", from: "oLink2", key: "https://www.szns.gov.cn/"));

        Assert.Equal("success", await view.Content.ReadAsStringAsync());
        Assert.Equal("success", await encrypted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AFollowFromAQrCodeIsWelcomedThenAnsweredWhatItsSceneAsks()
    {
        var subscribed = await PlainReplyAsync(WeChatClient.Event("subscribe", from: "oScan1", key: "qrscene_gdp"));
        var scanned = await PlainReplyAsync(WeChatClient.Event("SCAN", from: "oScan2", key: "companies"));
        var encrypted = safe.OpenReply(await (await safe.PostEncryptedAsync(WeChatClient.Event("subscribe", from: "oScan3", key: "qrscene_gdp"))).Content.ReadAsStringAsync());

        Assert.Equal(Introduction + "\n\n" + await TypedAsync("2025年南山区的GDP是多少？"), subscribed);
        Assert.Equal(Introduction + "\n\n" + await TypedAsync("南山区有多少家上市公司？"), scanned);
        Assert.Equal(subscribed, encrypted["Content"]);
    }

    [Fact]
    public async Task AQrCodeWhoseSceneIsNoMenuKeyIsWelcomedLikeAFollow()
    {
        var numbered = await PlainReplyAsync(WeChatClient.Event("subscribe", from: "oScan4", key: "qrscene_123"));
        var scanned = await PlainReplyAsync(WeChatClient.Event("SCAN", from: "oScan5", key: "poster-2026"));

        Assert.Equal(Introduction, numbered);
        Assert.Equal(Introduction, scanned);
    }

    [Fact]
    public async Task AWeComMenuButtonIsAnsweredEncryptedForTheCorpLikeAWeChatOne()
    {
        var gdp = await wecom.PostEncryptedAsync(WeChatClient.Event("click", from: "zhangsan", key: "gdp", agentId: 1000002), "/wecom");
        var about = await wecom.PostEncryptedAsync(WeChatClient.Event("click", from: "lisi", key: "about", agentId: 1000002), "/wecom");
        var view = await wecom.PostEncryptedAsync(WeChatClient.Event("view", from: "wangwu", key: "https://www.szns.gov.cn/", agentId: 1000002), "/wecom");

        var reply = wecom.OpenReply(await gdp.Content.ReadAsStringAsync());
        Assert.Equal("zhangsan", reply["ToUserName"]);
        Assert.Equal(await TypedAsync("2025年南山区的GDP是多少？"), reply["Content"]);
        Assert.StartsWith("我的知识来自以下文章：", wecom.OpenReply(await about.Content.ReadAsStringAsync())["Content"]);
        Assert.Equal("success", await view.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AWeComVoiceMessageIsAnsweredAsItsRecognisedText()
    {
        var response = await wecom.PostEncryptedAsync(WeChatClient.Voice(8008, "南山有多少海归人才？", from: "zhangsan"), "/wecom");

        var reply = wecom.OpenReply(await response.Content.ReadAsStringAsync());
        Assert.Equal("你问的是：南山有多少海归人才？\n" + await TypedAsync("南山有多少海归人才？"), reply["Content"]);
    }

    [Fact]
    public async Task ALateVoiceAnswerLeavesSuccessInTimeAndARetryGetsItComputedOnce()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]", Delay: TimeSpan.FromSeconds(2.5));
        await using var slow = await BotService.StartAsync(new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = model.Endpoint,
            ["Llm:Model"] = "m",
            ["Llm:ApiKey"] = "k",
            ["Llm:TimeoutSeconds"] = "8",
            ["WeChat:Token"] = "tok",
            ["WeChat:ReplyDeadline"] = "00:00:01",
        });
        var wechat = new WeChatClient(slow.Url, "tok");
        var voice = WeChatClient.Voice(880002, "南山区人均GDP有多少？");

        var clock = Stopwatch.StartNew();
        var first = await (await wechat.PostPlainAsync(voice)).Content.ReadAsStringAsync();
        var firstTook = clock.Elapsed;
        var replies = new List<string>();
        for (var retry = 0; retry < 8 && (replies.Count == 0 || replies[^1] == "success"); retry++)
        {
            replies.Add(await (await wechat.PostPlainAsync(voice)).Content.ReadAsStringAsync());
        }

        Assert.Equal("success", first);
        Assert.True(firstTook < TimeSpan.FromSeconds(2.4), $"first reply took {firstTook}");
        Assert.StartsWith("你问的是：南山区人均GDP有多少？\n据资料，南山人均GDP已超过54万元。", WeChatXml.Parse(replies[^1])["Content"]);
        Assert.Single(model.Requests);
        Assert.Equal(1, slow.Services.GetRequiredService<ReplyCache>().Computations);
    }
}
