using System.Diagnostics.Metrics;
using NanshanBot.Answering;
using NanshanBot.Answering.Grounding;

namespace NanshanBot.Operations;

/// <summary>
/// The service's metrics (meter <c>NanshanBot</c>, exported on /metrics for Prometheus): messages, answers by
/// outcome, declines, answer latency per channel, and knowledge reloads.
/// </summary>
public sealed class BotMetrics : IAnswerObserver, IDisposable
{
    public const string MeterName = "NanshanBot";
    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> messages;
    private readonly Counter<long> answers;
    private readonly Counter<long> declines;
    private readonly Counter<long> reloads;
    private readonly Histogram<double> latency;

    public BotMetrics()
    {
        messages = meter.CreateCounter<long>("nanshanbot.messages", description: "Messages answered, by channel");
        answers = meter.CreateCounter<long>("nanshanbot.answers", description: "Replies by channel and outcome (answered, declined, introduction)");
        declines = meter.CreateCounter<long>("nanshanbot.declines", description: "Questions the knowledge base does not cover, by channel");
        reloads = meter.CreateCounter<long>("nanshanbot.reloads", description: "Knowledge reloads by result (ok, invalid)");
        latency = meter.CreateHistogram<double>("nanshanbot.answer.latency", unit: "ms", description: "Time to answer, by channel");
    }

    public void Observe(Question question, Answer answer, TimeSpan elapsed)
    {
        var channel = new KeyValuePair<string, object?>("channel", question.Channel);
        messages.Add(1, channel);
        answers.Add(1, channel, new("outcome", OutcomeName.Of(answer.Kind)));
        if (answer.Kind == AnswerKind.Declined)
        {
            declines.Add(1, channel);
        }

        latency.Record(elapsed.TotalMilliseconds, channel);
    }

    public void Reloaded(bool ok) => reloads.Add(1, new KeyValuePair<string, object?>("result", ok ? "ok" : "invalid"));

    public void Dispose() => meter.Dispose();
}
