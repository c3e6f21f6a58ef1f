using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NanshanBot.Answering;
using NanshanBot.Hosting;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Operations;

/// <summary>The service listens while its knowledge loads: it says it is not ready, a question waits for the
/// knowledge (without a thread) and is answered from it once it is loaded; a load that fails surfaces the folder's
/// problems as they are, to whatever reads the knowledge.</summary>
public sealed class KnowledgeLoadingTests
{
    [Fact]
    public async Task AQuestionAskedWhileTheKnowledgeLoadsIsAnsweredFromItOnceLoadedAndReadinessFollows()
    {
        var loading = new TaskCompletionSource<KnowledgeIndex>();
        var state = new KnowledgeState(loading.Task);
        var services = new ServiceCollection().AddLogging().AddAnswering(new Bot().Index).AddSingleton(state).BuildServiceProvider();
        var ready = new ChannelsReady(state, []);

        var answering = services.GetRequiredService<AnswerEngine>().AnswerAsync(new Question("loading", "南山区2025年GDP是多少？"));
        await Task.Delay(200);

        Assert.False(answering.IsCompleted);
        Assert.False(state.IsLoaded);
        Assert.Equal(HealthStatus.Unhealthy, (await ready.CheckHealthAsync(new HealthCheckContext())).Status);

        loading.SetResult(new Bot().Index);
        var answer = await answering.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(answer.Declined);
        Assert.Contains("2025", answer.Text);
        Assert.True(state.IsLoaded);
        Assert.Equal(HealthStatus.Healthy, (await ready.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task AFailedLoadSurfacesTheFoldersProblemsToWhateverReadsTheKnowledge()
    {
        var problem = new KnowledgeValidationException([new KnowledgeError("facts/broken.kb", 3, "expected 'key: value'")]);
        var state = new KnowledgeState(Task.Run(new Func<KnowledgeIndex>(() => throw problem)));

        Assert.Same(problem, await Assert.ThrowsAsync<KnowledgeValidationException>(() => state.Loaded));
        Assert.Same(problem, Assert.Throws<KnowledgeValidationException>(() => state.Current));
        Assert.False(state.IsLoaded);
    }
}
