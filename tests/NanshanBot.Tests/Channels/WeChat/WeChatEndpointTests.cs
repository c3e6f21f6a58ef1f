using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NanshanBot.Answering;
using NanshanBot.Channels.WeChat;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Channels.WeChat;

/// <summary>/wechat (in compat mode, so that plain and safe requests both reach it) and /wecom over real HTTP,
/// with the official key. What safe mode refuses is in <see cref="WeChatAuthenticityTests"/>.</summary>
public sealed class WeChatEndpointTests : IAsyncLifetime
{
    private const string Token = "spamtest";
    private const string AppId = "wx2c2769f8efd9abc2";
    private const string CorpId = "wwcorp0123456789";
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

    private static async Task<Dictionary<string, string>> FieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WeChatXml.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheUrlCheckEchoesEchostrWhenSignedAndRefusesOtherwise()
    {
        var (timestamp, nonce) = plain.Stamp();
        var signature = WeChatCrypto.Signature(Token, timestamp, nonce);

        var good = await plain.GetAsync("/wechat", $"signature={signature}&timestamp={timestamp}&nonce={nonce}&echostr=5837397520665436492");
        var forged = await plain.GetAsync("/wechat", $"signature=0000000000000000000000000000000000000000&timestamp={timestamp}&nonce={nonce}&echostr=1");

        Assert.Equal("5837397520665436492", await good.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task TheWeComUrlCheckReturnsTheDecryptedEchostrExactly()
    {
        var echostr = new WeChatCrypto(WeChatCryptoTests.Key).Encrypt("1616140317555161061", CorpId);
        var (timestamp, nonce) = wecom.Stamp();
        var signature = WeChatCrypto.Signature("wecomtoken", timestamp, nonce, echostr);

        var response = await wecom.GetAsync("/wecom", $"msg_signature={signature}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(echostr)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1616140317555161061", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APlainTextQuestionIsAnsweredWithToAndFromSwapped()
    {
        var reply = await FieldsAsync(await plain.PostPlainAsync(WeChatClient.TextMessage("南山区人均GDP有多少？", 1001)));

        Assert.Equal("oUser123", reply["ToUserName"]);
        Assert.Equal("gh_account", reply["FromUserName"]);
        Assert.Equal("text", reply["MsgType"]);
        var expected = await service.Services.GetRequiredService<AnswerEngine>().AnswerAsync(new Question("other", "南山区人均GDP有多少？"));
        Assert.Equal(expected.Text, reply["Content"]);
    }

    [Fact]
    public async Task ASafeModeQuestionRoundTripsEncryptedAndSigned()
    {
        var response = await safe.PostEncryptedAsync(WeChatClient.TextMessage("南山有多少家上市公司？", 1002));

        var reply = safe.OpenReply(await response.Content.ReadAsStringAsync());
        Assert.Equal("oUser123", reply["ToUserName"]);
        Assert.Contains("200", reply["Content"]);
    }

    [Fact]
    public async Task OfficialVectorAIsAcceptedAndAnsweredToItsSender()
    {
        // Tencent's vector carries a 2014 timestamp: a service whose clock reads that moment takes it.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1409735669));
        await using var then = await BotService.StartAsync(new Dictionary<string, string?>
        {
            ["WeChat:Token"] = Token, ["WeChat:AppId"] = AppId, ["WeChat:EncodingAesKey"] = WeChatCryptoTests.Key,
        }, clock);
        var body = $"<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[{WeChatCryptoTests.VectorA}]]></Encrypt></xml>";

        var response = await new WeChatClient(then.Url, Token, WeChatCryptoTests.Key, AppId).PostAsync(
            "/wechat?timestamp=1409735669&nonce=1320562132&msg_signature=5d197aaffba7e9b25a30732f161a50dee96bd5fa&encrypt_type=aes", body);

        var reply = safe.OpenReply(await response.Content.ReadAsStringAsync());
        Assert.Equal("oyORnuP8q7ou2gfYjqLzSIWZf0rs", reply["ToUserName"]);
        Assert.Equal("gh_10f6c3c3ac5a", reply["FromUserName"]);
        Assert.False(string.IsNullOrEmpty(reply["Content"]));
    }

    [Fact]
    public async Task AWeComMessageIsAnsweredEncryptedForTheCorp()
    {
        var response = await wecom.PostEncryptedAsync(WeChatClient.TextMessage("南山有多少海归人才？", 1003, from: "zhangsan"), "/wecom");

        var reply = wecom.OpenReply(await response.Content.ReadAsStringAsync());
        Assert.Equal("zhangsan", reply["ToUserName"]);
        Assert.Contains("10万", reply["Content"]);
    }

    [Fact]
    public async Task ARetriedMsgIdIsComputedOnceAndGetsTheSameReply()
    {
        var cache = service.Services.GetRequiredService<ReplyCache>();
        var before = cache.Computations;
        var message = WeChatClient.TextMessage("南山区什么时候建区的？", 2001);

        var first = await (await plain.PostPlainAsync(message)).Content.ReadAsStringAsync();
        var second = await (await plain.PostPlainAsync(message)).Content.ReadAsStringAsync();
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            await (await plain.PostPlainAsync(WeChatClient.TextMessage("南山区什么时候建区的？", 2002))).Content.ReadAsStringAsync()));

        Assert.Equal(WeChatXml.Parse(first)["Content"], WeChatXml.Parse(second)["Content"]);
        Assert.Single(concurrent.Select(r => WeChatXml.Parse(r)["Content"]).Distinct());
        Assert.Equal(before + 2, cache.Computations);
    }

    [Fact]
    public async Task ASubscriptionIsWelcomedOnceAndAnUnsubscriptionGetsNothing()
    {
        var cache = service.Services.GetRequiredService<ReplyCache>();
        var before = cache.Computations;

        var welcome = await FieldsAsync(await plain.PostPlainAsync(WeChatClient.Event("subscribe")));
        var retried = await FieldsAsync(await plain.PostPlainAsync(WeChatClient.Event("subscribe")));
        var welcomedOnce = cache.Computations - before;
        var bye = await plain.PostPlainAsync(WeChatClient.Event("unsubscribe", createTime: 1_770_000_099));

        Assert.Contains("NanshanBot", welcome["Content"]);
        Assert.Contains("2025年南山区的GDP是多少？", welcome["Content"]);
        Assert.Equal(welcome["Content"], retried["Content"]);
        Assert.Equal(1, welcomedOnce);
        Assert.Equal("success", await bye.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnImageGetsAPoliteTextOnlyReply()
    {
        var image = "<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[oUser9]]></FromUserName><CreateTime>1770000000</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://example.invalid/a.jpg]]></PicUrl><MediaId><![CDATA[m]]></MediaId><MsgId>3001</MsgId></xml>";

        var reply = await FieldsAsync(await plain.PostPlainAsync(image));

        Assert.Contains("文字", reply["Content"]);
    }

    [Fact]
    public async Task AForgedSignatureIsForbidden()
    {
        var response = await plain.PostPlainAsync(WeChatClient.TextMessage("南山区人均GDP有多少？", 4001), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        var (timestamp, nonce) = safe.Stamp();
        var forgedSafe = await safe.PostAsync($"/wechat?timestamp={timestamp}&nonce={nonce}&msg_signature=0000&encrypt_type=aes",
            $"<xml><Encrypt><![CDATA[{WeChatCryptoTests.VectorA}]]></Encrypt></xml>");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forgedSafe.StatusCode);
    }

    [Fact]
    public async Task AMessageForAnotherAppIdIsForbidden()
    {
        var otherApp = new WeChatClient(service.Url, Token, WeChatCryptoTests.Key, "wxSomeoneElse000");

        var response = await otherApp.PostEncryptedAsync(WeChatClient.TextMessage("南山区人均GDP有多少？", 4002));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("<xml><ToUserName>gh</ToUserName>")]
    [InlineData("not xml at all")]
    [InlineData("")]
    public async Task MalformedXmlIsABadRequest(string body)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await plain.PostPlainAsync(body)).StatusCode);
    }

    [Fact]
    public async Task AnXxePayloadIsRefusedAndReadsNothing()
    {
        var secretFile = Repository.TempPath("secret");
        File.WriteAllText(secretFile, "TOP-SECRET-CONTENT");
        var xxe = $"<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file://{secretFile}\">]><xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&x;</Content><MsgId>5001</MsgId></xml>";

        var response = await plain.PostPlainAsync(xxe);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("TOP-SECRET", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABodyOver64KbIsRefused()
    {
        var huge = WeChatClient.TextMessage(new string('南', 30_000), 6001);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await plain.PostPlainAsync(huge)).StatusCode);
    }

    [Fact]
    public async Task AReplyOverWeChatsTextLimitIsCutAtASentenceEndWithinIt()
    {
        var knowledge = TestKnowledge.Copy();
        var intro = string.Concat(Enumerable.Repeat("我根据整理好的新闻资料回答关于深圳南山区的问题，每个回答都注明出处。", 40));
        TestKnowledge.SetBotText(knowledge, "intro_zh", intro);
        await using var longWinded = await BotService.StartAsync(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = knowledge, ["WeChat:Token"] = Token,
        });
        var full = (await longWinded.Services.GetRequiredService<AnswerEngine>().AnswerAsync(new Question("other", "你好"))).Text;

        var reply = await FieldsAsync(await new WeChatClient(longWinded.Url, Token).PostPlainAsync(WeChatClient.TextMessage("你好", 7001)));

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(full) > WeChatCallback.MaxReplyBytes, "the reply to cut is long enough");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(reply["Content"]);
        Assert.InRange(bytes, WeChatCallback.MaxReplyBytes * 2 / 3, WeChatCallback.MaxReplyBytes);
        Assert.StartsWith(reply["Content"], full);
        Assert.EndsWith("。", reply["Content"]);
    }
}
