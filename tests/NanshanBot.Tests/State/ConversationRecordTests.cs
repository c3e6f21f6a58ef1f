using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NanshanBot.Answering;
using NanshanBot.Answering.Conversations;
using NanshanBot.Fakes;
using NanshanBot.Retrieval;
using NanshanBot.State;
using NanshanBot.State.Redis;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.State;

/// <summary>A conversation's last turn is a small versioned record in Redis, which instances of two versions of
/// the bot share during a rolling deploy: each reads what the current shape wrote, and ignores a record it does
/// not know instead of failing on it.</summary>
public sealed class ConversationRecordTests : IAsyncLifetime
{
    private static readonly Lazy<NanshanBot.Retrieval.Index.KnowledgeIndex> Index = new(() => Support.Bot.Load(TestKnowledge.Folder));
    private readonly List<IAsyncDisposable> open = [];
    private ISharedState state = null!;

    public async Task InitializeAsync()
    {
        var options = new RedisOptions { Configuration = await RedisServer.Shared(), KeyPrefix = $"test:{Guid.NewGuid():N}:", OperationTimeout = TimeSpan.FromSeconds(1) };
        var (redis, connection) = await RedisStateTests.OpenAsync(options);
        state = redis;
        open.Add(connection);
    }

    /// <summary>An instance of the bot on the tests' own knowledge, sharing the Redis store.</summary>
    private Bot Bot() => new(Index.Value, state);

    public async Task DisposeAsync()
    {
        foreach (var item in open)
        {
            await item.DisposeAsync();
        }
    }

    [Fact]
    public async Task ARecordWrittenInTheCurrentShapeIsReadBackByAnotherInstance()
    {
        var writer = Bot();
        writer.Ask("2025年南山区地区生产总值是多少？", "c1");
        var followUp = writer.Ask("人均呢？", "c1");

        var record = await Bot().Conversations.LastAsync("c1");
        var json = await state.GetAsync("conversation:c1");

        Assert.NotNull(record);
        Assert.Equal(["人均呢？", "2025年南山区地区生产总值是多少？"], record.Questions);
        Assert.Equal(followUp.FactIds, record.FactIds);
        Assert.StartsWith("{\"v\":1,", json);
        Assert.DoesNotContain("\"Tokens\"", json);
    }

    [Fact]
    public async Task AFollowUpOnAnotherInstanceReadsTheQuestionsAgainAndFindsItsContext()
    {
        Bot().Ask("2025年南山区地区生产总值是多少？", "c2");

        var answer = Bot().Ask("人均呢？", "c2");

        Assert.Contains("54万", answer.Text);
    }

    [Fact]
    public void AConversationKeptOverAReloadFindsItsContextWithoutKeepingTheReplacedIndexAlive()
    {
        var (bot, replaced) = AskThenReload("c3");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(replaced.IsAlive);
        Assert.Contains("54万", bot.Ask("人均呢？", "c3").Text);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Bot Bot, WeakReference Replaced) AskThenReload(string conversation)
    {
        // In a method of its own: a reference the caller's frame kept would keep the index alive.
        var bot = new Bot(Support.Bot.Load(TestKnowledge.Folder));
        bot.Ask("2025年南山区地区生产总值是多少？", conversation);
        var replaced = new WeakReference(bot.Index);
        bot.Services.GetRequiredService<KnowledgeState>().Replace(Support.Bot.Load(TestKnowledge.Folder));
        return (bot, replaced);
    }

    [Theory]
    [InlineData("""{"v":2,"questions":["2025年南山区地区生产总值是多少？"],"facts":["gdp-2025"],"at":"2026-02-01T01:00:00+00:00","subjects":[{"id":"gdp"}]}""")]
    [InlineData("""{"Tokens":[{"Text":"@gdp","Kind":1,"Pos":"Concept"}],"FactIds":["gdp-2025"],"At":"2026-02-01T01:00:00+00:00"}""")]
    [InlineData("""{"v":1,"questions":"not a list""")]
    public async Task ARecordOfAnUnknownVersionOrShapeIsIgnoredNotACrash(string record)
    {
        await state.SetAsync("conversation:c3", record, TimeSpan.FromMinutes(5));
        var bot = Bot();

        var last = await bot.Conversations.LastAsync("c3");
        var answer = bot.Ask("2025年南山区地区生产总值是多少？", "c3");

        Assert.Null(last);
        Assert.Contains("1万亿", answer.Text);
    }
}
