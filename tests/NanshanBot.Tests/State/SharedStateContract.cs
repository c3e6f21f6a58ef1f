using Microsoft.Extensions.Time.Testing;
using NanshanBot.Channels;
using NanshanBot.Channels.WeChat;
using NanshanBot.State;

namespace NanshanBot.Tests.State;

/// <summary>
/// What every kind of shared state must do, run against each (<see cref="LocalStateTests"/>,
/// <see cref="RedisStateTests"/>). <see cref="First"/> and <see cref="Second"/> are two views of one store, as
/// two instances of the bot would have.
/// </summary>
public abstract class SharedStateContract : IAsyncLifetime
{
    protected ISharedState First { get; set; } = null!;

    protected ISharedState Second { get; set; } = null!;

    /// <summary>The clock of the flood guard (minutes are counted by it; the store's expiry is its own).</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>Lets <paramref name="span"/> pass for the store's expiry.</summary>
    protected abstract Task PassAsync(TimeSpan span);

    /// <summary>A lifetime that the reads right after a write fall within, even on a busy machine (a real one
    /// for Redis, whose expiry runs on its own clock).</summary>
    protected virtual TimeSpan Short => TimeSpan.FromMilliseconds(300);

    /// <summary>Longer than <see cref="Short"/>, with a margin.</summary>
    private TimeSpan PastShort => Short * 1.5;

    [Fact]
    public async Task AValueSetByOneIsReadByTheOtherUntilItExpires()
    {
        await First.SetAsync("greeting", "你好", Short);

        Assert.Equal("你好", await Second.GetAsync("greeting"));
        await PassAsync(PastShort);
        Assert.Null(await Second.GetAsync("greeting"));
        Assert.Null(await First.GetAsync("never-set"));
    }

    [Fact]
    public async Task ARecordSetByOneIsReadByTheOther()
    {
        var turn = new Sample("南山", [2025, 54]);

        await First.SetAsync("record", turn, SampleJson.Default.Sample, TimeSpan.FromSeconds(5));
        var read = await Second.GetAsync("record", SampleJson.Default.Sample);

        Assert.Equal("南山", read?.Name);
        Assert.Equal([2025, 54], read?.Numbers);
        Assert.Null(await Second.GetAsync("absent", SampleJson.Default.Sample));
    }

    [Fact]
    public async Task OfManyConcurrentClaimsExactlyOneSucceeds()
    {
        var claims = Enumerable.Range(0, 20)
            .Select(i => (i % 2 == 0 ? First : Second).AddAsync("claim", "owner" + i, TimeSpan.FromSeconds(5)).AsTask());

        var results = await Task.WhenAll(claims);

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task AClaimCanBeTakenAgainOnlyAfterItExpires()
    {
        Assert.True(await First.AddAsync("lock", "a", Short));
        Assert.False(await Second.AddAsync("lock", "b", Short));

        await PassAsync(PastShort);

        Assert.True(await Second.AddAsync("lock", "b", Short));
    }

    [Fact]
    public async Task OnlyTheOwnerReleasesAClaim()
    {
        await First.AddAsync("lock", "owner-a", TimeSpan.FromSeconds(5));

        await Second.RemoveAsync("lock", "owner-b");
        Assert.Equal("owner-a", await Second.GetAsync("lock"));

        await First.RemoveAsync("lock", "owner-a");
        Assert.Null(await Second.GetAsync("lock"));
    }

    [Fact]
    public async Task CountersAddUpAcrossInstancesAndExpire()
    {
        var increments = Enumerable.Range(0, 10)
            .Select(i => (i % 2 == 0 ? First : Second).IncrementAsync("count", Short).AsTask());
        var counts = await Task.WhenAll(increments);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), counts.Order());
        await PassAsync(PastShort);
        Assert.Equal(1, await First.IncrementAsync("count", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TheFloodLimitCountsMessagesToEveryInstance()
    {
        var guards = new[] { new FloodGuard(First, Clock, "test", 4), new FloodGuard(Second, Clock, "test", 4) };

        var verdicts = new List<FloodVerdict>();
        for (var i = 0; i < 7; i++)
        {
            verdicts.Add(await guards[i % 2].CheckAsync("user-1"));
        }

        Assert.Equal([FloodVerdict.Allow, FloodVerdict.Allow, FloodVerdict.Allow, FloodVerdict.Allow, FloodVerdict.Notify, FloodVerdict.Ignore, FloodVerdict.Ignore], verdicts);
        Assert.Equal(FloodVerdict.Allow, await guards[0].CheckAsync("user-2"));
    }

    [Fact]
    public async Task TheFloodWindowSlidesRatherThanResettingAtTheMinute()
    {
        var guard = new FloodGuard(First, Clock, "slide", 4);
        Clock.Advance(TimeSpan.FromSeconds(50));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(FloodVerdict.Allow, await guard.CheckAsync("user"));
        }

        // Ten seconds later a new minute has begun, but the last minute still holds four messages.
        Clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(FloodVerdict.Notify, await guard.CheckAsync("user"));

        Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(FloodVerdict.Allow, await guard.CheckAsync("user"));
    }

    [Fact]
    public async Task AMessageDeliveredToBothInstancesAtOnceIsComputedOnce()
    {
        var caches = new[] { new ReplyCache(First, TimeProvider.System), new ReplyCache(Second, TimeProvider.System) };
        var release = new TaskCompletionSource();
        var computed = 0;
        async Task<string> Compute()
        {
            Interlocked.Increment(ref computed);
            await release.Task;
            return "南山区的答复";
        }

        var deliveries = Enumerable.Range(0, 6).Select(i => caches[i % 2].GetOrStart("wechat:msg:1", Compute)).ToList();
        release.SetResult();
        var replies = await Task.WhenAll(deliveries);

        Assert.Equal(1, computed);
        Assert.All(replies, r => Assert.Equal("南山区的答复", r));
        Assert.Equal("南山区的答复", await new ReplyCache(Second, TimeProvider.System).GetOrStart("wechat:msg:1", () => Task.FromResult("again")));
    }
}

public sealed record Sample(string Name, IReadOnlyList<int> Numbers);

[System.Text.Json.Serialization.JsonSerializable(typeof(Sample))]
internal sealed partial class SampleJson : System.Text.Json.Serialization.JsonSerializerContext;

public sealed class LocalStateTests : SharedStateContract
{
    private readonly FakeTimeProvider storeClock = new(DateTimeOffset.UnixEpoch);

    public override Task InitializeAsync()
    {
        First = Second = new LocalState(storeClock);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync() => Task.CompletedTask;

    protected override Task PassAsync(TimeSpan span)
    {
        storeClock.Advance(span);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ItStaysWithinItsCapacityDroppingWhatExpiresFirst()
    {
        var state = new LocalState(storeClock, 100);
        for (var i = 0; i < 1000; i++)
        {
            await state.SetAsync("k" + i, "v", TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(i));
        }

        Assert.True(state.Count <= 100 + 256, $"{state.Count} entries");
        Assert.Equal("v", await state.GetAsync("k999"));
        Assert.Null(await state.GetAsync("k0"));
    }

    [Fact]
    public async Task AFloodOfOneKindOfRecordLeavesTheOtherKindsAlone()
    {
        var state = new LocalState(storeClock, 100);
        await state.IncrementAsync("flood:wechat:oUser:29000000", TimeSpan.FromMinutes(2));
        await state.AddAsync("reply:wechat:msg:1", "pending:owner", TimeSpan.FromSeconds(10));

        // Conversation ids come from users: a thousand of them, each kept longer than the claim and the counter.
        for (var i = 0; i < 1000; i++)
        {
            await state.SetAsync("conversation:web:" + i, "turn", TimeSpan.FromMinutes(30));
        }

        Assert.Equal("1", await state.GetAsync("flood:wechat:oUser:29000000"));
        Assert.False(await state.AddAsync("reply:wechat:msg:1", "pending:intruder", TimeSpan.FromSeconds(10)));
        Assert.True(state.Count <= 2 + 100 + 256, $"{state.Count} entries");
        Assert.Equal("turn", await state.GetAsync("conversation:web:999"));
    }
}
