namespace NanshanBot.Answering;

/// <summary>A user's message as every channel hands it to the engine. The conversation id scopes follow-ups
/// (a Telegram chat, a WeChat user, a web session, a terminal); the channel names where it came from, for
/// statistics and metrics only: the answer never depends on it.</summary>
public sealed record Question(string ConversationId, string Text)
{
    public string Channel { get; init; } = "console";

    /// <summary>Whether the question counts as asked, in the question log (/unanswered) and the statistics (/stats).
    /// An inline query does not: one comes at each pause in the typing ("南山", "南山区人均…"), and the answers
    /// offered beside it are to questions nobody asked.</summary>
    public bool Counted { get; init; } = true;
}
