using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NanshanBot.Answering;
using NanshanBot.Answering.Conversations;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;

namespace NanshanBot.Tests.Support;

/// <summary>The real answering pipeline over a knowledge folder (the bundled one by default), with a fake clock.</summary>
public sealed class Bot
{
    private static readonly Lazy<KnowledgeIndex> BundledIndex =
        new(() => new KnowledgeIndex(KnowledgeLoader.Load(Repository.Knowledge), LanguageResources.Default));

    public Bot(KnowledgeIndex? index = null)
    {
        Index = index ?? BundledIndex.Value;
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var options = new RetrievalOptions();
        Retriever = new Retriever(options);
        Conversations = new ConversationStore(Clock, Options.Create(new ConversationOptions()));
        Engine = new AnswerEngine(new KnowledgeState(Index), Retriever, new AnswerComposer(), Conversations,
            Clock, NullLogger<AnswerEngine>.Instance);
    }

    public KnowledgeIndex Index { get; }

    public FakeTimeProvider Clock { get; }

    public Retriever Retriever { get; }

    public ConversationStore Conversations { get; }

    public AnswerEngine Engine { get; }

    public static KnowledgeIndex Load(string folder) => new(KnowledgeLoader.Load(folder), LanguageResources.Default);

    public Answer Ask(string text, string conversation = "test") => Engine.Answer(new Question(conversation, text));
}
