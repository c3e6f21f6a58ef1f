using System.Text.Json.Serialization;
using NanshanBot.Answering.Grounding;

namespace NanshanBot.Answering.Conversations;

/// <summary>
/// A conversation's last turn as the shared state keeps it, where instances of two versions of the bot read each
/// other's during a rolling deploy: a small versioned record of what people said and what answered them, never the
/// analyser's reading of it. A follow-up reads <see cref="Questions"/> again with its own analyser (the entities in
/// play are the ones they name), continues from <see cref="FactIds"/>, and gives a model the <see cref="History"/>.
/// A record of a version this program does not know is ignored: the question is answered as a fresh one.
/// </summary>
public sealed record ConversationTurn
{
    public const int CurrentVersion = 1;
    public const int MaxHistory = 3;

    /// <summary>Absent (0) in a record of the first, unversioned shape.</summary>
    [JsonPropertyName("v")]
    public int Version { get; init; }

    /// <summary>The questions whose words are in play for a follow-up, the last first (a follow-up comes before the
    /// questions it continued; at most <see cref="ConversationContext.MaxQuestions"/>).</summary>
    [JsonPropertyName("questions")]
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>The facts that answered the last question.</summary>
    [JsonPropertyName("facts")]
    public IReadOnlyList<string> FactIds { get; init; } = [];

    [JsonPropertyName("at")]
    public DateTimeOffset At { get; init; }

    /// <summary>The last few exchanges (for a model's context; bounded).</summary>
    [JsonPropertyName("history")]
    public IReadOnlyList<Exchange> History { get; init; } = [];

    /// <summary>The questions as read by the index that wrote this record, kept in this process only (in memory
    /// the record is the very object set): the same index need not read them again.</summary>
    [JsonIgnore]
    public ConversationContext? Reading { get; init; }

    public static ConversationTurn Of(ConversationContext context, IReadOnlyList<string> factIds, IReadOnlyList<Exchange> history) =>
        new() { Version = CurrentVersion, Questions = context.Questions, FactIds = factIds, History = history, Reading = context };
}
