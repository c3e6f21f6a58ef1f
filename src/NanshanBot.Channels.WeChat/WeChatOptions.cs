using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.WeChat;

/// <summary>Configuration section <c>WeChat</c> (an Official Account). On when <see cref="Token"/> is set; plain
/// mode without <see cref="EncodingAesKey"/>, safe (or compatible) mode with it.</summary>
public sealed class WeChatOptions
{
    public const string Section = "WeChat";

    public string? Token { get; set; }

    public string? AppId { get; set; }

    public string? EncodingAesKey { get; set; }

    public string[] AdminOpenIds { get; set; } = [];

    /// <summary>Messages one user may send per minute.</summary>
    public int FloodLimitPerMinute { get; set; } = 20;

    /// <summary>How long a callback may wait for its answer before replying <c>success</c> (WeChat gives 5 s).</summary>
    public TimeSpan ReplyDeadline { get; set; } = TimeSpan.FromMilliseconds(4500);

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);
}

/// <summary>Configuration section <c>WeCom</c> (a WeCom self-built app). On when <see cref="Token"/> is set;
/// always encrypted.</summary>
public sealed class WeComOptions
{
    public const string Section = "WeCom";

    public string? Token { get; set; }

    public string? CorpId { get; set; }

    public string? EncodingAesKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);
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

        if (o.ReplyDeadline <= TimeSpan.Zero || o.ReplyDeadline >= TimeSpan.FromSeconds(5) || o.FloodLimitPerMinute < 1)
        {
            errors.Add("WeChat:ReplyDeadline must be under 5 seconds (WeChat's limit) and WeChat:FloodLimitPerMinute at least 1.");
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
