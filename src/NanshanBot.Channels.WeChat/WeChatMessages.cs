namespace NanshanBot.Channels.WeChat;

/// <summary>
/// Where a WeChat or WeCom message comes in: a text is a question (or a command, from '/'), a subscription a
/// /start (the welcome with example questions), another event nothing, any other message type unsupported. The
/// <see cref="ChatGateway"/> applies the rules; the reply text comes back ("" for none).
/// </summary>
public sealed class WeChatMessages(ChatGateway gateway)
{
    public async Task<string> ReplyAsync(WeChatAccount account, Dictionary<string, string> fields)
    {
        if (Read(account, fields) is not { } message)
        {
            return "";
        }

        var reply = await gateway.HandleAsync(message, CancellationToken.None);
        return reply.Kind == ReplyKind.None ? "" : reply.Text;
    }

    private static InboundMessage? Read(WeChatAccount account, Dictionary<string, string> fields)
    {
        var user = fields.GetValueOrDefault("FromUserName", "");
        var content = fields.GetValueOrDefault("Content", "");
        var (kind, payload) = fields.GetValueOrDefault("MsgType", "") switch
        {
            "text" => (content.TrimStart().StartsWith('/') ? MessageKind.Command : MessageKind.Text, content),
            "event" when fields.GetValueOrDefault("Event", "").Equals("subscribe", StringComparison.OrdinalIgnoreCase) => (MessageKind.Command, "/start"),
            "event" => ((MessageKind?)null, ""),
            _ => (MessageKind.Unsupported, ""),
        };

        // Each account's own admins: an OpenID of the Official Account is no WeCom user id, nor the reverse.
        return kind is { } k
            ? new InboundMessage(account.Channel, $"{account.Channel}:{user}", user, k, payload) { IsAdmin = account.Admins.Contains(user) }
            : null;
    }
}
