using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NanshanBot.Answering;
using NanshanBot.Answering.Conversations;
using NanshanBot.Answering.Llm;
using NanshanBot.Channels;
using NanshanBot.Curation;
using NanshanBot.Operations;
using NanshanBot.Retrieval;
using NanshanBot.State.Redis;

namespace NanshanBot.Hosting;

public static class ServiceRegistration
{
    /// <summary>Registers the answering pipeline and the inbound gateway: knowledge (loaded and validated by the
    /// <see cref="KnowledgeFactory"/> when first needed, which the service does as it starts), retrieval,
    /// composer, conversations, operations and the state instances share (Redis when configured). Binds every
    /// section it uses once; reads no file and creates no folder.</summary>
    public static IServiceCollection AddAnsweringPipeline(this IServiceCollection services, IConfiguration configuration, bool watchKnowledge = false)
    {
        services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection(KnowledgeOptions.Section))
            .PostConfigure<IOptions<DataOptions>>((knowledge, data) => knowledge.CacheFolder ??= data.Value.Folder("index-cache"));
        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.Section));
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection("Retrieval"));
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection("Conversation"));
        services.AddAnswering();
        services.AddOperations(watchKnowledge);
        services.AddSharedState(configuration);
        services.AddLlmWriter(configuration);
        services.AddCuration(configuration);
        services.AddChatGateway();
        return services;
    }
}
