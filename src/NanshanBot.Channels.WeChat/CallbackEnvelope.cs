using Microsoft.AspNetCore.Http;

namespace NanshanBot.Channels.WeChat;

/// <summary>What WeChat signs a callback with, from its query string.</summary>
public sealed record CallbackQuery(string Timestamp, string Nonce, string Signature, string MsgSignature, bool Encrypted)
{
    public static CallbackQuery From(IQueryCollection q, WeChatAccount account) => new(
        q["timestamp"].ToString(), q["nonce"].ToString(), q["signature"].ToString(), q["msg_signature"].ToString(),
        account.AlwaysEncrypted || q["encrypt_type"] == "aes");
}

/// <summary>
/// Opens a callback body and seals a reply: in plain mode the XML as it is; in safe mode the <c>Encrypt</c>
/// element, checked against <c>msg_signature</c> (which, unlike <c>signature</c>, covers the message),
/// decrypted, and its receive id checked.
/// </summary>
public static class CallbackEnvelope
{
    /// <summary>The message's fields, or null with the reason to refuse it (null reason: malformed).</summary>
    /// <exception cref="System.Xml.XmlException">Malformed XML.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">Not valid ciphertext.</exception>
    public static (Dictionary<string, string>? Fields, string? Refusal) Open(WeChatAccount account, CallbackQuery query, string body)
    {
        var fields = WeChatXml.Parse(body);
        if (!query.Encrypted)
        {
            return (fields, null);
        }

        if (account.Crypto is null || !fields.TryGetValue("Encrypt", out var cipher))
        {
            return (null, null);
        }

        if (!WeChatCrypto.SignatureMatches(query.MsgSignature, WeChatCrypto.Signature(account.Token, query.Timestamp, query.Nonce, cipher)))
        {
            return (null, "bad msg_signature");
        }

        var (inner, receiveId) = account.Crypto.Decrypt(cipher);
        return receiveId == account.ReceiveId ? (WeChatXml.Parse(inner), null) : (null, "another receive id");
    }

    /// <summary>The reply XML as the request's mode wants it: plain, or encrypted and signed.</summary>
    public static string Seal(WeChatAccount account, CallbackQuery query, string replyXml)
    {
        if (!query.Encrypted)
        {
            return replyXml;
        }

        var cipher = account.Crypto!.Encrypt(replyXml, account.ReceiveId!);
        return WeChatXml.EncryptedReply(cipher, WeChatCrypto.Signature(account.Token, query.Timestamp, query.Nonce, cipher), query.Timestamp, query.Nonce);
    }
}
