using NanshanBot.Knowledge.Model;

namespace NanshanBot.Channels;

/// <summary>What a user sent, as a transport reads it; the <see cref="ChatGateway"/> decides what it gets.</summary>
public enum MessageKind
{
    /// <summary>A question (or anything typed that is not a command).</summary>
    Text,

    /// <summary>"/start", "/about", "/stats"...: text starting with '/' (a WeChat subscription is a /start).
    /// "/start key" (a Telegram start link, a WeChat QR code's scene) is the introduction, then what the
    /// <c>[menu]</c> key asks.</summary>
    Command,

    /// <summary>A suggested question chosen (a button); <see cref="InboundMessage.Payload"/> is its key.</summary>
    Suggestion,

    /// <summary>👍/👎 on an answer; <see cref="InboundMessage.Payload"/> is the answer's id.</summary>
    Feedback,

    /// <summary>A voice message; <see cref="InboundMessage.Payload"/> is the text the platform recognised in it
    /// (WeChat's <c>Recognition</c>), empty when there is none.</summary>
    Voice,

    /// <summary>A menu button pressed (WeChat's and WeCom's <c>CLICK</c>); <see cref="InboundMessage.Payload"/> is its
    /// key, looked up in bot.kb's <c>[menu]</c>.</summary>
    Menu,

    /// <summary>An inline query (Telegram's <c>@bot question</c> typed in any chat): answered with results to pick
    /// from (<see cref="ReplyKind.Choices"/>), not with a message.</summary>
    Inline,

    /// <summary>A photo, a sticker, a voice message without recognised text on a channel that gives none: nothing
    /// the bot can read.</summary>
    Unsupported,
}

/// <summary>
/// A message from any channel, channel-neutral. <see cref="Channel"/> names the transport ("telegram", "wechat",
/// "wecom", "web", "console"); <see cref="Conversation"/> scopes follow-ups; <see cref="User"/> is who is
/// counted for flood limits and votes; <see cref="Group"/> the group it was said in, if any.
/// </summary>
public sealed record InboundMessage(string Channel, string Conversation, string User, MessageKind Kind, string Payload)
{
    /// <summary>The sender is on this channel's admin list (the transport knows its own admins).</summary>
    public bool IsAdmin { get; init; }

    public string? Group { get; init; }

    /// <summary>The user's language, when the channel says (Telegram's app language); null: unknown, notices in
    /// both languages.</summary>
    public Language? Language { get; init; }

    /// <summary>For <see cref="MessageKind.Feedback"/>: 👍 (true) or 👎.</summary>
    public bool Helpful { get; init; }

    /// <summary>The transport shows an answer as it is written (a reply that is a stream of updates).</summary>
    public bool Streams { get; init; }
}
