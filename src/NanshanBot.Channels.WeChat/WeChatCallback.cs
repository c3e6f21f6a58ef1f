using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.WeChat;

/// <summary>
/// The callback protocol of <c>/wechat</c> and <c>/wecom</c>: URL verification (GET), then messages (POST)
/// with every signature checked in constant time, timestamps within the allowed skew, each timestamp + nonce
/// good for one body only (<see cref="ReplayGuard"/>), bodies capped at 64 KB, XML read safely, safe mode
/// decrypted and the receive id checked; an account in safe mode takes nothing unencrypted. The reply leaves
/// within the deadline whatever the answer does: when the answer is late the response is <c>success</c>, and
/// WeChat's retry of the same message gets the cached answer.
/// </summary>
public sealed partial class WeChatCallback(
    WeChatMessages messages,
    ReplyCache cache,
    ReplayGuard replays,
    TimeProvider time,
    IOptions<WeChatOptions> options,
    ILogger<WeChatCallback> logger)
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxReplyBytes = 2048;

    public IResult Verify(HttpRequest request, WeChatAccount account)
    {
        var q = request.Query;
        string timestamp = q["timestamp"].ToString(), nonce = q["nonce"].ToString(), echo = q["echostr"].ToString();
        if (Stale(account, timestamp, nonce) is { } refusal)
        {
            return refusal;
        }

        if (!account.AlwaysEncrypted)
        {
            return WeChatCrypto.SignatureMatches(q["signature"], WeChatCrypto.Signature(account.Token, timestamp, nonce))
                ? Results.Text(echo, "text/plain")
                : Refuse(account, "bad signature");
        }

        if (!WeChatCrypto.SignatureMatches(q["msg_signature"], WeChatCrypto.Signature(account.Token, timestamp, nonce, echo)))
        {
            return Refuse(account, "bad msg_signature");
        }

        try
        {
            var (message, receiveId) = account.Crypto!.Decrypt(echo);
            return receiveId == account.ReceiveId ? Results.Text(message, "text/plain", Encoding.UTF8) : Refuse(account, "another receive id");
        }
        catch (CryptographicException)
        {
            return Results.BadRequest();
        }
    }

    public async Task<IResult> ReceiveAsync(HttpRequest request, WeChatAccount account, CancellationToken cancellationToken)
    {
        var query = CallbackQuery.From(request.Query, account);
        if (Admit(account, query) is { } refusal)
        {
            return refusal;
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Dictionary<string, string>? fields;
        try
        {
            (fields, var reason) = CallbackEnvelope.Open(account, query, body);
            if (fields is null)
            {
                return reason is null ? Results.BadRequest() : Refuse(account, reason);
            }
        }
        catch (Exception e) when (e is XmlException or CryptographicException)
        {
            return Results.BadRequest();
        }

        if (!await replays.IsFirstOrRetryAsync(account.Channel, query.Timestamp, query.Nonce, body, cancellationToken))
        {
            return Refuse(account, "timestamp and nonce already used with another body");
        }

        var text = await ReplyWithinDeadlineAsync(account, fields, cancellationToken);
        if (text.Length == 0)
        {
            return Results.Text("success", "text/plain");
        }

        var xml = WeChatXml.TextReply(Field(fields, "FromUserName"), Field(fields, "ToUserName"), time.GetUtcNow().ToUnixTimeSeconds(),
            ReplySplitter.Truncate(text, MaxReplyBytes, Encoding.UTF8.GetByteCount));
        return Results.Text(CallbackEnvelope.Seal(account, query, xml), "application/xml", Encoding.UTF8);
    }

    /// <summary>Null when the request may be read: a mode the account accepts, a good <c>signature</c> (safe
    /// mode's <c>msg_signature</c> is checked with the body), a fresh numeric timestamp; else the refusal.</summary>
    private IResult? Admit(WeChatAccount account, CallbackQuery query)
    {
        if (!query.Encrypted && !account.AcceptsPlain)
        {
            return Refuse(account, "unencrypted message in safe mode");
        }

        // Plain mode is authenticated by `signature`; safe mode by `msg_signature`, and by `signature` too when
        // WeChat sends it.
        if ((!query.Encrypted || query.Signature.Length > 0)
            && !WeChatCrypto.SignatureMatches(query.Signature, WeChatCrypto.Signature(account.Token, query.Timestamp, query.Nonce)))
        {
            return Refuse(account, "bad signature");
        }

        return Stale(account, query.Timestamp, query.Nonce);
    }

    /// <summary>The reply text, or "" when there is nothing to say or the answer misses the deadline (then a
    /// retry of the same message picks it up from the cache).</summary>
    private async Task<string> ReplyWithinDeadlineAsync(WeChatAccount account, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var key = fields.TryGetValue("MsgId", out var id) && id.Length > 0
            ? $"{account.Channel}:msg:{id}"
            : $"{account.Channel}:event:{Field(fields, "FromUserName")}:{Field(fields, "CreateTime")}";
        var reply = cache.GetOrStart(key, () => Compute(account, fields));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(options.Value.ReplyDeadline, time, timeout.Token);
        var first = await Task.WhenAny(reply, deadline);
        await timeout.CancelAsync();
        return first == reply ? await reply : "";
    }

    /// <summary>The reply, computed off the request's thread (so that the deadline can win), its failure logged
    /// with its stack even when no request waits for it any more.</summary>
    private Task<string> Compute(WeChatAccount account, Dictionary<string, string> fields)
    {
        var reply = Task.Run(() => messages.ReplyAsync(account, fields), CancellationToken.None);
        reply.ContinueWith(t => LogReplyFailed(logger, account.Channel, t.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return reply;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Channel} reply could not be computed; WeChat's retry tries again")]
    private static partial void LogReplyFailed(ILogger logger, string channel, Exception exception);

    private static string Field(Dictionary<string, string> fields, string name) => fields.GetValueOrDefault(name, "");

    /// <summary>Null when the timestamp is a number within the allowed skew (and the nonce plausible); else the
    /// refusal.</summary>
    private IResult? Stale(WeChatAccount account, string timestamp, string nonce)
    {
        if (ReplayGuard.ParseTimestamp(timestamp) is not { } seconds || nonce.Length > ReplayGuard.MaxNonceLength)
        {
            LogRefused(logger, account.Channel, "timestamp not a number, or nonce too long");
            return Results.BadRequest();
        }

        return replays.IsFresh(seconds) ? null : Refuse(account, "timestamp outside WeChat:MaxClockSkewSeconds");
    }

    private IResult Refuse(WeChatAccount account, string reason)
    {
        LogRefused(logger, account.Channel, reason);
        return Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {Channel} callback: {Reason}")]
    private static partial void LogRefused(ILogger logger, string channel, string reason);

    /// <summary>The body as text, or null when it exceeds <see cref="MaxBodyBytes"/> (the endpoint's
    /// MaxRequestBodySize: Kestrel stops reading there, chunked or not).</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
