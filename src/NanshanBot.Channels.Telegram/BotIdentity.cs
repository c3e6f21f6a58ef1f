namespace NanshanBot.Channels.Telegram;

/// <summary>Who the bot is (from getMe at start-up): its id to recognise replies to it, its username to
/// recognise @mentions and commands addressed to it in groups.</summary>
public sealed class BotIdentity : ITransport
{
    public string Channel => UpdateHandler.Channel;

    public bool Started => Known;

    public long Id { get; private set; }

    public string Username { get; private set; } = "";

    public bool Known => Id != 0;

    public void Set(long id, string? username) => (Id, Username) = (id, username ?? "");
}
