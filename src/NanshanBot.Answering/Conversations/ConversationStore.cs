using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace NanshanBot.Answering.Conversations;

/// <summary>Options for per-conversation context.</summary>
public sealed class ConversationOptions
{
    /// <summary>A turn older than this is forgotten: a question after a long pause starts afresh.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>At most this many conversations are remembered; the least recently used go first.</summary>
    public int MaxConversations { get; set; } = 10_000;
}

/// <summary>
/// The last answered turn of each conversation, in memory, bounded in count and expiring with time (from the
/// injected <see cref="TimeProvider"/>). Only the last turn is kept: a follow-up refers to what was just said.
/// </summary>
public sealed class ConversationStore(TimeProvider time, IOptions<ConversationOptions> options)
{
    private readonly ConcurrentDictionary<string, ConversationTurn> turns = new(StringComparer.Ordinal);

    public ConversationTurn? Last(string conversationId)
    {
        if (!turns.TryGetValue(conversationId, out var turn))
        {
            return null;
        }

        if (time.GetUtcNow() - turn.At <= options.Value.Expiry)
        {
            return turn;
        }

        turns.TryRemove(new KeyValuePair<string, ConversationTurn>(conversationId, turn));
        return null;
    }

    public void Remember(string conversationId, ConversationTurn turn)
    {
        turns[conversationId] = turn with { At = time.GetUtcNow() };

        // Counting a ConcurrentDictionary takes all its locks: check the bound every so many writes only.
        if (Interlocked.Increment(ref writes) % CheckEvery == 0 && turns.Count > options.Value.MaxConversations)
        {
            Evict();
        }
    }

    private const int CheckEvery = 64;
    private long writes;

    public int Count => turns.Count;

    private void Evict()
    {
        var excess = turns.Count - options.Value.MaxConversations;
        foreach (var (id, _) in turns.OrderBy(p => p.Value.At).Take(Math.Max(excess, options.Value.MaxConversations / 10)))
        {
            turns.TryRemove(id, out _);
        }
    }
}
