using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NanshanBot.Answering;
using NanshanBot.Answering.Conversations;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;
using NanshanBot.State;

namespace NanshanBot.Tests.Support;

/// <summary>The real answering pipeline (as the service registers it) over a knowledge folder (the bundled one
/// by default), with a fake clock.</summary>
public sealed class Bot
{
    private static readonly Lazy<KnowledgeIndex> BundledIndex =
        new(() => KnowledgeFactory.Load(Repository.Knowledge));

    /// <param name="state">A shared state of its own (a Redis other instances use too); this process's memory by default.</param>
    public Bot(KnowledgeIndex? index = null, ISharedState? state = null)
    {
        index ??= BundledIndex.Value;
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock);
        if (state is not null)
        {
            services.AddSingleton(state);
        }

        Services = services.AddAnswering(index).BuildServiceProvider();
    }

    /// <summary>The index serving now (what a reload replaces: <see cref="KnowledgeState.Replace"/>).</summary>
    public KnowledgeIndex Index => Services.GetRequiredService<KnowledgeState>().Current;

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services { get; }

    public Retriever Retriever => Services.GetRequiredService<Retriever>();

    public ConversationStore Conversations => Services.GetRequiredService<ConversationStore>();

    public AnswerEngine Engine => Services.GetRequiredService<AnswerEngine>();

    public static KnowledgeIndex Load(string folder) => KnowledgeFactory.Load(folder);

    public Answer Ask(string text, string conversation = "test") =>
        Engine.AnswerAsync(new Question(conversation, text)).GetAwaiter().GetResult();
}
