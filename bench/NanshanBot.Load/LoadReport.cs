using System.Globalization;
using System.Text.Json;

namespace NanshanBot.Load;

/// <summary>What a run measured: throughput, latency by phase (redis up / down / back), errors, Telegram
/// updates never answered, duplicate Telegram replies, WeChat replies computed more than once, and WeChat
/// deliveries of one message that got different replies.</summary>
public sealed record LoadReport(
    LoadOptions Options,
    TimeSpan Elapsed,
    int WeChatMessages,
    int TelegramMessages,
    IReadOnlyList<(string Phase, string Channel, TimeSpan Latency)> Latencies,
    IReadOnlyList<(string Phase, string Error)> Errors,
    int UnansweredTelegram,
    int DuplicateTelegramReplies,
    IReadOnlyDictionary<string, int> ExtraWeChatComputations,
    int DifferingWeChatReplies)
{
    private static readonly List<string> PhaseOrder = ["whole run", "redis up", "redis down", "reconnecting", "redis back"];

    public double MessagesPerSecond => (WeChatMessages + TelegramMessages) / Elapsed.TotalSeconds;

    public void Print(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{WeChatMessages + TelegramMessages} messages ({WeChatMessages} WeChat, {TelegramMessages} Telegram) through 2 instances in {Elapsed.TotalSeconds:0.00} s: {MessagesPerSecond:0} messages/s"));
        foreach (var group in Latencies.GroupBy(l => l.Phase).OrderBy(g => PhaseOrder.IndexOf(g.Key)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group.Key,-12}: {Describe(group)}, {Errors.Count(e => e.Phase == group.Key)} errors, {ExtraWeChatComputations.GetValueOrDefault(group.Key)} WeChat replies computed twice"));
            foreach (var channel in group.GroupBy(l => l.Channel))
            {
                output.WriteLine($"    {channel.Key,-10}: {Describe(channel)}");
            }
        }

        foreach (var error in Errors.GroupBy(e => e.Error).Take(5))
        {
            output.WriteLine($"  error x{error.Count()}: {error.Key}");
        }

        output.WriteLine($"errors {Errors.Count}, unanswered Telegram updates {UnansweredTelegram}, duplicate Telegram replies {DuplicateTelegramReplies}, " +
            $"WeChat deliveries of one message with different replies {DifferingWeChatReplies}, WeChat replies computed twice {ExtraWeChatComputations.Values.Sum()}");
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var phases = Latencies.GroupBy(l => l.Phase).ToDictionary(g => g.Key, g =>
        {
            var ms = g.Select(l => l.Latency.TotalMilliseconds).Order().ToList();
            return new
            {
                deliveries = ms.Count, p50_ms = Percentile(ms, 0.5), p99_ms = Percentile(ms, 0.99), errors = Errors.Count(e => e.Phase == g.Key),
                extra_wechat_computations = ExtraWeChatComputations.GetValueOrDefault(g.Key),
            };
        });
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            messages = WeChatMessages + TelegramMessages, wechat = WeChatMessages, telegram = TelegramMessages, seconds = Elapsed.TotalSeconds,
            messages_per_second = MessagesPerSecond, phases, errors = Errors.Count, unanswered_telegram = UnansweredTelegram,
            duplicate_telegram_replies = DuplicateTelegramReplies, differing_wechat_replies = DifferingWeChatReplies,
            extra_wechat_computations = ExtraWeChatComputations.Values.Sum(), stop_redis_halfway = Options.StopRedisHalfway,
        }, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Whether nothing went wrong that a user would see: no error, no unanswered update, no duplicate
    /// or differing reply.</summary>
    public bool Clean => Errors.Count == 0 && UnansweredTelegram == 0 && DuplicateTelegramReplies == 0 && DifferingWeChatReplies == 0;

    private static string Describe(IEnumerable<(string Phase, string Channel, TimeSpan Latency)> latencies)
    {
        var ms = latencies.Select(l => l.Latency.TotalMilliseconds).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{ms.Count} deliveries, p50 {Percentile(ms, 0.5):0.0} ms, p99 {Percentile(ms, 0.99):0.0} ms");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
