using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NanshanBot.Answering.Grounding;
using NanshanBot.Retrieval;

namespace NanshanBot.Operations;

public static class OperationsRegistration
{
    /// <summary>Statistics and the unanswered-question log (SQLite in <paramref name="dataFolder"/>, kept for
    /// <paramref name="retentionDays"/> by the service), metrics, admin commands, and the reloader of
    /// <paramref name="knowledgePath"/> (watched when <paramref name="watch"/>).</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, string dataFolder, string knowledgePath, bool watch, int retentionDays)
    {
        var database = Path.Combine(dataFolder, "questions.db");
        services.AddSingleton<BotMetrics>();
        services.AddSingleton<IAnswerObserver>(sp => sp.GetRequiredService<BotMetrics>());
        services.AddSingleton(sp => new QuestionLog(database, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<QuestionLog>>()));
        services.AddSingleton<IAnswerObserver>(sp => sp.GetRequiredService<QuestionLog>());
        services.AddSingleton<IFeedbackObserver>(sp => sp.GetRequiredService<QuestionLog>());
        services.AddSingleton<SharedCounters>();
        services.AddSingleton<IAnswerObserver>(sp => sp.GetRequiredService<SharedCounters>());
        services.AddSingleton<IFeedbackObserver>(sp => sp.GetRequiredService<SharedCounters>());
        services.AddSingleton(sp => new KnowledgeReloader(sp.GetRequiredService<KnowledgeState>(), knowledgePath,
            sp.GetRequiredService<BotMetrics>(), sp.GetServices<IAdminNotifier>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<KnowledgeReloader>>()));
        services.AddSingleton<AdminCommands>();
        services.AddSingleton(sp => new UnansweredReport(database, sp.GetRequiredService<QuestionLog>(), sp.GetRequiredService<KnowledgeState>(),
            sp.GetRequiredService<TimeProvider>()));
        if (watch)
        {
            services.AddHostedService(sp => sp.GetRequiredService<QuestionLog>());
            services.AddHostedService(sp => new QuestionLogRetention(database, sp.GetRequiredService<QuestionLog>(), TimeSpan.FromDays(retentionDays),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QuestionLogRetention>>()));
            services.AddHostedService(sp => new KnowledgeWatcher(sp.GetRequiredService<KnowledgeReloader>(), knowledgePath,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KnowledgeWatcher>>()));
        }

        return services;
    }
}
