namespace NanshanBot.Channels.WeChat;

/// <summary>One callback endpoint's identity: an Official Account (<c>/wechat</c>; plain, safe or compat mode;
/// receive id = AppID) or a WeCom app (<c>/wecom</c>; always encrypted; receive id = CorpID). Each has its own
/// admins: OpenIDs are per account, WeCom user ids per corp.</summary>
public sealed record WeChatAccount(
    string Channel,
    string Token,
    string? ReceiveId,
    WeChatCrypto? Crypto,
    bool AlwaysEncrypted,
    bool AcceptsPlain,
    IReadOnlySet<string> Admins)
{
    public static WeChatAccount OfficialAccount(WeChatOptions o) =>
        new("wechat", o.Token!, o.AppId, o.EncodingAesKey is { Length: > 0 } key ? new WeChatCrypto(key) : null,
            AlwaysEncrypted: false, AcceptsPlain: o.EffectiveMode != WeChatMode.Safe, o.AdminOpenIds.ToHashSet(StringComparer.Ordinal));

    public static WeChatAccount WeCom(WeComOptions o) =>
        new("wecom", o.Token!, o.CorpId, new WeChatCrypto(o.EncodingAesKey!), AlwaysEncrypted: true, AcceptsPlain: false,
            o.AdminUserIds.ToHashSet(StringComparer.Ordinal));
}
