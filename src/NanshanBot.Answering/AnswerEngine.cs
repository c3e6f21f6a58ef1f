using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NanshanBot.Answering.Conversations;
using NanshanBot.Answering.Grounding;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Search;

namespace NanshanBot.Answering;

/// <summary>
/// The one pipeline every channel uses: a question (and its conversation) in, an answer out. Retrieval always
/// runs first; what it cannot answer is declined (no model is asked). With an <see cref="IGroundedWriter"/>
/// configured, the model phrases the answer from the retrieved facts within its deadline, and its text must pass
/// <see cref="GroundedAnswerChecker"/>; on any failure the offline answer stands.
/// </summary>
public sealed partial class AnswerEngine(
    KnowledgeState knowledge,
    QuestionRouter router,
    ConversationStore conversations,
    ILogger<AnswerEngine> logger,
    IEnumerable<IAnswerObserver> observers,
    IGroundedWriter? writer = null)
{
    /// <summary>How many retrieved facts a model is given.</summary>
    private const int MaxFactsForModel = 5;

    // An array, so that notifying them allocates no enumerator per question.
    private readonly IAnswerObserver[] observers = [.. observers];

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken = default)
    {
        if (writer is null)
        {
            // The offline path is synchronous: no enumerators, no state machines beyond this one.
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await WhenLoaded(cancellationToken);
            var last = await conversations.LastAsync(question.ConversationId, cancellationToken);
            var routed = router.Route(knowledge.Current, question, last);
            await RememberAsync(question, routed, last, cancellationToken);
            Observe(question, routed.Answer, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return routed.Answer;
        }

        Answer? final = null;
        await foreach (var update in RunAsync(question, stream: false, cancellationToken))
        {
            final = update.Final ?? final;
        }

        return final!;
    }

    /// <summary>The answer as it is written (model text pieces), then the final, checked answer.</summary>
    public IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, CancellationToken cancellationToken = default) =>
        RunAsync(question, stream: true, cancellationToken);

    /// <summary>The introduction with example questions (for /start, /help, a WeChat subscribe, a new web chat).</summary>
    public Answer Introduce(Language language) => router.Introduce(language);

    /// <summary>The knowledge answers come from right now (for /about).</summary>
    public KnowledgeBase Knowledge => knowledge.Current.Knowledge;

    /// <summary>The question a suggestion button stands for (see <see cref="Suggestion.Key"/>).</summary>
    public string? Suggested(string key) => Suggestion.Resolve(key, knowledge.Current.Knowledge);

    private async IAsyncEnumerable<AnswerUpdate> RunAsync(Question question, bool stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await foreach (var update in ComposeAsync(question, stream, cancellationToken))
        {
            if (update.Final is { } final)
            {
                Observe(question, final, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }

            yield return update;
        }
    }

    /// <summary>Waits without a thread for the knowledge a starting service is still loading.</summary>
    private Task WhenLoaded(CancellationToken cancellationToken) =>
        knowledge.IsLoaded ? Task.CompletedTask : knowledge.Loaded.WaitAsync(cancellationToken);

    private async IAsyncEnumerable<AnswerUpdate> ComposeAsync(Question question, bool stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await WhenLoaded(cancellationToken);
        var index = knowledge.Current;
        var last = await conversations.LastAsync(question.ConversationId, cancellationToken);
        var routed = router.Route(index, question, last);
        if (routed.Result is not { } result || writer is null || !await writer.TryReserveAsync(cancellationToken))
        {
            await RememberAsync(question, routed, last, cancellationToken);
            yield return new AnswerUpdate(null, routed.Answer);
            yield break;
        }

        var request = Request(result, routed, last);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(writer.Timeout);
        var reply = new ModelReply(request, index);
        if (stream)
        {
            // Only sentences that passed the check are shown while the model writes.
            await foreach (var shown in reply.StreamAsync(writer.StreamAsync(request, deadline.Token), deadline.Token, cancellationToken))
            {
                yield return new AnswerUpdate(shown, null);
            }
        }
        else
        {
            await reply.CompleteAsync(() => writer.CompleteAsync(request, deadline.Token), cancellationToken);
        }

        var final = Checked(request, reply, index);
        if (stream && !ReferenceEquals(final, request.Offline) && reply.Release(complete: true) is { Length: > 0 } rest)
        {
            yield return new AnswerUpdate(rest, null);
        }

        await RememberAsync(question, routed with { Answer = final }, last, cancellationToken);
        yield return new AnswerUpdate(null, final);
    }

    private void Observe(Question question, Answer answer, TimeSpan latency)
    {
        foreach (var observer in observers)
        {
            observer.Observe(question, answer, latency);
        }
    }

    private Answer Checked(GroundedRequest request, ModelReply reply, Retrieval.Index.KnowledgeIndex index)
    {
        if (reply.Failure is { } failure)
        {
            LogFallback(logger, failure is OperationCanceledException ? "timeout" : failure.GetType().Name + ": " + failure.Message);
            return request.Offline;
        }

        var (answer, rejection) = reply.Rejection is { } shownNot ? (null, shownNot) : GroundedAnswerChecker.Check(request, reply.Text, index);
        if (answer is null)
        {
            LogFallback(logger, rejection!);
        }

        return answer ?? request.Offline;
    }

    private static GroundedRequest Request(RetrievalResult result, Routed routed, ConversationTurn? last)
    {
        var language = result.Language;
        var facts = result.Answers.Concat(result.Ranked.Except(result.Answers).Where(c => c.Coverage > 0))
            .Take(MaxFactsForModel)
            .Select((c, i) => new GroundedFact($"F{i + 1}", c.Document.Id, c.Document.Text(c.Document.LanguageFor(language)),
                c.Document.Fact?.Text(language == Language.English ? Language.Chinese : Language.English) ?? "", c.Document.Source))
            .ToList();
        return new GroundedRequest(routed.Text, language, facts, last?.History ?? [], routed.Answer);
    }

    private ValueTask RememberAsync(Question question, Routed routed, ConversationTurn? last, CancellationToken cancellationToken)
    {
        if (routed.Context is not { } context)
        {
            return ValueTask.CompletedTask;
        }

        var previous = last?.History ?? [];
        var history = new List<Exchange>(ConversationTurn.MaxHistory);
        for (var i = Math.Max(0, previous.Count - ConversationTurn.MaxHistory + 1); i < previous.Count; i++)
        {
            history.Add(previous[i]);
        }

        history.Add(new Exchange(routed.Text, routed.Answer.Text));
        return conversations.RememberAsync(question.ConversationId, ConversationTurn.Of(context, routed.Answer.FactIds, history), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model's answer was not used ({Reason}); the offline answer stands")]
    private static partial void LogFallback(ILogger logger, string reason);
}
