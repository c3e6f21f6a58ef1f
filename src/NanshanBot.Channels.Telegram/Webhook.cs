using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
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
/// drops an update_id already claimed in the shared state (a Telegram retry, to this instance or another),
/// queues the update and acknowledges at once; the <see cref="WebhookWorker"/> answers from the queue.
/// </summary>
public sealed class WebhookInbox(IOptions<TelegramOptions> options, ISharedState state)
{
    public const string Path = "/telegram/webhook";
    /// <summary>The endpoint's MaxRequestBodySize: Kestrel answers 413 past it, chunked bodies included.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>Telegram keeps an undelivered update for 24 hours: so long is an id remembered.</summary>
    private static readonly TimeSpan RememberIds = TimeSpan.FromHours(24);

    private readonly byte[] secret = Encoding.UTF8.GetBytes(options.Value.SecretToken ?? "");
    private readonly string botId = options.Value.BotToken?.Split(':')[0] ?? "bot";

    public Channel<Update> Queue { get; } = Channel.CreateBounded<Update>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

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
        if (await state.AddAsync(claim, "1", RememberIds, cancellationToken))
        {
            await Queue.Writer.WriteAsync(update, cancellationToken);
        }

        return Results.Ok();
    }
}

/// <summary>Registers the webhook with Telegram (with the secret) at start, then answers queued updates.</summary>
public sealed partial class WebhookWorker(
    TelegramClient client,
    WebhookInbox inbox,
    UpdateHandler handler,
    BotIdentity identity,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    private const int Parallelism = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await PollingWorker.StartAsync(client, identity, deleteWebhook: false, time, logger, stoppingToken))
        {
            return;
        }

        var o = options.Value;
        await client.Bot.SetWebhook(o.WebhookUrl!, allowedUpdates: [UpdateType.Message, UpdateType.CallbackQuery],
            secretToken: o.SecretToken, cancellationToken: stoppingToken);
        LogWebhookSet(logger, o.WebhookUrl!);

        using var slots = new SemaphoreSlim(Parallelism);
        var running = new List<Task>();
        try
        {
            await foreach (var update in inbox.Queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(HandleAsync(update, slots));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running);
    }

    private async Task HandleAsync(Update update, SemaphoreSlim slots)
    {
        try
        {
            await handler.HandleAsync(update, CancellationToken.None);
        }
        catch (Exception e)
        {
            PollingWorker.LogHandlerFailed(logger, update.Id, e.GetType().Name, client.Describe(e));
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram webhook set to {Url}")]
    private static partial void LogWebhookSet(ILogger logger, string url);

}
