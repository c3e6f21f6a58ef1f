using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using NanshanBot.State;

namespace NanshanBot.Answering.Conversations;

/// <summary>Options for per-conversation context.</summary>
public sealed class ConversationOptions
{
    /// <summary>A turn older than this is forgotten: a question after a long pause starts afresh.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// The last answered turn of each conversation, in the shared state (so that a follow-up reaching another
/// instance of the bot has its context), expiring with time. Only the last turn is kept: a follow-up refers
/// to what was just said. A record of another version (or of the unversioned first shape) counts as none.
/// </summary>
public sealed class ConversationStore(ISharedState state, TimeProvider time, IOptions<ConversationOptions> options)
{
    public async ValueTask<ConversationTurn?> LastAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var turn = await state.GetAsync(Key(conversationId), ConversationJson.Default.ConversationTurn, cancellationToken);
        return turn is { Version: ConversationTurn.CurrentVersion } && time.GetUtcNow() - turn.At <= options.Value.Expiry ? turn : null;
    }

    public ValueTask RememberAsync(string conversationId, ConversationTurn turn, CancellationToken cancellationToken = default) =>
        state.SetAsync(Key(conversationId), turn with { At = time.GetUtcNow() }, ConversationJson.Default.ConversationTurn,
            options.Value.Expiry, cancellationToken);

    private static string Key(string conversationId) => "conversation:" + conversationId;
}

[JsonSerializable(typeof(ConversationTurn))]
internal sealed partial class ConversationJson : JsonSerializerContext;
