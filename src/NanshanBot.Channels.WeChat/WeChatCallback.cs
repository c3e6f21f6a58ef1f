using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.WeChat;

/// <summary>
/// The callback protocol of <c>/wechat</c> and <c>/wecom</c>: URL verification (GET), then messages (POST)
/// with every signature checked in constant time, bodies capped at 64 KB, XML read safely, safe mode
/// decrypted and the receive id checked. The reply leaves within the deadline whatever the answer does:
/// when the answer is late the response is <c>success</c>, and WeChat's retry of the same message gets the
/// cached answer.
/// </summary>
public sealed class WeChatCallback(WeChatMessages messages, ReplyCache cache, TimeProvider time, IOptions<WeChatOptions> options)
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxReplyBytes = 2048;

    public IResult Verify(HttpRequest request, WeChatAccount account)
    {
        var q = request.Query;
        string timestamp = q["timestamp"].ToString(), nonce = q["nonce"].ToString(), echo = q["echostr"].ToString();
        if (!account.AlwaysEncrypted)
        {
            return WeChatCrypto.SignatureMatches(q["signature"], WeChatCrypto.Signature(account.Token, timestamp, nonce))
                ? Results.Text(echo, "text/plain")
                : Forbidden();
        }

        if (!WeChatCrypto.SignatureMatches(q["msg_signature"], WeChatCrypto.Signature(account.Token, timestamp, nonce, echo)))
        {
            return Forbidden();
        }

        try
        {
            var (message, receiveId) = account.Crypto!.Decrypt(echo);
            return receiveId == account.ReceiveId ? Results.Text(message, "text/plain", Encoding.UTF8) : Forbidden();
        }
        catch (CryptographicException)
        {
            return Results.BadRequest();
        }
    }

    public async Task<IResult> ReceiveAsync(HttpRequest request, WeChatAccount account, CancellationToken cancellationToken)
    {
        var q = request.Query;
        string timestamp = q["timestamp"].ToString(), nonce = q["nonce"].ToString();
        var encrypted = account.AlwaysEncrypted || q["encrypt_type"] == "aes";
        // Plain mode is authenticated by `signature`; safe mode by `msg_signature` (below), which also covers the
        // message, and by `signature` too when WeChat sends it.
        var signature = q["signature"].ToString();
        if ((!encrypted || signature.Length > 0) && !WeChatCrypto.SignatureMatches(signature, WeChatCrypto.Signature(account.Token, timestamp, nonce)))
        {
            return Forbidden();
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Dictionary<string, string> fields;
        try
        {
            fields = WeChatXml.Parse(body);
            if (encrypted)
            {
                if (account.Crypto is null || !fields.TryGetValue("Encrypt", out var cipher))
                {
                    return Results.BadRequest();
                }

                if (!WeChatCrypto.SignatureMatches(q["msg_signature"], WeChatCrypto.Signature(account.Token, timestamp, nonce, cipher)))
                {
                    return Forbidden();
                }

                var (inner, receiveId) = account.Crypto.Decrypt(cipher);
                if (receiveId != account.ReceiveId)
                {
                    return Forbidden();
                }

                fields = WeChatXml.Parse(inner);
            }
        }
        catch (Exception e) when (e is XmlException or CryptographicException)
        {
            return Results.BadRequest();
        }

        var text = await ReplyWithinDeadlineAsync(account, fields, cancellationToken);
        if (text.Length == 0)
        {
            return Results.Text("success", "text/plain");
        }

        var xml = WeChatXml.TextReply(Field(fields, "FromUserName"), Field(fields, "ToUserName"), time.GetUtcNow().ToUnixTimeSeconds(),
            ReplySplitter.Truncate(text, MaxReplyBytes, Encoding.UTF8.GetByteCount));
        if (encrypted)
        {
            var cipherReply = account.Crypto!.Encrypt(xml, account.ReceiveId!);
            xml = WeChatXml.EncryptedReply(cipherReply, WeChatCrypto.Signature(account.Token, timestamp, nonce, cipherReply), timestamp, nonce);
        }

        return Results.Text(xml, "application/xml", Encoding.UTF8);
    }

    /// <summary>The reply text, or "" when there is nothing to say or the answer misses the deadline (then a
    /// retry of the same message picks it up from the cache).</summary>
    private async Task<string> ReplyWithinDeadlineAsync(WeChatAccount account, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var key = fields.TryGetValue("MsgId", out var id) && id.Length > 0
            ? $"{account.Channel}:msg:{id}"
            : $"{account.Channel}:event:{Field(fields, "FromUserName")}:{Field(fields, "CreateTime")}";
        var reply = cache.GetOrStart(key, () => Task.Run(() => messages.ReplyAsync(account.Channel, fields), CancellationToken.None));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(options.Value.ReplyDeadline, time, timeout.Token);
        var first = await Task.WhenAny(reply, deadline);
        await timeout.CancelAsync();
        return first == reply ? await reply : "";
    }

    private static string Field(Dictionary<string, string> fields, string name) => fields.GetValueOrDefault(name, "");

    private static IResult Forbidden() => Results.StatusCode(StatusCodes.Status403Forbidden);

    /// <summary>The body as text, or null when it exceeds <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        return read > MaxBodyBytes ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }
}
