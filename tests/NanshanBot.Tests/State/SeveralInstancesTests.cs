using NanshanBot.Fakes;
using System.Net.Http.Json;
using NanshanBot.Tests.Support;
using StackExchange.Redis;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.State;

/// <summary>Two instances of the bot as one, sharing a real Redis.</summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private TwoInstances bots = null!;

    public async Task InitializeAsync() => bots = await TwoInstances.StartAsync(await RedisServer.Shared());

    public async Task DisposeAsync() => await bots.DisposeAsync();

    [Fact]
    public async Task AMessagePostedToBothInstancesAtOnceIsComputedOnceAndBothReplyAlike()
    {
        var before = bots.Computations;

        var replies = await Task.WhenAll(
            TwoInstances.AskAsync(bots.A, "南山区人均GDP有多少？", 7001, "oRetry"),
            TwoInstances.AskAsync(bots.B, "南山区人均GDP有多少？", 7001, "oRetry"));

        Assert.Equal(before + 1, bots.Computations);
        Assert.Contains("54万", replies[0]);
        Assert.Equal(replies[0], replies[1]);
    }

    [Fact]
    public async Task ATimestampAndNonceUsedOnOneInstanceCannotCarryAnotherBodyToTheOther()
    {
        var client = new Channels.WeChat.WeChatClient(bots.A.Url, TwoInstances.WeChatToken);
        var (timestamp, nonce) = client.Stamp();
        var first = await client.PostPlainAsync(Channels.WeChat.WeChatClient.TextMessage("南山区人均GDP有多少？", 7501, "oNonce"), timestamp: timestamp, nonce: nonce);

        var replayed = await new Channels.WeChat.WeChatClient(bots.B.Url, TwoInstances.WeChatToken).PostPlainAsync(
            Channels.WeChat.WeChatClient.TextMessage("/stats", 7502, TwoInstances.Admin), timestamp: timestamp, nonce: nonce);

        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, replayed.StatusCode);
    }

    [Fact]
    public async Task AFollowUpAskedOnTheOtherInstanceHasItsContext()
    {
        await TwoInstances.AskAsync(bots.A, "南山有几家机器人整机企业？", 7101, "oFollow");

        var followUp = await TwoInstances.AskAsync(bots.B, "一共有多少家？", 7102, "oFollow");
        var stranger = await TwoInstances.AskAsync(bots.B, "一共有多少家？", 7103, "oStranger");

        Assert.Contains("机器人整机企业", followUp);
        Assert.DoesNotContain("机器人", stranger);
    }

    [Fact]
    public async Task ATelegramUpdateDeliveredToBothInstancesIsAnsweredOnce()
    {
        using var http = new HttpClient();
        await Task.WhenAll(
            PostUpdateAsync(http, bots.A, Text(501, 9001, "南山区人均GDP有多少？")),
            PostUpdateAsync(http, bots.B, Text(501, 9001, "南山区人均GDP有多少？")));
        // Two later updates, one to each instance: once both are answered, a duplicate of the first (queued
        // before them on whichever instance) would have been answered too.
        await PostUpdateAsync(http, bots.A, Text(502, 9002, "南山区人均GDP有多少？"));
        await PostUpdateAsync(http, bots.B, Text(503, 9003, "南山区人均GDP有多少？"));

        await bots.A.EventuallyAsync(() => bots.Api.Sent().Count >= 3, because: "three replies sent");

        var chats = bots.Api.Sent().Select(m => m["chat_id"]!.GetValue<long>()).ToList();
        Assert.Equal([9001L, 9002L, 9003L], chats.Order());
    }

    [Fact]
    public async Task SourcesAskedOnTheOtherInstanceAreThoseOfTheLastAnswer()
    {
        using var http = new HttpClient();
        await PostUpdateAsync(http, bots.A, Text(701, 9201, "南山区人均GDP有多少？"));
        await bots.A.EventuallyAsync(() => bots.Api.Sent().Count >= 1, because: "the answer sent");

        await PostUpdateAsync(http, bots.B, Text(702, 9201, "/sources"));
        await bots.B.EventuallyAsync(() => bots.Api.Sent().Count >= 2, because: "the sources sent");

        var answer = bots.Api.Sent()[0]["text"]!.GetValue<string>();
        var sources = bots.Api.Sent()[1]["text"]!.GetValue<string>();
        Assert.Contains("深圳梦", answer);
        Assert.Contains("深圳梦", sources);
        Assert.Contains("2026-01-28", sources);
    }

    [Fact]
    public async Task TheFloodLimitCountsMessagesToBothInstances()
    {
        var replies = new List<string>();
        for (var i = 0; i < 22; i++)
        {
            replies.Add(await TwoInstances.AskAsync(i % 2 == 0 ? bots.A : bots.B, "南山区人均GDP有多少？", 7200 + i, "oFlood"));
        }

        Assert.Equal(20, replies.Count(r => r.Contains("54万")));
        Assert.Contains("太快", replies[20]);
        Assert.Equal("", replies[21]);
    }

    [Fact]
    public async Task StatsOnEitherInstanceCountWhatBothAnswered()
    {
        await TwoInstances.AskAsync(bots.A, "南山区人均GDP有多少？", 7401, "oStatsA");
        await TwoInstances.AskAsync(bots.B, "罗湖区2025年GDP是多少？", 7402, "oStatsB");

        // A's counts reach Redis just after its reply: ask until they are there (at most 5 s).
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string stats;
        var msgId = 7403;
        do
        {
            stats = await TwoInstances.AskAsync(bots.B, "/stats", msgId++, TwoInstances.Admin);
        }
        while (!stats.Contains("Today 2 questions") && DateTime.UtcNow < deadline);

        Assert.Contains("All instances (counted in redis)", stats);
        Assert.Contains("Today 2 questions (1 answered, 1 declined)", stats);
    }

    [Fact]
    public async Task EverythingTheBotKeepsInRedisExpires()
    {
        using var http = new HttpClient();
        await TwoInstances.AskAsync(bots.A, "南山区人均GDP有多少？", 7301, "oKeys");
        await PostUpdateAsync(http, bots.B, Text(601, 9101, "南山区人均GDP有多少？"));
        await bots.B.EventuallyAsync(() => bots.Api.Sent().Count >= 1, because: "the Telegram reply sent");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(await RedisServer.Shared());
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = await server.KeysAsync(pattern: bots.Prefix + "*").ToListAsync();
        var kinds = keys.Select(k => k.ToString()[bots.Prefix.Length..].Split(':')[0]).Distinct().Order().ToList();

        Assert.Equal(["conversation", "flood", "last-sources", "reply", "stats", "telegram-update", "wechat-nonce"], kinds);
        foreach (var key in keys)
        {
            var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t > TimeSpan.Zero && t <= TimeSpan.FromDays(8), $"{key} has no expiry ({ttl})");
        }
    }

    private static async Task PostUpdateAsync(HttpClient http, BotService instance, object update)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, instance.Url + "/telegram/webhook") { Content = JsonContent.Create(update) };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", TwoInstances.TelegramSecret);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
