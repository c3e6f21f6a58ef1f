using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NanshanBot.Answering;
using NanshanBot.Answering.Llm;
using NanshanBot.Fakes;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Answering.Llm;

/// <summary>The answering pipeline with the real Semantic Kernel connector pointed at a fake OpenAI server.</summary>
public sealed class LlmBot : IAsyncDisposable
{
    private static readonly Lazy<KnowledgeIndex> Index =
        new(() => KnowledgeFactory.Load(Repository.Knowledge));

    private readonly ServiceProvider services;

    private LlmBot(FakeOpenAi model, ServiceProvider services, LogSink logs)
    {
        Model = model;
        this.services = services;
        Logs = logs;
    }

    public FakeOpenAi Model { get; }

    public LogSink Logs { get; }

    public AnswerEngine Engine => services.GetRequiredService<AnswerEngine>();

    public static async Task<LlmBot> StartAsync(double timeoutSeconds = 3.5, double breakSeconds = 30,
        Dictionary<string, string?>? extra = null, TimeProvider? clock = null)
    {
        var model = await FakeOpenAi.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = model.Endpoint,
            ["Llm:Model"] = "m",
            ["Llm:ApiKey"] = "k",
            ["Llm:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Llm:BreakSeconds"] = breakSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new LogSink();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs))
            .AddSingleton(clock ?? TimeProvider.System)
            .AddAnswering(Index.Value)
            .AddLlmWriter(configuration)
            .BuildServiceProvider();
        return new LlmBot(model, services, logs);
    }

    public Task<Answer> AskAsync(string text, string conversation = "llm") => Engine.AnswerAsync(new Question(conversation, text));

    /// <summary>The answer the bot gives with no model, for comparison.</summary>
    public static Answer Offline(string text) => new Bot().Ask(text, Guid.NewGuid().ToString());

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Model.DisposeAsync();
    }
}
