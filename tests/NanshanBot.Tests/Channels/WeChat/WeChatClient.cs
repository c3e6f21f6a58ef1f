using System.Globalization;
using System.Text;
using NanshanBot.Channels.WeChat;

namespace NanshanBot.Tests.Channels.WeChat;

/// <summary>Builds requests the way WeChat's servers do: signed query strings, XML bodies, safe-mode envelopes.</summary>
public sealed class WeChatClient(string baseUrl, string token, string? key = null, string? receiveId = null)
{
    private readonly HttpClient http = new();
    private int nonce = 1000;

    public static string TextMessage(string content, long msgId, string from = "oUser123", long createTime = 1_770_000_000) =>
        $"<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId></xml>";

    public static string Event(string name, string from = "oUser123", long createTime = 1_770_000_001) =>
        $"<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{name}]]></Event></xml>";

    public Task<HttpResponseMessage> GetAsync(string path, string query) => http.GetAsync($"{baseUrl}{path}?{query}");

    /// <summary>Posts a plain-mode message, signed (or with the given signature).</summary>
    public Task<HttpResponseMessage> PostPlainAsync(string xml, string? signature = null)
    {
        var (timestamp, n) = Stamp();
        signature ??= WeChatCrypto.Signature(token, timestamp, n);
        return PostAsync($"/wechat?signature={signature}&timestamp={timestamp}&nonce={n}&openid=oUser123", xml);
    }

    /// <summary>Posts a message encrypted as WeChat's safe mode does, to /wechat (or /wecom).</summary>
    public Task<HttpResponseMessage> PostEncryptedAsync(string xml, string path = "/wechat")
    {
        var encrypt = new WeChatCrypto(key!).Encrypt(xml, receiveId!);
        var (timestamp, n) = Stamp();
        var body = $"<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        return PostEnvelopeAsync(body, encrypt, path, timestamp, n);
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

    private (string Timestamp, string Nonce) Stamp() =>
        ("1409735669", Interlocked.Increment(ref nonce).ToString(CultureInfo.InvariantCulture));
}
