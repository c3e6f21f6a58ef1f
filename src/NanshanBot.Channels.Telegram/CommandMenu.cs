using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// The commands Telegram's menu button lists, registered at start (setMyCommands): the descriptions of bot.kb
/// (<c>command_start_zh</c>...), in Chinese for apps set to Chinese (<c>language_code</c> <c>zh</c>) and in
/// English for everyone else. A refusal is logged and the bot runs on: the commands work without the menu.
/// </summary>
public sealed partial class CommandMenu(TelegramClient client, AnswerRelay answers, ILogger<CommandMenu> logger)
{
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var commands = answers.Bot.Commands;
        try
        {
            await client.Bot.SetMyCommands(commands.Select(c => new BotCommand(c.Command, c.En)), cancellationToken: cancellationToken);
            await client.Bot.SetMyCommands(commands.Select(c => new BotCommand(c.Command, c.Zh)), languageCode: "zh", cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            LogRefused(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram setMyCommands failed; the commands work, the menu button does not list them")]
    private static partial void LogRefused(ILogger logger, Exception exception);
}
