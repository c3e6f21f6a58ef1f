using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NanshanBot.Answering;
using NanshanBot.Channels;
using NanshanBot.Knowledge.Model;
using NanshanBot.Operations;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Where a Telegram update becomes a question: decides whether to answer (every text in a private chat; in a
/// group only commands, @mentions and replies to the bot), handles the commands (admin ones in private chats
/// only), suggestion and feedback buttons, keeps floods out (<see cref="ChatAdmission"/>), and hands the reply to
/// <see cref="TelegramSender"/>. It never ranks or phrases anything itself.
/// </summary>
public sealed class UpdateHandler(
    AnswerEngine engine,
    TelegramSender sender,
    StreamedReply reply,
    BotIdentity bot,
    LastAnswers lastAnswers,
    AdminCommands admin,
    FeedbackVotes votes,
    ChatAdmission admission,
    IOptions<TelegramOptions> options,
    ILogger<UpdateHandler> logger)
{
    public Task HandleAsync(Update update, CancellationToken cancellationToken) => update switch
    {
        { Message: { } message } => HandleMessageAsync(message, cancellationToken),
        { CallbackQuery: { } query } => HandleCallbackAsync(query, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task HandleMessageAsync(Message message, CancellationToken cancellationToken)
    {
        var isGroup = message.Chat.Type is ChatType.Group or ChatType.Supergroup;
        if (message.Chat.Type == ChatType.Channel || (isGroup && !IsAddressedToBot(message)))
        {
            return;
        }

        var language = TelegramTexts.For(message.From?.LanguageCode);
        var chat = new TelegramChat(message.Chat.Id, isGroup, isGroup ? message.MessageId : null);
        if (!await admission.AdmitAsync(message.From?.Id ?? message.Chat.Id, chat, language, cancellationToken))
        {
            return;
        }

        if (message.Text is not { } text)
        {
            await sender.SendAsync(chat.Id, isGroup, TelegramTexts.TextOnly(language), chat.ReplyTo, null, cancellationToken);
            return;
        }

        text = StripMention(text).Trim();
        var conversation = ConversationId(message.Chat.Id, isGroup ? message.From?.Id : null);
        if (text.StartsWith('/'))
        {
            await HandleCommandAsync(text, chat, conversation, language, message.From?.Id, cancellationToken);
            return;
        }

        await AnswerAsync(text, chat, conversation, cancellationToken);
    }

    private async Task HandleCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var language = TelegramTexts.For(query.From.LanguageCode);
        var chat = query.Message is { } message
            ? new TelegramChat(message.Chat.Id, message.Chat.Type is ChatType.Group or ChatType.Supergroup, null)
            : new TelegramChat(query.From.Id, false, null);
        if (!await admission.AdmitAsync(query.From.Id, chat, language, cancellationToken))
        {
            await sender.AnswerCallbackAsync(query.Id, cancellationToken);
            return;
        }

        if (query.Data is { } data && data.StartsWith("fb:", StringComparison.Ordinal) && data.Length > 5)
        {
            var counted = await votes.VoteAsync("telegram", query.From.Id.ToString(CultureInfo.InvariantCulture), data[5..], helpful: data[3] == '+', cancellationToken);
            await sender.AnswerCallbackAsync(query.Id, cancellationToken, counted ? TelegramTexts.Thanks(language) : TelegramTexts.AlreadyVoted(language));
            return;
        }

        await sender.AnswerCallbackAsync(query.Id, cancellationToken);
        if (query.Message is null)
        {
            return;
        }

        if (query.Data is not { } key || engine.Suggested(key) is not { } question)
        {
            await sender.SendAsync(chat.Id, chat.IsGroup, TelegramTexts.SuggestionGone(language), null, null, cancellationToken);
            return;
        }

        await AnswerAsync(question, chat, ConversationId(chat.Id, chat.IsGroup ? query.From.Id : null), cancellationToken);
    }

    private async Task HandleCommandAsync(string text, TelegramChat chat, string conversation, Language language, long? from, CancellationToken cancellationToken)
    {
        // In a group, an admin's /stats would show the statistics to everyone in it.
        if (AdminCommands.IsCommand(text) && !chat.IsGroup && from is { } user && options.Value.AdminUserIds.Contains(user))
        {
            await sender.SendAsync(chat.Id, chat.IsGroup, await admin.RunAsync(text, cancellationToken), chat.ReplyTo, null, cancellationToken);
            return;
        }

        var command = text.Split(' ', 2)[0].ToLowerInvariant();
        var response = command switch
        {
            "/about" => About(language),
            "/sources" => await lastAnswers.SourcesAsync(conversation, cancellationToken) is { Sources.Count: > 0 } last
                ? TelegramTexts.SourcesHeading(language) + "\n" + string.Join("\n", last.Sources.Select(s => TelegramTexts.Describe(s, language)))
                : TelegramTexts.NoLastAnswer(language),
            _ => null,
        };
        if (response is not null)
        {
            await sender.SendAsync(chat.Id, chat.IsGroup, response, chat.ReplyTo, null, cancellationToken);
            return;
        }

        var intro = engine.Introduce(language);
        await sender.SendAsync(chat.Id, chat.IsGroup, intro.Text, chat.ReplyTo, StreamedReply.Keyboard(intro), cancellationToken);
    }

    private async Task AnswerAsync(string question, TelegramChat chat, string conversation, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var updates = engine.StreamAsync(new Question(conversation, question) { Channel = "telegram" }, cancellationToken);
        var answer = await reply.DeliverAsync(updates, chat.Id, chat.IsGroup, chat.ReplyTo, cancellationToken);
        if (answer.Kind == AnswerKind.Answered)
        {
            await lastAnswers.RememberAsync(conversation, answer.Sources, cancellationToken);
        }

        ChannelLog.Answered(logger, "telegram", chat.Id.ToString(CultureInfo.InvariantCulture),
            Stopwatch.GetElapsedTime(started), answer);
    }

    private string About(Language language)
    {
        var sources = engine.Knowledge.Sources.Values.OrderBy(s => s.Date, StringComparer.Ordinal);
        return TelegramTexts.KnowledgeHeading(language) + "\n" + string.Join("\n", sources.Select(s => TelegramTexts.Describe(s, language)));
    }

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

    private static string ConversationId(long chatId, long? userInGroup) =>
        userInGroup is { } user ? $"tg:{chatId}:{user}" : $"tg:{chatId}";
}
