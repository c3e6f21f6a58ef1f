using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NanshanBot.Knowledge;

namespace NanshanBot.Channels.Telegram;

public enum TelegramMode
{
    Polling,
    Webhook,
}

/// <summary>Configuration section <c>Telegram</c>. The channel is on when <see cref="BotToken"/> is set; the token
/// comes from the environment (<c>Telegram__BotToken</c>) or user secrets, never from a committed file.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string? BotToken { get; set; }

    /// <summary>A local Bot API server, or a fake in tests; Telegram's own when empty.</summary>
    public string? ApiBaseUrl { get; set; }

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public HTTPS URL Telegram posts updates to, ending in /telegram/webhook (webhook mode).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent by Telegram in X-Telegram-Bot-Api-Secret-Token with every webhook call (webhook mode).</summary>
    public string? SecretToken { get; set; }

    public long[] AdminUserIds { get; set; } = [];

    /// <summary>Messages one user may send per minute; past it they get one notice and the rest is ignored.</summary>
    public int FloodLimitPerMinute { get; set; } = 20;

    /// <summary>Messages one group may send the bot per minute, all its members together (Telegram lets a bot send
    /// about 20 a minute to a group).</summary>
    public int GroupFloodLimitPerMinute { get; set; } = 20;

    /// <summary>Messages per second to all chats together (Telegram allows about 30).</summary>
    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>Updates one chat may have waiting for an answer; past it, its new ones are dropped (a busy group
    /// would otherwise queue for minutes behind its send slots).</summary>
    public int MaxChatBacklog { get; set; } = 10;

    /// <summary>Updates taken and not yet answered, all chats together; past it, polling leaves them with Telegram
    /// and the webhook answers 503 (Telegram delivers them again later).</summary>
    public int MaxPendingUpdates { get; set; } = 10_000;

    /// <summary>Long-polling wait of each getUpdates call.</summary>
    public int PollTimeoutSeconds { get; set; } = 25;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>Whether <paramref name="configuration"/> turns the channel on: what registration decides with.</summary>
    public static bool IsOn(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[Section + ":" + nameof(BotToken)]);

    /// <summary>The mode <paramref name="configuration"/> asks for: registration chooses the worker with it.</summary>
    /// <exception cref="ConfigurationException">Neither polling nor webhook.</exception>
    public static TelegramMode ModeIn(IConfiguration configuration) => configuration[Section + ":" + nameof(Mode)] is not { Length: > 0 } mode
        ? TelegramMode.Polling
        : Enum.TryParse<TelegramMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ConfigurationException($"Telegram:Mode must be polling or webhook; got '{mode}'.");
}

/// <summary>Checks the Telegram section at start-up, so that a mistake stops the service with a clear message
/// instead of failing at the first message. Never echoes the token.</summary>
public sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions o)
    {
        if (!o.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!TokenPattern().IsMatch(o.BotToken!))
        {
            errors.Add("Telegram:BotToken does not look like a bot token (digits, ':', then letters, digits, '_' or '-'); get one from @BotFather.");
        }

        if (o.ApiBaseUrl is { Length: > 0 } url && !IsHttpUrl(url))
        {
            errors.Add($"Telegram:ApiBaseUrl must be an absolute http(s) URL such as http://127.0.0.1:8081; got '{url}'.");
        }

        if (o.Mode == TelegramMode.Webhook)
        {
            if (o.WebhookUrl is null || !IsHttpUrl(o.WebhookUrl))
            {
                errors.Add("Telegram:WebhookUrl must be the absolute https URL of /telegram/webhook when Telegram:Mode is webhook.");
            }

            if (o.SecretToken is null || !SecretPattern().IsMatch(o.SecretToken))
            {
                errors.Add("Telegram:SecretToken must be 1-256 characters of A-Z, a-z, 0-9, '_' or '-' when Telegram:Mode is webhook.");
            }
        }

        if (o.FloodLimitPerMinute < 1 || o.GroupFloodLimitPerMinute < 1 || o.PollTimeoutSeconds is < 0 or > 50 || o.MessagesPerSecond < 1
            || o.MaxChatBacklog < 1 || o.MaxPendingUpdates < 1)
        {
            errors.Add("Telegram:FloodLimitPerMinute, Telegram:GroupFloodLimitPerMinute, Telegram:MessagesPerSecond, Telegram:MaxChatBacklog and Telegram:MaxPendingUpdates must be at least 1, Telegram:PollTimeoutSeconds between 0 and 50.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    [GeneratedRegex(@"^\d+:[A-Za-z0-9_-]+$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();
}
