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
/// The client retries network errors, 5xx and 429s (<see cref="TelegramRetries"/>); past that, polling goes on
/// backing off (<see cref="TelegramRetries.UntilItWorks"/>), and a 409 or 401 says what to do.
/// </summary>
public sealed partial class PollingWorker(
    TelegramClient client,
    ChatLanes lanes,
    UpdateOffsetStore offsets,
    BotIdentity identity,
    CommandMenu menu,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<PollingWorker> logger) : BackgroundService
{
    /// <summary>How long to leave Telegram alone while too many updates are pending here.</summary>
    private static readonly TimeSpan WhileFull = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartAsync(client, identity, menu, deleteWebhook: true, time, logger, stoppingToken))
        {
            return;
        }

        lanes.Open();
        var polling = TelegramRetries.UntilItWorks(time, (e, wait) => LogPollFailure(e, wait));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var updates = await polling.ExecuteAsync(async ct =>
                    await client.Bot.GetUpdates(offsets.Offset, 100, options.Value.PollTimeoutSeconds, UpdateHandler.Wanted, ct), stoppingToken);
                if (!await TakeAsync(updates))
                {
                    await Task.Delay(WhileFull, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
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

    private void LogPollFailure(Exception e, TimeSpan wait)
    {
        switch (e)
        {
            case ApiRequestException { ErrorCode: (int)HttpStatusCode.Conflict } conflict:
                LogConflict(logger, conflict.Message);
                break;
            case ApiRequestException { ErrorCode: (int)HttpStatusCode.Unauthorized }:
                LogUnauthorized(logger);
                break;
            default:
                LogPollFailed(logger, wait.TotalSeconds, e);
                break;
        }
    }

    /// <summary>getMe (retried until it works or shutdown), then deleteWebhook for polling, then the command menu.
    /// False on shutdown.</summary>
    internal static async Task<bool> StartAsync(TelegramClient client, BotIdentity identity, CommandMenu menu, bool deleteWebhook,
        TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        var starting = TelegramRetries.UntilItWorks(time, (e, wait) =>
        {
            if (e is ApiRequestException { ErrorCode: (int)HttpStatusCode.Unauthorized })
            {
                LogUnauthorized(logger);
            }
            else
            {
                LogStartFailed(logger, wait.TotalSeconds, e);
            }
        });
        try
        {
            var me = await starting.ExecuteAsync(async ct => await client.Bot.GetMe(ct), stoppingToken);
            identity.Set(me.Id, me.Username);
            if (deleteWebhook)
            {
                await starting.ExecuteAsync(async ct => await DeleteWebhookAsync(client, logger, ct), stoppingToken);
            }

            await menu.RegisterAsync(stoppingToken);

            LogStarted(logger, me.Username ?? me.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Polling needs no webhook; a server that refuses the call (a Bot API server without webhooks) is
    /// no reason not to poll.</summary>
    private static async ValueTask DeleteWebhookAsync(TelegramClient client, ILogger logger, CancellationToken stoppingToken)
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

    [LoggerMessage(Level = LogLevel.Critical, Message = "Telegram rejected the bot token (401 Unauthorized): check Telegram__BotToken")]
    private static partial void LogUnauthorized(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram getUpdates failed; retrying in {Seconds} s")]
    private static partial void LogPollFailed(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram start-up call failed; retrying in {Seconds} s")]
    private static partial void LogStartFailed(ILogger logger, double seconds, Exception exception);
}
