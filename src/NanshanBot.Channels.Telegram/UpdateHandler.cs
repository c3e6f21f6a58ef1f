using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NanshanBot.Answering;
using NanshanBot.Channels;
using NanshanBot.Knowledge.Model;
using NanshanBot.Operations;
using NanshanBot.State;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Where a Telegram update becomes a question: decides whether to answer (every text in a private chat; in a
/// group only commands, @mentions and replies to the bot), handles the commands and suggestion buttons, keeps
/// floods out, and hands the reply to <see cref="TelegramSender"/>. It never ranks or phrases anything itself.
/// </summary>
public sealed class UpdateHandler(
    AnswerEngine engine,
    TelegramSender sender,
    StreamedReply reply,
    BotIdentity bot,
    LastAnswers lastAnswers,
    AdminCommands admin,
    QuestionLog questionLog,
    SharedCounters counters,
    IOptions<TelegramOptions> options,
    ISharedState state,
    TimeProvider time,
    ILogger<UpdateHandler> logger)
{
    private readonly FloodGuard flood = new(state, time, "telegram", options.Value.FloodLimitPerMinute);

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
        var chat = new ChatRef(message.Chat.Id, isGroup, isGroup ? message.MessageId : null);
        if (!await AdmitAsync(message.From?.Id ?? message.Chat.Id, chat, language, cancellationToken))
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
        if (query.Data is { } data && data.StartsWith("fb:", StringComparison.Ordinal) && data.Length > 5)
        {
            questionLog.Feedback(data[5..], helpful: data[3] == '+');
            counters.Feedback(helpful: data[3] == '+');
            await sender.AnswerCallbackAsync(query.Id, cancellationToken, TelegramTexts.Thanks(TelegramTexts.For(query.From.LanguageCode)));
            return;
        }

        await sender.AnswerCallbackAsync(query.Id, cancellationToken);
        if (query.Message is not { } message)
        {
            return;
        }

        var isGroup = message.Chat.Type is ChatType.Group or ChatType.Supergroup;
        var chat = new ChatRef(message.Chat.Id, isGroup, null);
        var language = TelegramTexts.For(query.From.LanguageCode);
        if (!await AdmitAsync(query.From.Id, chat, language, cancellationToken))
        {
            return;
        }

        var question = query.Data is { } key ? engine.Suggested(key) : null;
        if (question is null)
        {
            await sender.SendAsync(chat.Id, isGroup, TelegramTexts.SuggestionGone(language), null, null, cancellationToken);
            return;
        }

        await AnswerAsync(question, chat, ConversationId(message.Chat.Id, isGroup ? query.From.Id : null), cancellationToken);
    }

    private async Task HandleCommandAsync(string text, ChatRef chat, string conversation, Language language, long? from, CancellationToken cancellationToken)
    {
        if (AdminCommands.IsCommand(text) && from is { } user && options.Value.AdminUserIds.Contains(user))
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

    private async Task AnswerAsync(string question, ChatRef chat, string conversation, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var updates = engine.StreamAsync(new Question(conversation, question) { Channel = "telegram" }, cancellationToken);
        var answer = await reply.DeliverAsync(updates, chat.Id, chat.IsGroup, chat.ReplyTo, cancellationToken);
        if (answer.Kind == AnswerKind.Answered)
        {
            await lastAnswers.RememberAsync(conversation, answer.Sources, cancellationToken);
        }

        ChannelLog.Answered(logger, "telegram", chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Stopwatch.GetElapsedTime(started), answer);
    }

    /// <summary>Applies the per-user flood limit: true to go on; false when the message is over it (the user is
    /// told once).</summary>
    private async Task<bool> AdmitAsync(long userId, ChatRef chat, Language language, CancellationToken cancellationToken)
    {
        switch (await flood.CheckAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken))
        {
            case FloodVerdict.Allow:
                return true;
            case FloodVerdict.Notify:
                await sender.SendAsync(chat.Id, chat.IsGroup, TelegramTexts.TooMany(language), chat.ReplyTo, null, cancellationToken);
                return false;
            default:
                return false;
        }
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

    private readonly record struct ChatRef(long Id, bool IsGroup, int? ReplyTo);
}
