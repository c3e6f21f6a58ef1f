using NanshanBot.Knowledge.Model;

namespace NanshanBot.Answering;

public enum AnswerKind
{
    /// <summary>Answered from the knowledge base, with sources.</summary>
    Answered,

    /// <summary>The knowledge base does not cover the question; the reply says so and what it can answer.</summary>
    Declined,

    /// <summary>A greeting or "what can you do": the bot introduces itself.</summary>
    Introduction,
}

/// <summary>What the engine replies, channel-neutral: the full text a user sees (ending with its source
/// line), the sources and fact ids behind it, and questions worth asking next.</summary>
public sealed record Answer(
    string Text,
    AnswerKind Kind,
    Language Language,
    IReadOnlyList<Source> Sources,
    IReadOnlyList<string> FactIds,
    IReadOnlyList<Suggestion> Suggestions)
{
    /// <summary>Anything but a sourced answer counts as declined for the user and for evaluation.</summary>
    public bool Declined => Kind != AnswerKind.Answered;

    /// <summary>The article sentences behind the reply as they were written (a reply in the other language is built
    /// from one of them), for <c>/sources</c> and <c>ask --json</c>.</summary>
    public IReadOnlyList<Quote> Quotes { get; init; } = [];

    /// <summary>Names this answer in logs and feedback (a Telegram 👍 refers to it); 12 hex characters.</summary>
    public string Id { get; init; } = Guid.NewGuid().ToString("N")[..12];
}

/// <summary>A sentence of a source as written.</summary>
public sealed record Quote(string SourceId, string Text);
