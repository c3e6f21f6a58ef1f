using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Keeps outgoing messages within Telegram's limits (about 1 per second to a chat, 20 per minute to a group,
/// 30 per second overall, <see cref="TelegramOptions.MessagesPerSecond"/>) by making senders wait their turn: messages are queued, never dropped. Time comes
/// from the injected clock.
/// </summary>
public sealed class SendThrottle(TimeProvider time, IOptions<TelegramOptions> options)
{
    private static readonly TimeSpan ChatSpacing = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GroupSpacing = TimeSpan.FromSeconds(3);
    private readonly TimeSpan globalSpacing = TimeSpan.FromSeconds(1.0 / options.Value.MessagesPerSecond);
    private const int MaxTrackedChats = 50_000;
    private readonly Dictionary<long, DateTimeOffset> nextForChat = [];
    private readonly object gate = new();
    private DateTimeOffset nextGlobal;

    /// <summary>Waits until a message to <paramref name="chatId"/> may be sent, and books that slot.</summary>
    public Task WaitTurnAsync(long chatId, bool isGroup, CancellationToken cancellationToken)
    {
        var delay = Book(chatId, isGroup ? GroupSpacing : ChatSpacing);
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
    }

    private TimeSpan Book(long chatId, TimeSpan spacing)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (nextForChat.Count > MaxTrackedChats)
            {
                foreach (var stale in nextForChat.Where(p => p.Value < now).Select(p => p.Key).ToList())
                {
                    nextForChat.Remove(stale);
                }
            }

            var chatSlot = nextForChat.TryGetValue(chatId, out var next) && next > now ? next : now;
            var slot = chatSlot > nextGlobal ? chatSlot : nextGlobal > now ? nextGlobal : now;
            nextForChat[chatId] = slot + spacing;
            nextGlobal = slot + globalSpacing;
            return slot - now;
        }
    }
}
