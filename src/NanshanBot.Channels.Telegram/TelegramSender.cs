using System.Net;
using Microsoft.Extensions.Logging;
using NanshanBot.Channels;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Sends replies: escaped for HTML parse mode, split at sentence ends into Telegram's 4096-character
/// messages, each waiting its turn in <see cref="SendThrottle"/>; a 429 waits its <c>retry_after</c>, a
/// network error or 5xx is retried with backoff, and anything else is logged and given up.
/// </summary>
public sealed partial class TelegramSender(TelegramClient client, SendThrottle throttle, TimeProvider time, ILogger<TelegramSender> logger)
{
    public const int MaxMessageLength = 4096;
    private const int MaxAttempts = 5;

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

    private async Task WithRetriesAsync(string method, Func<Task> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (ApiRequestException e) when (e.ErrorCode == (int)HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
            {
                var wait = TimeSpan.FromSeconds(e.Parameters?.RetryAfter ?? 1);
                LogRateLimited(logger, method, wait.TotalSeconds);
                await Task.Delay(wait, time, cancellationToken);
            }
            catch (Exception e) when (IsTransient(e) && attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                var wait = Backoff.Delay(attempt);
                LogRetrying(logger, method, wait.TotalSeconds, e);
                await Task.Delay(wait, time, cancellationToken);
            }
            catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogGaveUp(logger, method, e);
                return;
            }
        }
    }

    /// <summary>Worth another try: the network, a timeout, or Telegram's own 5xx.</summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        ApiRequestException api => api.ErrorCode >= 500,
        RequestException or HttpRequestException => true,
        TaskCanceledException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram {Method} rate-limited; waiting {Seconds} s as asked")]
    private static partial void LogRateLimited(ILogger logger, string method, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram {Method} failed; retrying in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, string method, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram {Method} failed for good; the message is dropped")]
    private static partial void LogGaveUp(ILogger logger, string method, Exception exception);
}

/// <summary>Exponential backoff: 1, 2, 4, 8... seconds, at most 30.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt) => TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Max(0, attempt - 1))));
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
