using System.Globalization;
using NanshanBot.Retrieval;

namespace NanshanBot.Operations;

/// <summary>
/// The admin commands every channel offers to its admins (Telegram:AdminUserIds, WeChat:AdminOpenIds):
/// /reload, /stats, /unanswered, /version, /import (<see cref="ImportCommand"/>). A channel asks <see cref="IsCommand"/> and checks the sender itself;
/// to anyone else these are just unknown commands.
/// </summary>
public sealed class AdminCommands(
    KnowledgeReloader reloader, QuestionLog log, UnansweredReport unanswered, SharedCounters counters, KnowledgeState knowledge, TimeProvider time,
    ImportCommand import)
{
    public static readonly string[] Names = ["/reload", "/stats", "/unanswered", "/version", "/import"];

    public static bool IsCommand(string text) => Names.Contains(Name(text));

    public async Task<string> RunAsync(string text, CancellationToken cancellationToken)
    {
        switch (Name(text))
        {
            case "/reload":
                return (await reloader.ReloadAsync(cancellationToken)).Report;
            case "/stats":
                await log.FlushAsync(cancellationToken);
                await counters.FlushAsync();
                return Shared(await counters.TotalsAsync(cancellationToken)) + "\n" + Stats(log.Statistics());
            case "/unanswered":
                return await UnansweredAsync(cancellationToken);
            case "/import":
                return await import.RunAsync(text, cancellationToken);
            default:
                return Version();
        }
    }

    private async Task<string> UnansweredAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<UnansweredGroup> groups;
        try
        {
            groups = await unanswered.TopAsync(time.GetUtcNow().AddDays(-30), 10, cancellationToken);
        }
        catch (TimeoutException)
        {
            return "Counting the declined questions took too long; try again in a moment (or run kb unanswered on the server).";
        }

        return groups.Count == 0
            ? "No declined questions in the last 30 days."
            : "Most frequent declined questions (30 days):\n" + string.Join("\n", groups.Select(g => $"{g.Count,4} × {g.Example}"));
    }

    /// <summary>The command word of a message: "/stats@nanshan_bot now" is /stats.</summary>
    private static string Name(string text) => text.Trim().Split(' ', '@')[0].ToLowerInvariant();

    private static string Shared(SharedTotals t) => string.Create(CultureInfo.InvariantCulture, $"""
        All instances (counted in {t.Where}):
        Today {t.Today["questions"]} questions ({t.Today["answered"]} answered, {t.Today["declined"]} declined), {t.Today["helpful"]} 👍, {t.Today["not-helpful"]} 👎
        Last {SharedCounters.Days} days {t.Week["questions"]} questions ({t.Week["answered"]} answered, {t.Week["declined"]} declined), {t.Week["helpful"]} 👍, {t.Week["not-helpful"]} 👎
        This instance's log:
        """);

    private string Stats(Statistics s)
    {
        var status = reloader.Status;
        double Share(long part) => s.Total == 0 ? 0 : 100.0 * part / s.Total;
        return string.Create(CultureInfo.InvariantCulture, $"""
            Questions: {s.Today} today, {s.Total} in total
            Answered {Share(s.Answered):0.#}%, declined {Share(s.Declined):0.#}%
            Latency p50 {s.LatencyP50Ms:0.##} ms, p99 {s.LatencyP99Ms:0.##} ms
            Feedback: {s.Helpful} 👍, {s.NotHelpful} 👎
            Knowledge {knowledge.Current.Knowledge.Version}, loaded {status.LoadedAt:yyyy-MM-dd HH:mm:ss} UTC in {status.LoadTime.TotalMilliseconds:0} ms
            """);
    }

    private string Version() =>
        $"NanshanBot {typeof(AdminCommands).Assembly.GetName().Version}, knowledge {knowledge.Current.Knowledge.Version} ({knowledge.Current.Knowledge.Facts.Count} facts)";
}
