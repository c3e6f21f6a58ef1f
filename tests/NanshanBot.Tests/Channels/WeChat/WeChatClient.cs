using System.Globalization;
using System.Text;
using NanshanBot.Channels.WeChat;

namespace NanshanBot.Tests.Channels.WeChat;

/// <summary>Builds requests the way WeChat's servers do: signed query strings with the current time (on
/// <paramref name="clock"/>, the service's clock) and a fresh nonce, XML bodies, safe-mode envelopes.</summary>
public sealed class WeChatClient(string baseUrl, string token, string? key = null, string? receiveId = null, TimeProvider? clock = null)
{
    private readonly HttpClient http = new();
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public static string TextMessage(string content, long msgId, string from = "oUser123", long createTime = 1_770_000_000) =>
        $"<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId></xml>";

    /// <param name="key">The <c>EventKey</c>: a menu button's key (CLICK), its link (VIEW), a QR code's scene.</param>
    /// <param name="agentId">A WeCom app's id: its events carry it.</param>
    public static string Event(string name, string from = "oUser123", long createTime = 1_770_000_001, string? key = null, int? agentId = null) =>
        $"<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{name}]]></Event>"
        + (key is null ? "" : $"<EventKey><![CDATA[{key}]]></EventKey>")
        + (agentId is { } agent ? $"<AgentID>{agent}</AgentID>" : "")
        + "</xml>";

    /// <summary>A voice message; with <paramref name="recognition"/> as an account that receives recognition results
    /// (接收语音识别结果) gets it, without the element as one that does not.</summary>
    public static string Voice(long msgId, string? recognition, string from = "oUser123", long createTime = 1_770_000_002) =>
        $"<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media_{msgId}]]></MediaId><Format><![CDATA[amr]]></Format>"
        + (recognition is null ? "" : $"<Recognition><![CDATA[{recognition}]]></Recognition>")
        + $"<MsgId>{msgId}</MsgId></xml>";

    public Task<HttpResponseMessage> GetAsync(string path, string query) => http.GetAsync($"{baseUrl}{path}?{query}");

    /// <summary>Posts a plain-mode message, signed (or with the given signature), now (or at the given
    /// timestamp and nonce).</summary>
    public Task<HttpResponseMessage> PostPlainAsync(string xml, string? signature = null, string? timestamp = null, string? nonce = null, string path = "/wechat")
    {
        var (now, fresh) = Stamp();
        timestamp ??= now;
        nonce ??= fresh;
        signature ??= WeChatCrypto.Signature(token, timestamp, nonce);
        return PostAsync($"{path}?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid=oUser123", xml);
    }

    /// <summary>Posts a message encrypted as WeChat's safe mode does, to /wechat (or /wecom).</summary>
    public Task<HttpResponseMessage> PostEncryptedAsync(string xml, string path = "/wechat", string? timestamp = null, string? nonce = null) =>
        PostCipherAsync(new WeChatCrypto(key!).Encrypt(xml, receiveId!), path, timestamp, nonce);

    /// <summary>Posts an Encrypt element as it is (for ciphertexts WeChat would never send), signed.</summary>
    public Task<HttpResponseMessage> PostCipherAsync(string encrypt, string path = "/wechat", string? timestamp = null, string? nonce = null)
    {
        var (now, fresh) = Stamp();
        var body = $"<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        return PostEnvelopeAsync(body, encrypt, path, timestamp ?? now, nonce ?? fresh);
    }

    public Task<HttpResponseMessage> PostEnvelopeAsync(string body, string encrypt, string path, string timestamp, string n)
    {
        var msgSignature = WeChatCrypto.Signature(token, timestamp, n, encrypt);
        var query = path == "/wecom"
            ? $"msg_signature={msgSignature}&timestamp={timestamp}&nonce={n}"
            : $"signature={WeChatCrypto.Signature(token, timestamp, n)}&timestamp={timestamp}&nonce={n}&encrypt_type=aes&msg_signature={msgSignature}";
        return PostAsync($"{path}?{query}", body);
    }

    public Task<HttpResponseMessage> PostAsync(string pathAndQuery, string body) =>
        http.PostAsync(baseUrl + pathAndQuery, new StringContent(body, Encoding.UTF8, "text/xml"));

    /// <summary>Checks the MsgSignature of an encrypted reply and returns its decrypted fields.</summary>
    public Dictionary<string, string> OpenReply(string replyXml)
    {
        var envelope = WeChatXml.Parse(replyXml);
        var expected = WeChatCrypto.Signature(token, envelope["TimeStamp"], envelope["Nonce"], envelope["Encrypt"]);
        Assert.Equal(expected, envelope["MsgSignature"]);
        var (message, id) = new WeChatCrypto(key!).Decrypt(envelope["Encrypt"]);
        Assert.Equal(receiveId, id);
        return WeChatXml.Parse(message);
    }

    /// <summary>The current unix time and a random nonce, as WeChat puts in every callback.</summary>
    public (string Timestamp, string Nonce) Stamp() =>
        (clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Random.Shared.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture));
}
