using System.Net;
using NanshanBot.Channels.WeChat;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Channels.WeChat;

/// <summary>What a callback must prove before it is answered: the mode the account is in, a fresh numeric
/// timestamp, a timestamp + nonce used with one body only; for /wechat (safe mode by default with a key) and
/// /wecom, each with its own admins.</summary>
public sealed class WeChatAuthenticityTests : IAsyncLifetime
{
    private const string Token = "spamtest";
    private const string AppId = "wx2c2769f8efd9abc2";
    private const string CorpId = "wwcorp0123456789";
    private BotService service = null!;
    private WeChatClient safe = null!;
    private WeChatClient plainWithCapturedUrl = null!;
    private WeChatClient wecom = null!;

    public async Task InitializeAsync()
    {
        service = await BotService.StartAsync(new Dictionary<string, string?>
        {
            ["WeChat:Token"] = Token,
            ["WeChat:AppId"] = AppId,
            ["WeChat:EncodingAesKey"] = WeChatCryptoTests.Key,
            ["WeChat:AdminOpenIds:0"] = "oAdmin",
            ["WeChat:AdminOpenIds:1"] = "lisi",
            ["WeCom:Token"] = "wecomtoken",
            ["WeCom:CorpId"] = CorpId,
            ["WeCom:EncodingAesKey"] = WeChatCryptoTests.Key,
            ["WeCom:AdminUserIds:0"] = "wangwu",
        });
        safe = new WeChatClient(service.Url, Token, WeChatCryptoTests.Key, AppId);
        plainWithCapturedUrl = new WeChatClient(service.Url, Token);
        wecom = new WeChatClient(service.Url, "wecomtoken", WeChatCryptoTests.Key, CorpId);
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task WithAKeySetAnUnencryptedMessageIsRefusedEvenWithAValidSignature()
    {
        // A signature seen in an access log is valid for its timestamp and nonce, whatever the body: dropping
        // encrypt_type and posting as an admin must not work in safe mode.
        var response = await plainWithCapturedUrl.PostPlainAsync(WeChatClient.TextMessage("/stats", 9101, from: "oAdmin"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Questions:", await response.Content.ReadAsStringAsync());
        Assert.Contains(service.Logs.Lines, l => l.Contains("Refused a wechat callback: unencrypted message in safe mode"));
    }

    [Fact]
    public async Task AnEncryptedMessageStillReachesAnAdminInSafeMode()
    {
        var reply = safe.OpenReply(await (await safe.PostEncryptedAsync(WeChatClient.TextMessage("/version", 9102, from: "oAdmin"))).Content.ReadAsStringAsync());

        Assert.StartsWith("NanshanBot ", reply["Content"]);
    }

    [Theory]
    [InlineData(978307200)] // 2001
    [InlineData(-330)] // the margins of 30 s: the clock is real, and a busy machine may take seconds to send
    [InlineData(330)]
    public async Task ATimestampOutsideTheAllowedSkewIsRefused(long timestampOrOffset)
    {
        var timestamp = (Math.Abs(timestampOrOffset) < 1000 ? Now + timestampOrOffset : timestampOrOffset).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var wechat = await safe.PostEncryptedAsync(WeChatClient.TextMessage("南山区人均GDP有多少？", 9103), timestamp: timestamp);
        var weCom = await wecom.PostEncryptedAsync(WeChatClient.TextMessage("南山区人均GDP有多少？", 9104), "/wecom", timestamp: timestamp);

        Assert.Equal(HttpStatusCode.Forbidden, wechat.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, weCom.StatusCode);
    }

    [Fact]
    public async Task ATimestampJustInsideTheSkewIsAnswered()
    {
        var timestamp = (Now - 270).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await safe.PostEncryptedAsync(WeChatClient.TextMessage("南山区人均GDP有多少？", 9105), timestamp: timestamp);

        Assert.Contains("54万", safe.OpenReply(await response.Content.ReadAsStringAsync())["Content"]);
    }

    [Theory]
    [InlineData("/wechat")]
    [InlineData("/wecom")]
    public async Task ANonNumericTimestampIsABadRequest(string path)
    {
        var client = path == "/wecom" ? wecom : safe;

        var response = await client.PostEncryptedAsync(WeChatClient.TextMessage("南山区人均GDP有多少？", 9106), path, timestamp: "1e9");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AForgedLengthInsideAProperlySignedEnvelopeIsABadRequestNotAServerError()
    {
        var cipher = WeChatCryptoTests.Forge(WeChatCryptoTests.Plaintext(0x7FFFFFF0, "<xml></xml>", CorpId));

        var response = await wecom.PostCipherAsync(cipher, "/wecom");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task WeComAdminsAreWeComUserIdsNotWeChatOpenIds()
    {
        var openIdAdmin = wecom.OpenReply(await (await wecom.PostEncryptedAsync(WeChatClient.TextMessage("/stats", 9107, from: "lisi"), "/wecom")).Content.ReadAsStringAsync());
        var weComAdmin = wecom.OpenReply(await (await wecom.PostEncryptedAsync(WeChatClient.TextMessage("/stats", 9108, from: "wangwu"), "/wecom")).Content.ReadAsStringAsync());

        Assert.DoesNotContain("Questions:", openIdAdmin["Content"]);
        Assert.Contains("NanshanBot", openIdAdmin["Content"]);
        Assert.Contains("Questions:", weComAdmin["Content"]);
    }
}

/// <summary>An account in compat mode (or plain mode) takes unencrypted messages, whose signature does not
/// cover the body: each timestamp + nonce belongs to the first body it came with.</summary>
public sealed class WeChatReplayTests : IAsyncLifetime
{
    private const string Token = "spamtest";
    private BotService service = null!;
    private WeChatClient wechat = null!;

    public async Task InitializeAsync()
    {
        service = await BotService.StartAsync(new Dictionary<string, string?>
        {
            ["WeChat:Token"] = Token,
            ["WeChat:AppId"] = "wx2c2769f8efd9abc2",
            ["WeChat:EncodingAesKey"] = WeChatCryptoTests.Key,
            ["WeChat:Mode"] = "compat",
            ["WeChat:AdminOpenIds:0"] = "oAdmin",
        });
        wechat = new WeChatClient(service.Url, Token);
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task AnotherBodyUnderACapturedTimestampAndNonceIsRefusedWhileRetriesGetTheirReply()
    {
        var (timestamp, nonce) = wechat.Stamp();
        var question = WeChatClient.TextMessage("南山区人均GDP有多少？", 9201);

        var first = await (await wechat.PostPlainAsync(question, timestamp: timestamp, nonce: nonce)).Content.ReadAsStringAsync();
        var forged = await wechat.PostPlainAsync(WeChatClient.TextMessage("/stats", 9202, from: "oAdmin"), timestamp: timestamp, nonce: nonce);
        var retry = await (await wechat.PostPlainAsync(question, timestamp: timestamp, nonce: nonce)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.DoesNotContain("Questions:", await forged.Content.ReadAsStringAsync());
        Assert.Contains("54万", WeChatXml.Parse(first)["Content"]);
        Assert.Equal(WeChatXml.Parse(first)["Content"], WeChatXml.Parse(retry)["Content"]);
    }
}

/// <summary>WeChat settings that contradict each other stop the service at start, saying what to fix.</summary>
public sealed class WeChatSettingsTests
{
    [Theory]
    [InlineData("safe", null, "WeChat:Mode=safe needs WeChat:EncodingAesKey")]
    [InlineData("plain", WeChatCryptoTests.Key, "WeChat:Mode=plain with WeChat:EncodingAesKey set")]
    [InlineData(null, null, "WeChat:MaxClockSkewSeconds must be between 10 and 3600")]
    public async Task AContradictoryModeOrSkewStopsTheServiceWithoutEchoingTheKey(string? mode, string? key, string message)
    {
        var environment = new Dictionary<string, string> { ["WeChat__Token"] = "tok", ["WeChat__AppId"] = "wx2c2769f8efd9abc2" };
        if (mode is not null)
        {
            environment["WeChat__Mode"] = mode;
        }

        if (key is not null)
        {
            environment["WeChat__EncodingAesKey"] = key;
        }
        else if (mode is null)
        {
            environment["WeChat__MaxClockSkewSeconds"] = "0";
        }

        var result = await ProgramProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment: environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain(WeChatCryptoTests.Key, result.Stderr + result.Stdout);
    }
}
