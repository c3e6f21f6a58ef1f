namespace NanshanBot.Channels.WeChat;

/// <summary>
/// Where a WeChat or WeCom message comes in: a text is a question (or a command, from '/'); a voice message is
/// its <c>Recognition</c> (empty when the account does not receive recognition results); a menu button
/// (<c>CLICK</c>) is its <c>EventKey</c>; a subscription or a scan of a parameterised QR code is a /start with the
/// code's scene; other events (a menu link, <c>VIEW</c>, an unsubscription) nothing; any other message type
/// unsupported. The <see cref="ChatGateway"/> applies the rules; the reply text comes back ("" for none), a
/// second message (a start link's answer) after a blank line, since a passive reply is one message.
/// </summary>
public sealed class WeChatMessages(ChatGateway gateway)
{
    /// <summary>What <c>EventKey</c> starts with in a subscription from a parameterised QR code.</summary>
    private const string ScenePrefix = "qrscene_";

    public async Task<string> ReplyAsync(WeChatAccount account, Dictionary<string, string> fields)
    {
        if (Read(account, fields) is not { } message)
        {
            return "";
        }

        var reply = await gateway.HandleAsync(message, CancellationToken.None);
        return string.Join("\n\n", reply.AndThen().Where(r => r.Kind != ReplyKind.None).Select(r => r.Text));
    }

    private static InboundMessage? Read(WeChatAccount account, Dictionary<string, string> fields)
    {
        var user = fields.GetValueOrDefault("FromUserName", "");
        var content = fields.GetValueOrDefault("Content", "");
        var (kind, payload) = fields.GetValueOrDefault("MsgType", "") switch
        {
            "text" => (content.TrimStart().StartsWith('/') ? MessageKind.Command : MessageKind.Text, content),
            "voice" => (MessageKind.Voice, fields.GetValueOrDefault("Recognition", "")),
            "event" => Event(fields),
            _ => (MessageKind.Unsupported, ""),
        };

        // Each account's own admins: an OpenID of the Official Account is no WeCom user id, nor the reverse.
        return kind is { } k
            ? new InboundMessage(account.Channel, $"{account.Channel}:{user}", user, k, payload) { IsAdmin = account.Admins.Contains(user) }
            : null;
    }

    /// <summary>The events that are messages to the bot (WeCom writes them in lower case, the Official Account in
    /// upper case); null for the rest.</summary>
    private static (MessageKind?, string) Event(Dictionary<string, string> fields)
    {
        var key = fields.GetValueOrDefault("EventKey", "").Trim();
        return fields.GetValueOrDefault("Event", "").ToLowerInvariant() switch
        {
            "subscribe" => (MessageKind.Command, Start(key.StartsWith(ScenePrefix, StringComparison.Ordinal) ? key[ScenePrefix.Length..] : "")),
            "scan" => (MessageKind.Command, Start(key)),
            "click" => (MessageKind.Menu, key),
            _ => (null, ""),
        };
    }

    private static string Start(string scene) => scene.Length == 0 || scene.Contains(' ') ? "/start" : "/start " + scene;
}
