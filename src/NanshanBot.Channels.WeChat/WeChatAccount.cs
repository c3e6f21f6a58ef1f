namespace NanshanBot.Channels.WeChat;

/// <summary>One callback endpoint's identity: an Official Account (<c>/wechat</c>; plain, or safe mode when it
/// has a key; receive id = AppID) or a WeCom app (<c>/wecom</c>; always encrypted; receive id = CorpID).</summary>
public sealed record WeChatAccount(string Channel, string Token, string? ReceiveId, WeChatCrypto? Crypto, bool AlwaysEncrypted)
{
    public static WeChatAccount OfficialAccount(WeChatOptions o) =>
        new("wechat", o.Token!, o.AppId, o.EncodingAesKey is { Length: > 0 } key ? new WeChatCrypto(key) : null, AlwaysEncrypted: false);

    public static WeChatAccount WeCom(WeComOptions o) =>
        new("wecom", o.Token!, o.CorpId, new WeChatCrypto(o.EncodingAesKey!), AlwaysEncrypted: true);
}
