namespace NanshanBot.Channels;

/// <summary>
/// A transport that is on. Its registration adds one when its settings turn it on (the options' own
/// <c>IsOn</c>, read once, from the same keys <c>IOptions</c> binds), and that is the one place that decides:
/// the host maps endpoints for these and reports readiness from them.
/// </summary>
public interface ITransport
{
    /// <summary>"telegram", "wechat", "wecom", "web".</summary>
    string Channel { get; }

    /// <summary>Ready for messages (Telegram: getMe has answered).</summary>
    bool Started { get; }
}
