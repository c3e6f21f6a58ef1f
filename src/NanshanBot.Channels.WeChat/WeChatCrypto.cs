using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NanshanBot.Channels.WeChat;

/// <summary>
/// WeChat's message signatures and "safe mode" encryption (Tencent's WXBizMsgCrypt scheme): AES-256-CBC with
/// the key from the 43-character EncodingAESKey, IV = the key's first 16 bytes, plaintext = 16 random bytes +
/// 4-byte big-endian length + message + receive id (AppID or CorpID), padded PKCS#7-style to 32-byte blocks.
/// </summary>
public sealed class WeChatCrypto
{
    private const int Block = 32;
    private readonly byte[] key;

    public WeChatCrypto(string encodingAesKey)
    {
        if (encodingAesKey.Length != 43)
        {
            throw new ArgumentException("EncodingAESKey must be 43 characters.", nameof(encodingAesKey));
        }

        key = Convert.FromBase64String(encodingAesKey + "=");
    }

    /// <summary>hex(sha1(the parts sorted and joined)): <c>signature</c> over token, timestamp, nonce, and
    /// <c>msg_signature</c> over those and the Encrypt text.</summary>
    public static string Signature(params string[] parts)
    {
        var sorted = parts.Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
    }

    /// <summary>Compares a signature from a request with the expected one in constant time.</summary>
    public static bool SignatureMatches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given.ToLowerInvariant()), Encoding.ASCII.GetBytes(expected));

    public string Encrypt(string message, string receiveId, byte[]? random = null)
    {
        random ??= RandomNumberGenerator.GetBytes(16);
        var body = Encoding.UTF8.GetBytes(message);
        var id = Encoding.UTF8.GetBytes(receiveId);
        var length = 16 + 4 + body.Length + id.Length;
        var pad = Block - (length % Block);
        var plain = new byte[length + pad];
        random.CopyTo(plain, 0);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16), body.Length);
        body.CopyTo(plain, 20);
        id.CopyTo(plain, 20 + body.Length);
        plain.AsSpan(length).Fill((byte)pad);
        using var aes = Aes();
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>The message and the receive id it was encrypted for.</summary>
    /// <exception cref="CryptographicException">Not valid ciphertext for this key.</exception>
    public (string Message, string ReceiveId) Decrypt(string encrypted)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("Encrypt is not Base64.", e);
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            throw new CryptographicException("Encrypt has a length that is not a whole number of AES blocks.");
        }

        using var aes = Aes();
        var content = Unpad(aes.DecryptCbc(cipher, key.AsSpan(0, 16), PaddingMode.None));
        // Compared as "length > room" rather than "20 + length > content.Length", which overflows for a length
        // near int.MaxValue and lets a forged length through to an out-of-range slice.
        var length = BinaryPrimitives.ReadInt32BigEndian(content[16..]);
        if (length < 0 || length > content.Length - 20)
        {
            throw new CryptographicException("Bad message length in the decrypted message.");
        }

        return (Encoding.UTF8.GetString(content.Slice(20, length)), Encoding.UTF8.GetString(content[(20 + length)..]));
    }

    /// <summary>The plaintext without its padding: 1 to 32 bytes, every one of them equal to their count, and
    /// at least the 16 random bytes and the 4-byte length before them.</summary>
    private static ReadOnlySpan<byte> Unpad(byte[] plain)
    {
        int pad = plain[^1];
        if (pad is < 1 or > Block || plain.Length < 20 + pad || plain.AsSpan(plain.Length - pad).IndexOfAnyExcept((byte)pad) >= 0)
        {
            throw new CryptographicException("Bad padding in the decrypted message.");
        }

        return plain.AsSpan(0, plain.Length - pad);
    }

    private Aes Aes()
    {
        var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        return aes;
    }
}
