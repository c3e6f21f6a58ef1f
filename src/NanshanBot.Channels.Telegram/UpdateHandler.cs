using System.Globalization;
using Microsoft.Extensions.Options;
using NanshanBot.Knowledge.Model;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NanshanBot.Channels.Telegram;

/// <summary>A chat as replies address it: its id, whether it is a group, and the message a group reply quotes.</summary>
public readonly record struct TelegramChat(long Id, bool IsGroup, int? ReplyTo);

/// <summary>
/// Where a Telegram update comes in: reads it into an <see cref="InboundMessage"/> (in a group only commands,
/// @mentions and replies to the bot count; a button is a suggestion or a vote; an inline query is one of the
/// channel <see cref="InlineChannel"/>, with a flood limit of its own), hands it to the <see cref="ChatGateway"/>,
/// which applies every rule, and gives the reply to <see cref="TelegramReplies"/>.
/// </summary>
public sealed class UpdateHandler(ChatGateway gateway, TelegramReplies replies, BotIdentity bot, IOptions<TelegramOptions> options)
{
    public const string Channel = "telegram";

    /// <summary>Inline queries: typed in any chat, one per pause in the typing, so they are counted apart from the
    /// user's messages (and apart in the metrics and the question log).</summary>
    public const string InlineChannel = "telegram-inline";

    /// <summary>The updates handled here: what the bot asks Telegram for, polling or by webhook.</summary>
    public static IReadOnlyList<UpdateType> Wanted { get; } = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.InlineQuery];

    public Task HandleAsync(Update update, CancellationToken cancellationToken) => update switch
    {
        { Message: { } message } => HandleMessageAsync(message, cancellationToken),
        { CallbackQuery: { } query } => HandleCallbackAsync(query, cancellationToken),
        { InlineQuery: { } query } => HandleInlineAsync(query, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>An inline query is a conversation of its own: its answers go into a chat that saw nothing before.</summary>
    private async Task HandleInlineAsync(InlineQuery query, CancellationToken cancellationToken)
    {
        var inbound = new InboundMessage(InlineChannel, "tg-inline:" + query.Id, query.From.Id.ToString(CultureInfo.InvariantCulture),
            MessageKind.Inline, query.Query) { Language = LanguageOf(query.From) };
        await replies.OfferAsync(query.Id, await gateway.HandleAsync(inbound, cancellationToken), cancellationToken);
    }

    private async Task HandleMessageAsync(Message message, CancellationToken cancellationToken)
    {
        var isGroup = message.Chat.Type is ChatType.Group or ChatType.Supergroup;
        if (message.Chat.Type == ChatType.Channel || (isGroup && !IsAddressedToBot(message)))
        {
            return;
        }

        var chat = new TelegramChat(message.Chat.Id, isGroup, isGroup ? message.MessageId : null);
        var text = message.Text is { } t ? StripMention(t).Trim() : null;
        var kind = text is null ? MessageKind.Unsupported : text.StartsWith('/') ? MessageKind.Command : MessageKind.Text;
        var inbound = Inbound(chat, message.From, kind, text ?? "") with
        {
            IsAdmin = message.From is { } from && options.Value.AdminUserIds.Contains(from.Id),
        };
        await replies.RenderAsync(await gateway.HandleAsync(inbound, cancellationToken), chat, cancellationToken);
    }

    private async Task HandleCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var chat = query.Message is { } message
            ? new TelegramChat(message.Chat.Id, message.Chat.Type is ChatType.Group or ChatType.Supergroup, null)
            : new TelegramChat(query.From.Id, false, null);
        var data = query.Data ?? "";
        var vote = data.StartsWith(TelegramReplies.VotePrefix, StringComparison.Ordinal) && data.Length > 5;
        if (!vote && query.Message is null)
        {
            // A button on a message this bot cannot reply under (an inline message): nothing to answer into.
            await replies.AcknowledgeAsync(query.Id, null, cancellationToken);
            return;
        }

        var inbound = vote
            ? Inbound(chat, query.From, MessageKind.Feedback, data[5..]) with { Helpful = data[3] == '+' }
            : Inbound(chat, query.From, MessageKind.Suggestion, data);
        var reply = await gateway.HandleAsync(inbound, cancellationToken);
        await replies.AcknowledgeAsync(query.Id, reply.Kind == ReplyKind.Receipt ? reply.Text : null, cancellationToken);
        if (reply.Kind != ReplyKind.Receipt)
        {
            await replies.RenderAsync(reply, chat, cancellationToken);
        }
    }

    /// <summary>A message of this chat from <paramref name="from"/>: in a group, each member has a conversation
    /// of their own and the group's limit applies too.</summary>
    private static InboundMessage Inbound(TelegramChat chat, User? from, MessageKind kind, string payload)
    {
        var user = from?.Id ?? chat.Id;
        var conversation = chat.IsGroup && from is not null ? $"tg:{chat.Id}:{from.Id}" : $"tg:{chat.Id}";
        return new InboundMessage(Channel, conversation, user.ToString(CultureInfo.InvariantCulture), kind, payload)
        {
            Group = chat.IsGroup ? chat.Id.ToString(CultureInfo.InvariantCulture) : null,
            Language = LanguageOf(from),
            Streams = true,
        };
    }

    /// <summary>The language of the user's app: introductions and notices follow it (answers follow the question).</summary>
    private static Language LanguageOf(User? user) =>
        user?.LanguageCode?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? Language.Chinese : Language.English;

    /// <summary>In a group: a command (to this bot, if it names one), an @mention, or a reply to the bot.</summary>
    private bool IsAddressedToBot(Message message)
    {
        if (message.ReplyToMessage?.From?.Id == bot.Id)
        {
            return true;
        }

        var text = message.Text ?? message.Caption ?? "";
        var mention = "@" + bot.Username;
        if (text.StartsWith('/'))
        {
            var command = text.Split(' ', 2)[0];
            return !command.Contains('@') || command.EndsWith(mention, StringComparison.OrdinalIgnoreCase);
        }

        return bot.Username.Length > 0 && text.Contains(mention, StringComparison.OrdinalIgnoreCase);
    }

    private string StripMention(string text) =>
        bot.Username.Length == 0 ? text : text.Replace("@" + bot.Username, "", StringComparison.OrdinalIgnoreCase);
}
