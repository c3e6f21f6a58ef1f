using System.Text;
using System.Security.Cryptography;
using NanshanBot.Channels.WeChat;

namespace NanshanBot.Tests.Channels.WeChat;

/// <summary>Tencent's official WXBizMsgCrypt test vectors (shared/protocols/wechat.md).</summary>
public sealed class WeChatCryptoTests
{
    public const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string VectorA = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";
    public const string MessageA = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>";

    [Fact]
    public void VectorADecryptsToTheMessageAndAppId()
    {
        var (message, appId) = new WeChatCrypto(Key).Decrypt(VectorA);

        Assert.Equal(MessageA, message);
        Assert.Equal(280, Encoding.UTF8.GetByteCount(message));
        Assert.Equal("wx2c2769f8efd9abc2", appId);
    }

    [Fact]
    public void VectorASignatureMatches()
    {
        Assert.Equal("5d197aaffba7e9b25a30732f161a50dee96bd5fa", WeChatCrypto.Signature("spamtest", "1409735669", "1320562132", VectorA));
    }

    [Fact]
    public void VectorBEncryptsAndSignsAsTencentsSample()
    {
        var encrypted = new WeChatCrypto(Key).Encrypt("我是中文abcd123", "wxb11529c136998cb6", Encoding.ASCII.GetBytes("aaaabbbbccccdddd"));

        Assert.Equal("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==", encrypted);
        Assert.Equal("82c962d39941aa48552f90ef55aa323dc620cc10", WeChatCrypto.Signature("pamtest", "1409304348", "xxxxxx", encrypted));
    }

    [Fact]
    public void PaddingUpTo32BytesRoundTrips()
    {
        var crypto = new WeChatCrypto(Key);
        foreach (var length in Enumerable.Range(0, 70))
        {
            var message = new string('x', length);
            Assert.Equal((message, "id"), crypto.Decrypt(crypto.Encrypt(message, "id")));
        }
    }

    [Fact]
    public void GarbageIsACryptographicErrorNotACrash()
    {
        var crypto = new WeChatCrypto(Key);

        Assert.Throws<CryptographicException>(() => crypto.Decrypt("not base64!"));
        Assert.Throws<CryptographicException>(() => crypto.Decrypt(Convert.ToBase64String(new byte[31])));
        Assert.Throws<CryptographicException>(() => crypto.Decrypt(Convert.ToBase64String(new byte[64])));
    }

    [Fact]
    public void ALengthNearIntMaxValueIsACryptographicErrorNotAnOverflow()
    {
        // 16 random bytes, a length of 0x7FFFFFF0 (20 + it overflows int), a short message, a valid padding.
        var plain = Plaintext(0x7FFFFFF0, "hi", "wx2c2769f8efd9abc2");

        Assert.Throws<CryptographicException>(() => new WeChatCrypto(Key).Decrypt(Forge(plain)));
    }

    [Fact]
    public void PaddingWhoseBytesDisagreeIsRejected()
    {
        var plain = Plaintext(2, "hi", "wx2c2769f8efd9abc2");
        plain[^2] ^= 0x01;

        Assert.Throws<CryptographicException>(() => new WeChatCrypto(Key).Decrypt(Forge(plain)));
    }

    /// <summary>random(16) + the given big-endian length + message + receive id, padded to 32 bytes.</summary>
    public static byte[] Plaintext(int declaredLength, string message, string receiveId)
    {
        var body = Encoding.UTF8.GetBytes(message).Concat(Encoding.UTF8.GetBytes(receiveId)).ToArray();
        var length = 20 + body.Length;
        var pad = 32 - length % 32;
        var plain = new byte[length + pad];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16), declaredLength);
        body.CopyTo(plain, 20);
        plain.AsSpan(length).Fill((byte)pad);
        return plain;
    }

    /// <summary>Encrypts raw bytes the way WeChat does (AES-256-CBC, IV = the key's first 16 bytes, no padding
    /// added), for plaintexts WeChat would never send.</summary>
    public static string Forge(byte[] plain)
    {
        using var aes = Aes.Create();
        aes.Key = Convert.FromBase64String(Key + "=");
        return Convert.ToBase64String(aes.EncryptCbc(plain, aes.Key.AsSpan(0, 16), PaddingMode.None));
    }

    [Fact]
    public void SignatureComparisonAcceptsUpperCaseHexOnly()
    {
        var expected = WeChatCrypto.Signature("t", "1", "2");

        Assert.True(WeChatCrypto.SignatureMatches(expected.ToUpperInvariant(), expected));
        var forged = expected[..^1] + (expected[^1] == '0' ? '1' : '0');

        Assert.False(WeChatCrypto.SignatureMatches(forged, expected));
        Assert.False(WeChatCrypto.SignatureMatches(null, expected));
    }
}
