using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NanshanBot.Answering.Conversations;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;
using NanshanBot.State;

namespace NanshanBot.Answering;

public static class AnsweringRegistration
{
    /// <summary>Registers the answering pipeline: the knowledge (<paramref name="index"/>, or the folder of
    /// <see cref="KnowledgeOptions"/>, which the <see cref="KnowledgeFactory"/> loads in the background from when it
    /// is first needed), retrieval, composer, conversations, the engine. The clock is the system's, and state this
    /// process's memory, unless registered already. Reads nothing.</summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services, KnowledgeIndex? index = null)
    {
        services.AddOptions<KnowledgeOptions>();
        services.AddSingleton<KnowledgeFactory>();
        // The state itself, not a factory that captures the index: that would keep the first index alive past
        // every reload.
        if (index is not null)
        {
            services.AddSingleton(new KnowledgeState(index));
        }
        else
        {
            // Loaded on a thread of its own from when the state is first resolved: a service listens (and says it is
            // not ready) meanwhile, and whatever reads the knowledge waits for it.
            services.AddSingleton(sp =>
            {
                var factory = sp.GetRequiredService<KnowledgeFactory>();
                return new KnowledgeState(Task.Run(() => factory.Load()));
            });
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RetrievalOptions>();
        services.AddOptions<ConversationOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RetrievalOptions>>().Value);
        services.AddSingleton<Retriever>();
        services.AddSingleton<AnswerComposer>();
        services.TryAddSingleton<ISharedState>(sp => new LocalState(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<QuestionRouter>();
        services.AddSingleton<AnswerEngine>();
        return services;
    }
}
