using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Webhook mode: <c>POST /telegram/webhook</c> checks the secret header in constant time (403 otherwise),
/// drops an update_id it has seen (Telegram retries), queues the update and acknowledges at once; the
/// <see cref="WebhookWorker"/> answers from the queue.
/// </summary>
public sealed class WebhookInbox(IOptions<TelegramOptions> options)
{
    public const string Path = "/telegram/webhook";
    private const int MaxBodyBytes = 1 << 20;
    private const int RememberedIds = 10_000;
    private readonly byte[] secret = Encoding.UTF8.GetBytes(options.Value.SecretToken ?? "");
    private readonly ConcurrentDictionary<int, byte> seen = new();
    private readonly ConcurrentQueue<int> seenOrder = new();

    public Channel<Update> Queue { get; } = Channel.CreateBounded<Update>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var given = Encoding.UTF8.GetBytes(request.Headers["X-Telegram-Bot-Api-Secret-Token"].ToString());
        if (secret.Length == 0 || !CryptographicOperations.FixedTimeEquals(given, secret))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
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

        if (update is null)
        {
            return Results.BadRequest();
        }

        if (seen.TryAdd(update.Id, 0))
        {
            Remember(update.Id);
            await Queue.Writer.WriteAsync(update, cancellationToken);
        }

        return Results.Ok();
    }

    private void Remember(int id)
    {
        seenOrder.Enqueue(id);
        while (seenOrder.Count > RememberedIds && seenOrder.TryDequeue(out var old))
        {
            seen.TryRemove(old, out _);
        }
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
