using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Fakes;
using NanshanBot.Operations;
using NanshanBot.Retrieval;
using NanshanBot.Tests.Channels.Telegram;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Operations;

/// <summary>What admins and operators rely on, against the running service.</summary>
public sealed class OperationsTests : IAsyncLifetime
{
    private readonly string knowledge = TestKnowledge.Copy();
    private readonly HttpClient http = new();
    private BotService service = null!;

    public async Task InitializeAsync() =>
        service = await BotService.StartAsync(new Dictionary<string, string?> { ["Knowledge:Path"] = knowledge, ["Web:RequestsPerMinute"] = "100000" });

    public async Task DisposeAsync()
    {
        http.Dispose();
        await service.DisposeAsync();
        Repository.Delete(knowledge);
    }

    private async Task<(HttpStatusCode Status, string Reply, bool Declined)> AskAsync(string text)
    {
        var response = await http.PostAsJsonAsync(service.Url + "/api/chat", new { conversationId = Guid.NewGuid().ToString("N"), text });
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, "", true);
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("reply").GetString()!, body.GetProperty("declined").GetBoolean());
    }

    private const string NewFact = """

        [fact test-ferry]
        source: szmeng-2026-01-28
        about: nanshan
        zh: 测试：蛇口渡轮码头每小时发一班船。
        en: Test: ferries leave Shekou pier every hour.
        """;

    [Fact]
    public async Task AnEditIsServedWithoutRestartAndNoQuestionFailsDuringTheSwap()
    {
        var failures = 0;
        var answered = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, reply, declined) = await AskAsync("南山区人均GDP有多少？");
                if (status != HttpStatusCode.OK || declined || !reply.Contains("54万"))
                {
                    Interlocked.Increment(ref failures);
                }

                Interlocked.Increment(ref answered);
            }
        });
        Assert.True((await AskAsync("蛇口渡轮码头多久一班船？")).Declined);
        await service.EventuallyAsync(() => Volatile.Read(ref answered) >= 3, because: "questions streaming in before the edit");

        File.AppendAllText(Path.Combine(knowledge, "facts", "events.kb"), NewFact);
        // How soon an edit is live is a figure of the bench (`--only scale`), not of a timed test; here it has
        // EventuallyAsync's 30 s.
        await service.EventuallyAsync(() => !AskAsync("蛇口渡轮码头多久一班船？").Result.Declined, because: "the new fact answered");
        var afterSwap = Volatile.Read(ref answered);
        await service.EventuallyAsync(() => Volatile.Read(ref answered) >= afterSwap + 3, because: "questions streaming in after the swap");
        await stop.CancelAsync();
        await load;

        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task AReloadGivesBackTheIndexItReplaced()
    {
        var reloader = service.Services.GetRequiredService<KnowledgeReloader>();
        var replaced = Track(service.Services.GetRequiredService<KnowledgeState>());
        File.AppendAllText(Path.Combine(knowledge, "facts", "events.kb"), NewFact);

        var (ok, report) = await reloader.ReloadAsync(CancellationToken.None);

        Assert.True(ok, report);
        // No collection here: the one the reload ran after the swap must already have taken it.
        Assert.False(replaced.IsAlive, "the replaced index outlived the reload's compaction");
    }

    /// <summary>The serving index, held only weakly (and by no frame of the test).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Track(KnowledgeState state) => new(state.Current);

    [Fact]
    public async Task ABrokenEditKeepsTheOldKnowledgeAndIsReported()
    {
        var reloader = service.Services.GetRequiredService<KnowledgeReloader>();
        var before = reloader.Status.Version;

        File.WriteAllText(Path.Combine(knowledge, "facts", "broken.kb"), "[fact broken]\nsource: szmeng-2026-01-28\nzh 没有冒号\n");
        await service.EventuallyAsync(() => reloader.Status.LastError is not null, because: "the broken edit noticed");

        Assert.Contains("facts/broken.kb:3", reloader.Status.LastError);
        Assert.Equal(before, reloader.Status.Version);
        Assert.Contains("54万", (await AskAsync("南山区人均GDP有多少？")).Reply);
        Assert.Contains(service.Logs.Lines, l => l.Contains("Knowledge edit rejected") && l.Contains("facts/broken.kb:3"));
        Assert.Matches(@"nanshanbot_reloads_total\{[^}]*result=""invalid""[^}]*\} 1", await http.GetStringAsync(service.Url + "/metrics"));
    }

    [Fact]
    public async Task AFileThatCannotBeReadIsRejectedByTheReloadAndTheWatcherKeepsWatching()
    {
        var reloader = service.Services.GetRequiredService<KnowledgeReloader>();
        var gone = Path.Combine(knowledge, "facts", "gone.kb");

        File.CreateSymbolicLink(gone, Path.Combine(knowledge, "facts", "deleted-meanwhile.kb"));
        await service.EventuallyAsync(() => reloader.Status.LastError is not null, because: "the unreadable file noticed");
        Assert.Contains("facts/gone.kb: cannot be read", reloader.Status.LastError);
        Assert.Contains("54万", (await AskAsync("南山区人均GDP有多少？")).Reply);

        File.Delete(gone);
        File.AppendAllText(Path.Combine(knowledge, "facts", "events.kb"), NewFact);
        await service.EventuallyAsync(() => !AskAsync("蛇口渡轮码头多久一班船？").Result.Declined, because: "the next edit served");
    }

    [Fact]
    public async Task DeclinedQuestionsAreRecordedAndGroupedByWording()
    {
        await AskAsync("南山区的房价多少？");
        await AskAsync("南山房价是多少");
        await AskAsync("南山区今天下雨吗？");
        await AskAsync("南山区人均GDP有多少？");
        var log = service.Services.GetRequiredService<QuestionLog>();

        var groups = await service.Services.GetRequiredService<UnansweredReport>().TopAsync(DateTimeOffset.UtcNow.AddDays(-1), 10, CancellationToken.None);

        Assert.Equal(2, groups.Count);
        Assert.Equal(2, groups[0].Count);
        Assert.Contains("房价", groups[0].Example);
        Assert.Equal(1, log.Statistics().Answered);
    }

    [Fact]
    public async Task EveryQuestionReachesTheQuestionLogWithoutAFlush()
    {
        for (var i = 0; i < 20; i++)
        {
            await AskAsync(i % 2 == 0 ? "南山区人均GDP有多少？" : "南山区今天下雨吗？");
        }

        var log = service.Services.GetRequiredService<QuestionLog>();
        await service.EventuallyAsync(() => log.Statistics().Total == 20, because: "the writer's batches written by themselves");

        Assert.Equal(10, log.Statistics().Declined);
    }

    [Fact]
    public async Task MetricsCountThisHostsQuestionsByChannelAndOutcome()
    {
        // Another host in the same process, asked twice: its counts are not this host's.
        await using (var other = await BotService.StartAsync(new Dictionary<string, string?> { ["Knowledge:Path"] = TestKnowledge.Folder }))
        {
            await http.PostAsJsonAsync(other.Url + "/api/chat", new { conversationId = "other", text = "南山区人均GDP有多少？" });
            await http.PostAsJsonAsync(other.Url + "/api/chat", new { conversationId = "other", text = "南山区今天下雨吗？" });
        }

        for (var i = 0; i < 3; i++)
        {
            await AskAsync("南山区人均GDP有多少？");
        }

        await AskAsync("南山区今天下雨吗？");
        var metrics = await http.GetStringAsync(service.Url + "/metrics");

        Assert.Matches(@"nanshanbot_messages_total\{[^}]*channel=""web""[^}]*\} 4", metrics);
        Assert.Matches(@"nanshanbot_answers_total\{[^}]*channel=""web"",outcome=""answered""[^}]*\} 3", metrics);
        Assert.Matches(@"nanshanbot_declines_total\{[^}]*channel=""web""[^}]*\} 1", metrics);
        Assert.Contains("nanshanbot_answer_latency_milliseconds_bucket", metrics);
    }

    [Fact]
    public async Task ReadinessAndLivenessAnswer()
    {
        Assert.Equal("Healthy", await http.GetStringAsync(service.Url + "/readyz"));
        Assert.Equal("ok", await http.GetStringAsync(service.Url + "/healthz"));
    }
}
