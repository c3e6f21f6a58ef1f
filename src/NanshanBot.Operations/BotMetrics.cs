using System.Diagnostics.Metrics;
using NanshanBot.Answering;
using NanshanBot.Answering.Grounding;

namespace NanshanBot.Operations;

/// <summary>
/// The service's metrics (meter <c>NanshanBot</c>, exported on /metrics for Prometheus): messages, answers by
/// outcome, declines, answer latency per channel, messages in by channel, kind and flood verdict, and knowledge
/// reloads. The meter comes from the host's <see cref="IMeterFactory"/>, which disposes it.
/// </summary>
public sealed class BotMetrics : IAnswerObserver
{
    public const string MeterName = "NanshanBot";
    private readonly Counter<long> messages;
    private readonly Counter<long> inbound;
    private readonly Counter<long> answers;
    private readonly Counter<long> declines;
    private readonly Counter<long> reloads;
    private readonly Histogram<double> latency;

    public BotMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        inbound = meter.CreateCounter<long>("nanshanbot.inbound", description: "Messages in, by channel, kind and flood verdict (Allow, Notify, Ignore)");
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

    public void Inbound(string channel, string kind, string verdict) =>
        inbound.Add(1, new("channel", channel), new("kind", kind), new("verdict", verdict));

    public void Reloaded(bool ok) => reloads.Add(1, new KeyValuePair<string, object?>("result", ok ? "ok" : "invalid"));
}
