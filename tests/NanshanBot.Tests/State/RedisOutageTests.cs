using NanshanBot.Fakes;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.State;

/// <summary>Two instances on a Redis of their own, which is killed and started again mid-test.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task AnswersContinueWhileRedisIsDownAndSharingResumesWhenItIsBack()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var bots = await TwoInstances.StartAsync(redis.Address);
        Assert.Contains("54万", await TwoInstances.AskAsync(bots.A, "南山区人均GDP有多少？", 8001, "oOutage"));

        redis.Stop();
        var during = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            during.Add(await TwoInstances.AskAsync(i % 2 == 0 ? bots.A : bots.B, "南山区人均GDP有多少？", 8100 + i, "oOutage" + i));
        }

        Assert.All(during, reply => Assert.Contains("54万", reply));
        ToldOnceNotPerQuestion(bots.A, during.Count);
        ToldOnceNotPerQuestion(bots.B, during.Count);
        using var http = new HttpClient();
        Assert.Equal("Degraded", await http.GetStringAsync(bots.A.Url + "/readyz"));
        // The series of these instances' Redis (both export under their key prefix).
        var metrics = await http.GetStringAsync(bots.A.Url + "/metrics");
        var prefix = System.Text.RegularExpressions.Regex.Escape(bots.Prefix);
        Assert.Matches($@"nanshanbot_shared_state_fallbacks_total\{{[^}}]*key_prefix=""{prefix}""[^}}]*reason=""disconnected""[^}}]*\}} [1-9]", metrics);
        Assert.Matches($@"nanshanbot_redis_connected\{{[^}}]*key_prefix=""{prefix}""[^}}]*\}} 0", metrics);

        await redis.RestartAsync();
        await SharingResumesAsync(bots);
        Assert.Contains(bots.A.Logs.Lines, line => line.Contains("Redis reachable again"));
        Assert.Equal("Healthy", await http.GetStringAsync(bots.A.Url + "/readyz"));
    }

    [Fact]
    public async Task AnInstanceStartsAndAnswersWhileRedisIsUnreachable()
    {
        var gone = await RedisServer.StartAsync();
        var address = gone.Address;
        gone.Stop();

        await using var bots = await TwoInstances.StartAsync(address);

        Assert.Contains("54万", await TwoInstances.AskAsync(bots.A, "南山区人均GDP有多少？", 8401, "oNoRedis"));
        Assert.Contains("54万", await TwoInstances.AskAsync(bots.A, "南山区人均GDP有多少？", 8402, "oNoRedis"));
        Assert.Contains(bots.A.Logs.Lines, line => line.Contains("Redis unavailable"));
    }

    [Fact]
    public async Task WhileRedisHangsAnswersArriveWithinWeChatsDeadline()
    {
        await using var redis = await RedisServer.StartAsync("--enable-debug-command", "yes");
        await using var bots = await TwoInstances.StartAsync(redis.Address);
        Assert.Contains("54万", await TwoInstances.AskAsync(bots.A, "南山区人均GDP有多少？", 8501, "oSlow"));

        await redis.HangAsync(seconds: 6);
        // Had the bot waited for Redis, the reply would miss the deadline and be WeChat's "success" (empty).
        var replies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add(await TwoInstances.AskAsync(bots.A, "南山区人均GDP有多少？", 8502 + i, "oSlow" + i));
        }

        Assert.All(replies, reply => Assert.Contains("54万", reply));
        Assert.Contains(bots.A.Logs.Lines, line => line.Contains("Redis unavailable"));
    }

    /// <summary>The outage is logged, and not once per question: a reconnect attempt may say it again, so the
    /// lines are not counted exactly.</summary>
    private static void ToldOnceNotPerQuestion(BotService bot, int questions)
    {
        var told = bot.Logs.Lines.Count(line => line.Contains("Redis unavailable"));
        Assert.InRange(told, 1, questions / 2);
    }

    /// <summary>Posts fresh messages to both instances at once until one computation serves both again (the
    /// clients reconnect within a few seconds); fails after 20 s.</summary>
    private static async Task SharingResumesAsync(TwoInstances bots)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var msgId = 8200; ; msgId++)
        {
            var before = bots.Computations;
            var replies = await Task.WhenAll(
                TwoInstances.AskAsync(bots.A, "南山区人均GDP有多少？", msgId, "oAfter"),
                TwoInstances.AskAsync(bots.B, "南山区人均GDP有多少？", msgId, "oAfter"));
            Assert.All(replies, reply => Assert.Contains("54万", reply));
            if (bots.Computations == before + 1)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the instances did not share state again within 20 s of Redis restarting");
            await Task.Delay(200);
        }
    }
}
