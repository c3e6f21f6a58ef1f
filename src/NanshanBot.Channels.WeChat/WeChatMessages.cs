using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NanshanBot.Answering;
using NanshanBot.Knowledge.Model;
using NanshanBot.Operations;
using NanshanBot.State;

namespace NanshanBot.Channels.WeChat;

/// <summary>
/// Where a WeChat message becomes a question: text is answered (within the per-user flood limit), a
/// subscription is welcomed with example questions, other events get nothing, other message types a polite
/// "text only". Returns the reply text, "" for none.
/// </summary>
public sealed class WeChatMessages(
    AnswerEngine engine,
    AdminCommands admin,
    IOptions<WeChatOptions> options,
    ISharedState state,
    TimeProvider time,
    ILogger<WeChatMessages> logger)
{
    private readonly FloodGuard flood = new(state, time, "wechat", options.Value.FloodLimitPerMinute);

    public async Task<string> ReplyAsync(WeChatAccount account, Dictionary<string, string> fields)
    {
        var user = fields.GetValueOrDefault("FromUserName", "");
        switch (fields.GetValueOrDefault("MsgType", ""))
        {
            case "text":
                return await AnswerAsync(account, user, fields.GetValueOrDefault("Content", ""));
            case "event" when fields.GetValueOrDefault("Event", "").Equals("subscribe", StringComparison.OrdinalIgnoreCase):
                return engine.Introduce(Language.Chinese).Text;
            case "event":
                return "";
            default:
                return "目前只能看懂文字消息，请用文字提问。I can only read text messages; please type your question.";
        }
    }

    private async Task<string> AnswerAsync(WeChatAccount account, string user, string content)
    {
        var channel = account.Channel;
        switch (await flood.CheckAsync(channel + ":" + user))
        {
            case FloodVerdict.Notify:
                return "消息发得太快了，请稍等一分钟再问。";
            case FloodVerdict.Ignore:
                return "";
        }

        if (content.Trim().Length == 0)
        {
            return engine.Introduce(Language.Chinese).Text;
        }

        if (AdminCommands.IsCommand(content))
        {
            // Each account's own admins: an OpenID of the Official Account is no WeCom user id, nor the reverse.
            return account.Admins.Contains(user)
                ? await admin.RunAsync(content, CancellationToken.None)
                : engine.Introduce(Language.Chinese).Text;
        }

        var started = Stopwatch.GetTimestamp();
        var answer = await engine.AnswerAsync(new Question($"{channel}:{user}", content) { Channel = channel });
        ChannelLog.Answered(logger, channel, user, Stopwatch.GetElapsedTime(started), answer);
        return answer.Text;
    }
}
