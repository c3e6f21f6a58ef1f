using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Keeps outgoing messages within Telegram's limits (about 1 per second to a chat, 20 per minute to a group,
/// <see cref="TelegramOptions.MessagesPerSecond"/> overall) by making senders wait their turn: messages are queued,
/// never dropped. A sender first waits for its chat's slot, and only then takes a slot of the overall rate, so a
/// group waiting seconds for its next slot holds no overall slot that another chat could use now. Time comes
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
    public async Task WaitTurnAsync(long chatId, bool isGroup, CancellationToken cancellationToken)
    {
        var spacing = isGroup ? GroupSpacing : ChatSpacing;
        var chatWait = BookChat(chatId, spacing);
        if (chatWait > TimeSpan.Zero)
        {
            await Task.Delay(chatWait, time, cancellationToken);
        }

        var globalWait = BookGlobal();
        if (globalWait > TimeSpan.Zero)
        {
            await Task.Delay(globalWait, time, cancellationToken);
            SpaceFromNow(chatId, spacing);
        }
    }

    /// <summary>The overall rate put this message off: the chat's next slot counts from when it really goes.</summary>
    private void SpaceFromNow(long chatId, TimeSpan spacing)
    {
        lock (gate)
        {
            var after = time.GetUtcNow() + spacing;
            if (!nextForChat.TryGetValue(chatId, out var next) || next < after)
            {
                nextForChat[chatId] = after;
            }
        }
    }

    private TimeSpan BookChat(long chatId, TimeSpan spacing)
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

            var slot = nextForChat.TryGetValue(chatId, out var next) && next > now ? next : now;
            nextForChat[chatId] = slot + spacing;
            return slot - now;
        }
    }

    private TimeSpan BookGlobal()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var slot = nextGlobal > now ? nextGlobal : now;
            nextGlobal = slot + globalSpacing;
            return slot - now;
        }
    }
}
