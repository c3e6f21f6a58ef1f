using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Answering;
using NanshanBot.Answering.Conversations;
using NanshanBot.Answering.Llm;
using NanshanBot.Channels;
using NanshanBot.Operations;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.State.Redis;

namespace NanshanBot.Hosting;

public static class ServiceRegistration
{
    /// <summary>Registers the answering pipeline: knowledge (loaded and validated now, so that an invalid
    /// knowledge base stops the program before it serves anyone), retrieval, composer, conversations and the state
    /// instances share (Redis when configured).</summary>
    public static IServiceCollection AddAnsweringPipeline(this IServiceCollection services, IConfiguration configuration, bool watchKnowledge = false)
    {
        var options = configuration.GetSection(KnowledgeOptions.Section).Get<KnowledgeOptions>() ?? new KnowledgeOptions();
        var path = options.ResolvePath();
        var data = configuration.GetSection(DataOptions.Section).Get<DataOptions>() ?? new DataOptions();
        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.Section))
            .Validate(o => o.RetentionDays >= 1, "Data:RetentionDays must be at least 1 (the days of question log to keep).").ValidateOnStart();
        services.AddOperations(data.Folder(""), path, watchKnowledge, Math.Max(1, data.RetentionDays));
        var knowledge = KnowledgeLoader.Load(path);
        services.AddSingleton(new KnowledgeSource(path));
        services.AddAnswering(new KnowledgeIndex(knowledge, LanguageResources.Default));
        services.Configure<RetrievalOptions>(configuration.GetSection("Retrieval"));
        services.Configure<ConversationOptions>(configuration.GetSection("Conversation"));
        services.AddSharedState(configuration);
        services.AddLlmWriter(configuration);
        services.AddChatGateway();
        return services;
    }
}

/// <summary>The folder the running knowledge was loaded from.</summary>
public sealed record KnowledgeSource(string Path);
