namespace NanshanBot.Answering;

/// <summary>A user's message as every channel hands it to the engine. The conversation id scopes follow-ups
/// (a Telegram chat, a WeChat user, a web session, a terminal).</summary>
public sealed record Question(string ConversationId, string Text);
