using System.Net;
using Microsoft.Extensions.Logging;
using NanshanBot.Channels;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.InlineQueryResults;
using Telegram.Bot.Types.ReplyMarkups;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Sends replies: escaped for HTML parse mode, split at sentence ends into Telegram's 4096-character
/// messages, each waiting its turn in <see cref="SendThrottle"/>. Retries (a 429's <c>retry_after</c>, backoff
/// after a network error or 5xx) are the client's (<see cref="TelegramRetries"/>); what still fails is logged
/// and given up.
/// </summary>
public sealed partial class TelegramSender(TelegramClient client, SendThrottle throttle, ILogger<TelegramSender> logger)
{
    public const int MaxMessageLength = 4096;

    public async Task SendAsync(long chatId, bool isGroup, string text, int? replyTo, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        var pieces = ReplySplitter.Split(text, MaxMessageLength, s => s.Length);
        for (var i = 0; i < pieces.Count; i++)
        {
            var last = i == pieces.Count - 1;
            await throttle.WaitTurnAsync(chatId, isGroup, cancellationToken);
            await WithRetriesAsync("sendMessage", () => client.Bot.SendMessage(
                chatId,
                Html.Escape(pieces[i]),
                ParseMode.Html,
                replyParameters: i == 0 && replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null,
                replyMarkup: last ? keyboard : null,
                cancellationToken: cancellationToken), cancellationToken);
        }
    }

    /// <summary>Sends a short message and returns its id (null if it could not be sent), for editing later.</summary>
    public async Task<int?> SendDraftAsync(long chatId, bool isGroup, string text, int? replyTo, CancellationToken cancellationToken)
    {
        int? id = null;
        await throttle.WaitTurnAsync(chatId, isGroup, cancellationToken);
        await WithRetriesAsync("sendMessage", async () => id = (await client.Bot.SendMessage(chatId, Html.Escape(text), ParseMode.Html,
            replyParameters: replyTo is { } r ? new ReplyParameters { MessageId = r, AllowSendingWithoutReply = true } : null,
            cancellationToken: cancellationToken)).MessageId, cancellationToken);
        return id;
    }

    /// <summary>Replaces the text of a message sent earlier (a streamed answer growing, then its final form).</summary>
    public async Task EditAsync(long chatId, bool isGroup, int messageId, string text, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        await throttle.WaitTurnAsync(chatId, isGroup, cancellationToken);
        await WithRetriesAsync("editMessageText", () => client.Bot.EditMessageText(chatId, messageId,
            Html.Escape(ReplySplitter.Truncate(text, MaxMessageLength, s => s.Length)), ParseMode.Html, replyMarkup: keyboard,
            cancellationToken: cancellationToken), cancellationToken);
    }

    public Task AnswerCallbackAsync(string callbackQueryId, CancellationToken cancellationToken, string? text = null) =>
        WithRetriesAsync("answerCallbackQuery", () => client.Bot.AnswerCallbackQuery(callbackQueryId, text, cancellationToken: cancellationToken), cancellationToken);

    public Task AnswerInlineAsync(string inlineQueryId, IEnumerable<InlineQueryResult> results, int cacheSeconds, bool personal, CancellationToken cancellationToken) =>
        WithRetriesAsync("answerInlineQuery", () => client.Bot.AnswerInlineQuery(inlineQueryId, results, cacheSeconds, personal, cancellationToken: cancellationToken), cancellationToken);

    /// <summary>Makes the call (its retries are the client's resilience handler's); a call that still fails is
    /// logged with its stack and given up, unless the service is stopping.</summary>
    private async Task WithRetriesAsync(string method, Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogGaveUp(logger, method, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram {Method} failed for good; the message is dropped")]
    private static partial void LogGaveUp(ILogger logger, string method, Exception exception);
}

/// <summary>Escaping for Telegram's HTML parse mode: only &amp;, &lt;, &gt; (and &quot;) are entities there.</summary>
public static class Html
{
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);
}
