using NanshanBot.Retrieval.Index;

namespace NanshanBot.Retrieval;

/// <summary>The knowledge every question is answered from right now. A reload builds a complete new index
/// and swaps it in with one reference write: a question in flight keeps the index it started with. The first
/// index may still be loading (the service listens meanwhile): <see cref="Current"/> then waits for it, and
/// <see cref="Loaded"/> says when it serves.</summary>
public sealed class KnowledgeState
{
    private KnowledgeIndex? current;

    public KnowledgeState(KnowledgeIndex initial)
    {
        current = initial;
        Loaded = Task.CompletedTask;
    }

    /// <param name="loading">The first index being loaded. Not kept once done: it would hold that index past every
    /// reload.</param>
    public KnowledgeState(Task<KnowledgeIndex> loading)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Loaded = loaded.Task;
        loading.ContinueWith(
            done =>
            {
                if (done.IsCompletedSuccessfully)
                {
                    Interlocked.CompareExchange(ref current, done.Result, null);
                    loaded.SetResult();
                }
                else
                {
                    loaded.SetException(done.Exception?.InnerExceptions ?? [new TaskCanceledException(done)]);
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when the first index serves; faults with what stopped it loading (the folder's problems).</summary>
    public Task Loaded { get; }

    public bool IsLoaded => Volatile.Read(ref current) is not null;

    /// <summary>The index serving now, waiting for the first one to load if need be.</summary>
    /// <exception cref="NanshanBot.Knowledge.Loading.KnowledgeValidationException">The first index could not be loaded.</exception>
    public KnowledgeIndex Current => Volatile.Read(ref current) ?? WaitForFirst();

    public void Replace(KnowledgeIndex index) => Volatile.Write(ref current, index);

    private KnowledgeIndex WaitForFirst()
    {
        Loaded.GetAwaiter().GetResult();
        return Volatile.Read(ref current)!;
    }
}
