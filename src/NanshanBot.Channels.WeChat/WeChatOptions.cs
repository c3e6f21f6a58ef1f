using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.WeChat;

/// <summary>The console's 消息加解密方式: what an Official Account callback accepts.</summary>
public enum WeChatMode
{
    /// <summary>明文模式: plain messages only (no key).</summary>
    Plain,

    /// <summary>安全模式: encrypted messages only.</summary>
    Safe,

    /// <summary>兼容模式: both, while an account moves to safe mode. Plain messages are signed over the timestamp
    /// and nonce only, so choosing this is a deliberate trade.</summary>
    Compat,
}

/// <summary>Configuration section <c>WeChat</c> (an Official Account). On when <see cref="Token"/> is set; plain
/// mode without <see cref="EncodingAesKey"/>, safe mode with it unless <see cref="Mode"/> says compat.</summary>
public sealed class WeChatOptions
{
    public const string Section = "WeChat";

    public string? Token { get; set; }

    public string? AppId { get; set; }

    public string? EncodingAesKey { get; set; }

    /// <summary>Unset: safe with a key, plain without.</summary>
    public WeChatMode? Mode { get; set; }

    public WeChatMode EffectiveMode => Mode ?? (string.IsNullOrEmpty(EncodingAesKey) ? WeChatMode.Plain : WeChatMode.Safe);

    /// <summary>How far a callback's timestamp may be from this server's clock (either way); also how long a
    /// timestamp + nonce is remembered. Applies to /wechat and /wecom.</summary>
    public int MaxClockSkewSeconds { get; set; } = 300;

    public string[] AdminOpenIds { get; set; } = [];

    /// <summary>Messages one user may send per minute.</summary>
    public int FloodLimitPerMinute { get; set; } = 20;

    /// <summary>How long a callback may wait for its answer before replying <c>success</c> (WeChat gives 5 s).</summary>
    public TimeSpan ReplyDeadline { get; set; } = TimeSpan.FromMilliseconds(4500);

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);

    /// <summary>Whether <paramref name="configuration"/> turns /wechat on: what registration decides with.</summary>
    public static bool IsOn(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[Section + ":" + nameof(Token)]);
}

/// <summary>Configuration section <c>WeCom</c> (a WeCom self-built app). On when <see cref="Token"/> is set;
/// always encrypted.</summary>
public sealed class WeComOptions
{
    public const string Section = "WeCom";

    public string? Token { get; set; }

    public string? CorpId { get; set; }

    public string? EncodingAesKey { get; set; }

    /// <summary>The WeCom user ids (FromUserName) that may use the admin commands.</summary>
    public string[] AdminUserIds { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);

    /// <summary>Whether <paramref name="configuration"/> turns /wecom on: what registration decides with.</summary>
    public static bool IsOn(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[Section + ":" + nameof(Token)]);
}

public sealed class WeChatOptionsValidator : IValidateOptions<WeChatOptions>, IValidateOptions<WeComOptions>
{
    public ValidateOptionsResult Validate(string? name, WeChatOptions o)
    {
        if (!o.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (o.EncodingAesKey is { Length: > 0 } key)
        {
            CheckKey("WeChat", key, errors);
            if (string.IsNullOrWhiteSpace(o.AppId))
            {
                errors.Add("WeChat:AppId is required with WeChat:EncodingAesKey (safe mode checks it in every message).");
            }
        }

        CheckMode(o, errors);
        if (o.ReplyDeadline <= TimeSpan.Zero || o.ReplyDeadline >= TimeSpan.FromSeconds(5) || o.FloodLimitPerMinute < 1)
        {
            errors.Add("WeChat:ReplyDeadline must be under 5 seconds (WeChat's limit) and WeChat:FloodLimitPerMinute at least 1.");
        }

        if (o.MaxClockSkewSeconds is < 10 or > 3600)
        {
            errors.Add("WeChat:MaxClockSkewSeconds must be between 10 and 3600 (WeChat's clock and this server's may differ a little).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, WeComOptions o)
    {
        if (!o.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        CheckKey("WeCom", o.EncodingAesKey ?? "", errors);
        if (string.IsNullOrWhiteSpace(o.CorpId))
        {
            errors.Add("WeCom:CorpId is required: it is the receive id of every WeCom message.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckMode(WeChatOptions o, List<string> errors)
    {
        var hasKey = !string.IsNullOrEmpty(o.EncodingAesKey);
        if (o.Mode is WeChatMode.Safe or WeChatMode.Compat && !hasKey)
        {
            errors.Add($"WeChat:Mode={o.Mode.Value.ToString().ToLowerInvariant()} needs WeChat:EncodingAesKey (the key from the admin console).");
        }

        if (o.Mode == WeChatMode.Plain && hasKey)
        {
            errors.Add("WeChat:Mode=plain with WeChat:EncodingAesKey set would take unencrypted messages, whose signature does not cover the body: use safe (or compat), or remove the key.");
        }
    }

    private static void CheckKey(string section, string key, List<string> errors)
    {
        try
        {
            if (key.Length == 43 && Convert.FromBase64String(key + "=").Length == 32)
            {
                return;
            }
        }
        catch (FormatException)
        {
        }

        errors.Add($"{section}:EncodingAesKey must be the 43-character key from the admin console.");
    }
}
