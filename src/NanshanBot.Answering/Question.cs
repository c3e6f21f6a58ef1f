namespace NanshanBot.Answering;

/// <summary>A user's message as every channel hands it to the engine. The conversation id scopes follow-ups
/// (a Telegram chat, a WeChat user, a web session, a terminal); the channel names where it came from, for
/// statistics and metrics only: the answer never depends on it.</summary>
public sealed record Question(string ConversationId, string Text)
{
    public string Channel { get; init; } = "console";
}
