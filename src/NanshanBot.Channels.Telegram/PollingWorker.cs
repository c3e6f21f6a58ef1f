using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Long-polls getUpdates and hands each update to <see cref="ChatLanes"/>, which answers every chat in its own
/// lane. The offset moves past updates as soon as they are on disk (the <see cref="UpdateJournal"/>), not when
/// they are answered, so the next getUpdates never waits for a slow chat, a crash loses nothing and a restart
/// repeats nothing. When too many updates are pending the offset stays, and Telegram keeps the rest for later.
/// Network errors and 5xx back off; a 429 waits its retry_after; a 409 says what to do.
/// </summary>
public sealed partial class PollingWorker(
    TelegramClient client,
    ChatLanes lanes,
    UpdateOffsetStore offsets,
    BotIdentity identity,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<PollingWorker> logger) : BackgroundService
{
    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];

    /// <summary>How long to leave Telegram alone while too many updates are pending here.</summary>
    private static readonly TimeSpan WhileFull = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartAsync(client, identity, deleteWebhook: true, time, logger, stoppingToken))
        {
            return;
        }

        lanes.Open();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var updates = await client.Bot.GetUpdates(offsets.Offset, 100, options.Value.PollTimeoutSeconds, Wanted, stoppingToken);
                failures = 0;
                if (!await TakeAsync(updates))
                {
                    await Task.Delay(WhileFull, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                await WaitAfterFailureAsync(e, ++failures, stoppingToken);
            }
        }

        LogStopped(logger);
    }

    /// <summary>Takes the new updates of a batch and confirms those taken; false when the lanes were full.</summary>
    private async Task<bool> TakeAsync(Update[] updates)
    {
        // Telegram that never got the last confirmation serves updates again: those below the offset are done.
        var fresh = updates.Where(u => u.Id >= offsets.Offset).OrderBy(u => u.Id).ToList();
        var (confirmable, full) = await lanes.AcceptAsync(fresh);
        if (confirmable > 0)
        {
            offsets.Advance(fresh[confirmable - 1].Id + 1);
        }

        return !full;
    }

    private async Task WaitAfterFailureAsync(Exception e, int failures, CancellationToken stoppingToken)
    {
        var wait = Backoff.Delay(failures);
        switch (e)
        {
            case ApiRequestException { ErrorCode: (int)HttpStatusCode.Conflict } conflict:
                LogConflict(logger, conflict.Message);
                break;
            case ApiRequestException { ErrorCode: (int)HttpStatusCode.TooManyRequests } limited:
                wait = TimeSpan.FromSeconds(limited.Parameters?.RetryAfter ?? 1);
                LogRateLimited(logger, wait.TotalSeconds);
                break;
            case ApiRequestException { ErrorCode: (int)HttpStatusCode.Unauthorized }:
                LogUnauthorized(logger);
                wait = TimeSpan.FromSeconds(30);
                break;
            default:
                LogPollFailed(logger, wait.TotalSeconds, e);
                break;
        }

        try
        {
            await Task.Delay(wait, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>getMe (retried until it works or shutdown), then deleteWebhook for polling. False on shutdown.</summary>
    internal static async Task<bool> StartAsync(TelegramClient client, BotIdentity identity, bool deleteWebhook,
        TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var me = await client.Bot.GetMe(stoppingToken);
                identity.Set(me.Id, me.Username);
                if (deleteWebhook)
                {
                    await DeleteWebhookAsync(client, logger, stoppingToken);
                }

                LogStarted(logger, me.Username ?? me.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e)
            {
                var wait = Backoff.Delay(attempt);
                if (e is ApiRequestException { ErrorCode: (int)HttpStatusCode.Unauthorized })
                {
                    LogUnauthorized(logger);
                }
                else
                {
                    LogStartFailed(logger, wait.TotalSeconds, e);
                }

                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
        }

        return false;
    }

    /// <summary>Polling needs no webhook; a server that refuses the call (a Bot API server without webhooks) is
    /// no reason not to poll.</summary>
    private static async Task DeleteWebhookAsync(TelegramClient client, ILogger logger, CancellationToken stoppingToken)
    {
        try
        {
            await client.Bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken);
        }
        catch (ApiRequestException e) when (e.ErrorCode is >= 400 and < 500 and not 401 and not 429)
        {
            LogDeleteWebhookRefused(logger, e.ErrorCode, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram deleteWebhook refused ({Code}); polling anyway")]
    private static partial void LogDeleteWebhookRefused(ILogger logger, int code, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram channel started as @{Username}")]
    private static partial void LogStarted(ILogger logger, string username);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram polling stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram says 409 Conflict ({Reason}). Either a webhook is set for this token (run with Telegram:Mode=webhook, or let polling delete it) or another instance is polling the same token: stop the other instance.")]
    private static partial void LogConflict(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram getUpdates rate-limited; waiting {Seconds} s as asked")]
    private static partial void LogRateLimited(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Telegram rejected the bot token (401 Unauthorized): check Telegram__BotToken")]
    private static partial void LogUnauthorized(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram getUpdates failed; retrying in {Seconds} s")]
    private static partial void LogPollFailed(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram start-up call failed; retrying in {Seconds} s")]
    private static partial void LogStartFailed(ILogger logger, double seconds, Exception exception);
}
