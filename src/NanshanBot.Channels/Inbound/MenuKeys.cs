using NanshanBot.Knowledge.Model;

namespace NanshanBot.Channels;

/// <summary>
/// The keys of bot.kb's <c>[menu]</c>, wherever they come from: a menu button (WeChat's and WeCom's <c>CLICK</c>)
/// asks the key's question (in the user's language; Chinese when the channel does not say) or runs its command,
/// and an unknown key gets the introduction; a start link or a QR code's scene (<c>/start key</c>) gets the
/// introduction, then what the key asks.
/// </summary>
public sealed class MenuKeys(AnswerRelay answers, ChatCommands commands)
{
    public Task<Reply> PressAsync(InboundMessage message, string key, CancellationToken cancellationToken) => answers.Bot.MenuItem(key) switch
    {
        null => Task.FromResult(commands.Introduce(message)),
        { Action: MenuAction.Ask } item => answers.AnswerAsync(message, item.Question(message.Language ?? Language.Chinese), cancellationToken),
        var item => commands.RunAsync(message with { Kind = MessageKind.Command, Payload = item.Command }, cancellationToken),
    };

    /// <summary>The introduction; then, when <paramref name="key"/> is a menu key, what it asks.</summary>
    public async Task<Reply> StartAsync(InboundMessage message, string key, CancellationToken cancellationToken)
    {
        var introduction = commands.Introduce(message);
        return answers.Bot.MenuItem(key) is null
            ? introduction
            : introduction with { Then = await PressAsync(message, key, cancellationToken) };
    }

    /// <summary>The key of "/start key" ("/start@bot key" in a group), or null for any other command.</summary>
    public static string? StartKey(string command)
    {
        var parts = command.Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[1].Length > 0 && parts[0].Split('@')[0].Equals("/start", StringComparison.OrdinalIgnoreCase)
            ? parts[1]
            : null;
    }
}
