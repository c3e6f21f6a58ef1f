using NanshanBot.Knowledge.Model;

namespace NanshanBot.Answering.Grounding;

/// <summary>A retrieved fact as the model sees it: a short id to cite (F1, F2...), its text in the question's
/// language, and where it comes from.</summary>
public sealed record GroundedFact(string Id, string DocumentId, string Text, string OtherLanguageText, Source Source);

/// <summary>One earlier exchange of the conversation, for the model's context.</summary>
public sealed record Exchange(string Question, string Answer);

/// <summary>Everything a model may use to phrase an answer: the question, the retrieved facts, the recent
/// conversation, and the offline answer that stands if the model fails.</summary>
public sealed record GroundedRequest(
    string Question,
    Language Language,
    IReadOnlyList<GroundedFact> Facts,
    IReadOnlyList<Exchange> History,
    Answer Offline);

/// <summary>
/// An optional writer (an LLM) that phrases an answer from the retrieved facts only. Registered only when
/// configured; without it the offline composer answers. The engine enforces the deadline and checks what comes
/// back (<see cref="GroundedAnswerChecker"/>): the writer only talks to the model.
/// </summary>
public interface IGroundedWriter
{
    /// <summary>How long the writer may take before the offline answer is used instead.</summary>
    TimeSpan Timeout { get; }

    /// <summary>Whether the writer may be called for this question (false: its budget is spent, the offline
    /// answer stands).</summary>
    ValueTask<bool> TryReserveAsync(CancellationToken cancellationToken);

    Task<string> CompleteAsync(GroundedRequest request, CancellationToken cancellationToken);

    IAsyncEnumerable<string> StreamAsync(GroundedRequest request, CancellationToken cancellationToken);
}

/// <summary>Told of every final answer (statistics, metrics, the unanswered-question log). Must be quick: it runs
/// on the answer path.</summary>
public interface IAnswerObserver
{
    void Observe(Question question, Answer answer, TimeSpan latency);
}

/// <summary>Told of every 👍/👎 that counts (the first vote of a user on an answer), whichever channel it came
/// from: the question log and the shared counters, beside <see cref="IAnswerObserver"/>.</summary>
public interface IFeedbackObserver
{
    void Voted(string answerId, bool helpful);
}

/// <summary>A step of a streamed answer: a piece of text as it is written, or the final, checked answer.</summary>
public sealed record AnswerUpdate(string? Delta, Answer? Final);
