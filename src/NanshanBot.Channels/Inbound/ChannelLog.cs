using Microsoft.Extensions.Logging;
using NanshanBot.Answering;

namespace NanshanBot.Channels;

/// <summary>The one structured line every channel writes per answered message.</summary>
public static partial class ChannelLog
{
    public static void Answered(ILogger logger, string channel, string chatId, TimeSpan latency, Answer answer) =>
        LogAnswered(logger, channel, ChatIds.Hash(channel, chatId), latency.TotalMilliseconds, answer.Declined,
            answer.FactIds.FirstOrDefault() ?? "-");

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Answered {Channel} chat {ChatHash} in {LatencyMs:0.0} ms; declined {Declined}; top fact {TopFact}")]
    private static partial void LogAnswered(ILogger logger, string channel, string chatHash, double latencyMs, bool declined, string topFact);
}
