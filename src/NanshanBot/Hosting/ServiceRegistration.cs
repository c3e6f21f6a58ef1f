using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Answering;
using NanshanBot.Answering.Conversations;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;

namespace NanshanBot.Hosting;

public static class ServiceRegistration
{
    /// <summary>Registers the answering pipeline: knowledge (loaded and validated now, so that an invalid
    /// knowledge base stops the program before it serves anyone), retrieval, composer and conversations.</summary>
    public static IServiceCollection AddAnsweringPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KnowledgeOptions.Section).Get<KnowledgeOptions>() ?? new KnowledgeOptions();
        var path = options.ResolvePath();
        var knowledge = KnowledgeLoader.Load(path);
        services.AddSingleton(new KnowledgeSource(path));
        services.AddSingleton(new KnowledgeState(new KnowledgeIndex(knowledge, LanguageResources.Default)));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection("Retrieval"));
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection("Conversation"));
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetrievalOptions>>().Value);
        services.AddSingleton<Retriever>();
        services.AddSingleton<AnswerComposer>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<AnswerEngine>();
        return services;
    }
}

/// <summary>The folder the running knowledge was loaded from.</summary>
public sealed record KnowledgeSource(string Path);
