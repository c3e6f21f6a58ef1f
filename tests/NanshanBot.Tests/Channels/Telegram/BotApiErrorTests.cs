using Microsoft.Extensions.Time.Testing;
using NanshanBot.Fakes;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Channels.Telegram;

/// <summary>What the Bot API refuses: the log says what to do, and the bot carries on once Telegram lets it.</summary>
public sealed class BotApiErrorTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ARejectedTokenAtStartIsNamedAndTheBotStartsOnceTelegramAcceptsIt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var api = await FakeBotApi.StartAsync(clock);
        api.FailNext("getMe", 401);
        await using var t = await TelegramFixture.StartAsync(clock, api: api);
        t.Api.Enqueue(Text(1, 140, "南山区人均GDP有多少？"));

        await t.SentCountIsAsync(1, Second);

        Assert.Contains(t.Bot.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("rejected the bot token (401 Unauthorized): check Telegram__BotToken"));
        Assert.True(t.Api.Sent("getMe").Count >= 2);
    }

    /// <summary>The failure an update's handling meets in practice: Telegram refusing its reply for good. The
    /// next updates of the same chat are answered all the same.</summary>
    [Fact]
    public async Task AReplyTelegramRefusesIsLoggedWithItsStackAndTheChatsNextUpdatesAreAnswered()
    {
        await using var t = await TelegramFixture.StartAsync(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        t.Api.FailNext("sendMessage", 400, description: "Bad Request: message is too long");
        t.Api.Enqueue(Text(1, 142, "南山区人均GDP有多少？"));
        t.Api.Enqueue(Text(2, 142, "南山有多少海归人才？"));
        t.Api.Enqueue(Text(3, 142, "南山有多少家上市公司？"));

        await t.SentCountIsAsync(3, Second);

        var texts = t.Api.Sent().Select(s => s["text"]!.GetValue<string>()).ToList();
        Assert.Contains("54万", texts[0]);
        Assert.Contains("10万", texts[1]);
        Assert.Contains("200", texts[2]);
        Assert.Contains(t.Bot.Logs.Lines, l => l.Contains("sendMessage failed for good") && l.Contains("message is too long") && l.Contains("   at "));
    }

    [Fact]
    public async Task A409WhilePollingSaysWhichOtherPollerToStopAndPollingCarriesOn()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var api = await FakeBotApi.StartAsync(clock);
        api.FailNext("getUpdates", 409);
        await using var t = await TelegramFixture.StartAsync(clock, api: api);
        t.Api.Enqueue(Text(1, 141, "南山区人均GDP有多少？"));

        await t.SentCountIsAsync(1, Second);

        Assert.Contains(t.Bot.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("409 Conflict") && l.Contains("another instance is polling"));
    }
}
