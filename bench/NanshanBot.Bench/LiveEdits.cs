using System.Diagnostics;

namespace NanshanBot.Bench;

/// <summary>
/// How long an admin's edit takes to reach users of the running service: an article added (with a fact found
/// nowhere else, about an invented event), an existing article edited (a sentence with another invented fact
/// added to a Chinese one) and the added article removed, each timed from the file write to the first reply through
/// POST /api/chat that shows it.
/// </summary>
public static class LiveEdits
{
    // "在哪天" rather than "在哪里": today the bot declines where-questions about a venue it has no term for.
    private const string AddedQuestion = "鲸湾杯机器人足球邀请赛在哪天举行？";
    private const string AddedFact = "海贝湾体育馆";
    private const string EditedQuestion = "青橙版画双年展在哪天开幕？";
    private const string EditedFact = "10月9日";

    private const string AddedArticle = """
        ---
        title: 第一届鲸湾杯机器人足球邀请赛举行
        publisher: 基准测试
        date: 2026-11-20
        lang: zh
        ---
        2026年11月14日，第一届鲸湾杯机器人足球邀请赛在南山区海贝湾体育馆举行，共有十六支高校和企业队伍参赛。

        """;

    private const string EditedSentence = "\n2026年10月9日，第一届青橙版画双年展在紫藤艺术仓开幕，展出作品三百余件。\n";

    /// <summary>Milliseconds to each edit going live (NaN if it did not within <paramref name="allowed"/>);
    /// the edited article is put back as it was before the method returns.</summary>
    public static async Task<(double Added, double Edited, double Removed)> MeasureAsync(ServiceProcess service, string knowledge, TimeSpan allowed)
    {
        var articles = Path.Combine(knowledge, "articles");
        var added = Path.Combine(articles, "bench-live-added.md");
        var existing = Directory.EnumerateFiles(articles, "gen-*.md").Order(StringComparer.Ordinal)
            .FirstOrDefault(f => File.ReadLines(f).Contains("lang: zh")) ?? Directory.EnumerateFiles(articles, "*.md").First();
        var original = await File.ReadAllTextAsync(existing);
        if ((await service.AskAsync(AddedQuestion)).Reply.Contains(AddedFact, StringComparison.Ordinal)
            || (await service.AskAsync(EditedQuestion)).Reply.Contains(EditedFact, StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("bench: the invented facts are answered before they are written; edit times are meaningless");
        }

        try
        {
            var addMs = await UntilAsync(service, () => File.WriteAllText(added, AddedArticle), AddedQuestion, shows: true, AddedFact, allowed);
            var editMs = await UntilAsync(service, () => File.AppendAllText(existing, EditedSentence), EditedQuestion, shows: true, EditedFact, allowed);
            var removeMs = await UntilAsync(service, () => File.Delete(added), AddedQuestion, shows: false, AddedFact, allowed);
            return (addMs, editMs, removeMs);
        }
        finally
        {
            File.Delete(added);
            await File.WriteAllTextAsync(existing, original);
        }
    }

    /// <summary>Makes the change, then asks every 20 ms until the reply shows (or no longer shows) the fact.</summary>
    private static async Task<double> UntilAsync(ServiceProcess service, Action change, string question, bool shows, string fact, TimeSpan allowed)
    {
        var clock = Stopwatch.StartNew();
        change();
        while (clock.Elapsed < allowed)
        {
            var (reply, declined) = await service.AskAsync(question);
            if (shows == (!declined && reply.Contains(fact, StringComparison.Ordinal)))
            {
                return clock.Elapsed.TotalMilliseconds;
            }

            await Task.Delay(20);
        }

        await Console.Error.WriteLineAsync($"bench: '{question}' did not {(shows ? "show" : "drop")} '{fact}' within {allowed.TotalSeconds:0} s");
        return double.NaN;
    }
}
