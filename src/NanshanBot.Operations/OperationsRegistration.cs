using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NanshanBot.Answering.Grounding;
using NanshanBot.Retrieval;

namespace NanshanBot.Operations;

public static class OperationsRegistration
{
    /// <summary>Statistics and the unanswered-question log (SQLite under <see cref="DataOptions"/>' path, kept for
    /// <c>Data:RetentionDays</c> by the service), metrics, admin commands, and the knowledge reloader (its folder
    /// watched when <paramref name="watch"/>). Reads nothing and creates nothing: the folder and the database
    /// appear when the log is first needed.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, bool watch)
    {
        services.AddOptions<DataOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataOptions>, DataOptionsValidator>();
        services.AddSingleton<BotMetrics>();
        services.AddSingleton<IAnswerObserver>(sp => sp.GetRequiredService<BotMetrics>());
        services.AddSingleton(sp => new QuestionLog(Database(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QuestionLog>>()));
        services.AddSingleton<IAnswerObserver>(sp => sp.GetRequiredService<QuestionLog>());
        services.AddSingleton<IFeedbackObserver>(sp => sp.GetRequiredService<QuestionLog>());
        services.AddSingleton<SharedCounters>();
        services.AddSingleton<IAnswerObserver>(sp => sp.GetRequiredService<SharedCounters>());
        services.AddSingleton<IFeedbackObserver>(sp => sp.GetRequiredService<SharedCounters>());
        services.AddSingleton<KnowledgeReloader>();
        services.AddSingleton<AdminCommands>();
        services.AddSingleton<ImportCommand>();
        services.AddSingleton(sp => new UnansweredReport(Database(sp), sp.GetRequiredService<QuestionLog>(), sp.GetRequiredService<KnowledgeState>(),
            sp.GetRequiredService<TimeProvider>()));
        if (watch)
        {
            services.AddHostedService(sp => sp.GetRequiredService<QuestionLog>());
            services.AddHostedService(sp => new QuestionLogRetention(Database(sp), sp.GetRequiredService<QuestionLog>(),
                TimeSpan.FromDays(sp.GetRequiredService<IOptions<DataOptions>>().Value.RetentionDays),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QuestionLogRetention>>()));
            services.AddHostedService<KnowledgeWatcher>();
        }

        return services;
    }

    private static string Database(IServiceProvider services) => services.GetRequiredService<IOptions<DataOptions>>().Value.QuestionDatabase();
}
