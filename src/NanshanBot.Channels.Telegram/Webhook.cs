using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NanshanBot.State;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Webhook mode: <c>POST /telegram/webhook</c> checks the secret header in constant time (403 otherwise),
/// drops an update_id already claimed in the shared state (a Telegram retry, to this instance or another), and
/// hands the update to <see cref="ChatLanes"/>, which has it on disk before the 200 goes back. When too many
/// updates are pending it answers 503 and releases the claim, so that Telegram's retry is taken.
/// </summary>
public sealed partial class WebhookInbox(IOptions<TelegramOptions> options, ISharedState state, ChatLanes lanes, ILogger<WebhookInbox> logger)
{
    public const string Path = "/telegram/webhook";

    /// <summary>The endpoint's MaxRequestBodySize: Kestrel answers 413 past it, chunked bodies included.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>Telegram keeps an undelivered update for 24 hours: so long is an id remembered.</summary>
    private static readonly TimeSpan RememberIds = TimeSpan.FromHours(24);

    private readonly byte[] secret = Encoding.UTF8.GetBytes(options.Value.SecretToken ?? "");
    private readonly string botId = options.Value.BotToken?.Split(':')[0] ?? "bot";
    private readonly string owner = Guid.NewGuid().ToString("N");

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var given = Encoding.UTF8.GetBytes(request.Headers["X-Telegram-Bot-Api-Secret-Token"].ToString());
        if (secret.Length == 0 || !CryptographicOperations.FixedTimeEquals(given, secret))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (update is null)
        {
            return Results.BadRequest();
        }

        var claim = $"telegram-update:{botId}:{update.Id.ToString(CultureInfo.InvariantCulture)}";
        return await state.AddAsync(claim, owner, RememberIds, cancellationToken) ? await TakeAsync(update, claim) : Results.Ok();
    }

    /// <summary>200 once the update is on disk and queued (or dropped by its chat's backlog); else 503 with the
    /// claim released, so that Telegram's retry is taken here or by another instance.</summary>
    private async Task<IResult> TakeAsync(Update update, string claim)
    {
        try
        {
            if (!(await lanes.AcceptAsync([update])).Full)
            {
                return Results.Ok();
            }

            LogFull(logger, update.Id);
        }
        catch (IOException e)
        {
            LogNotRecorded(logger, update.Id, e);
        }

        await state.RemoveAsync(claim, owner, CancellationToken.None);
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId} refused with 503: Telegram:MaxPendingUpdates are pending; Telegram will deliver it again")]
    private static partial void LogFull(ILogger logger, int updateId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId} could not be recorded; refused with 503 so that Telegram delivers it again")]
    private static partial void LogNotRecorded(ILogger logger, int updateId, Exception exception);
}

/// <summary>Registers the webhook with Telegram (with the secret) at start, then opens the lanes.</summary>
public sealed partial class WebhookWorker(
    TelegramClient client,
    ChatLanes lanes,
    BotIdentity identity,
    CommandMenu menu,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await PollingWorker.StartAsync(client, identity, menu, deleteWebhook: false, time, logger, stoppingToken))
        {
            return;
        }

        var o = options.Value;
        await client.Bot.SetWebhook(o.WebhookUrl!, allowedUpdates: UpdateHandler.Wanted,
            secretToken: o.SecretToken, cancellationToken: stoppingToken);
        LogWebhookSet(logger, o.WebhookUrl!);
        lanes.Open();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram webhook set to {Url}")]
    private static partial void LogWebhookSet(ILogger logger, string url);
}
