using Microsoft.Extensions.Time.Testing;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Channels.Telegram;

/// <summary>Chats answered independently: a busy group holds up nobody, its backlog and its messages per minute
/// are capped; through the real Telegram.Bot client against the Bot API fake.</summary>
public sealed class ChatLaneTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AGroupIsLimitedAsAWholeNotOnlyPerUser()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var t = await TelegramFixture.StartAsync(clock, new() { ["Telegram:GroupFloodLimitPerMinute"] = "3" });
        for (var i = 1; i <= 6; i++)
        {
            t.Api.Enqueue(Text(i, -114, "@nanshan_test_bot 南山区人均GDP有多少？", fromId: 1140 + i, chatType: "supergroup"));
        }

        await t.Bot.EventuallyAsync(() => t.Api.Offsets.Contains(7), TimeSpan.FromSeconds(1), "all six confirmed");
        await t.SentCountIsAsync(4, TimeSpan.FromSeconds(1));

        var texts = t.Api.Sent().Select(s => s["text"]!.GetValue<string>()).ToList();
        Assert.Equal(3, texts.Count(x => x.Contains("54万")));
        Assert.Single(texts, x => x.Contains("太快"));
    }

    [Fact]
    public async Task APrivateQuestionIsAnsweredWhileABusyGroupWaitsForItsSendSlots()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var t = await TelegramFixture.StartAsync(clock);
        for (var i = 1; i <= 20; i++)
        {
            t.Api.Enqueue(Text(i, -115, "@nanshan_test_bot 南山区人均GDP有多少？", fromId: 1150 + i, chatType: "supergroup"));
        }

        await t.SentCountIsAsync(1);
        var asked = clock.GetUtcNow();
        t.Api.Enqueue(Text(21, 116, "南山有多少海归人才？"));

        await t.Bot.EventuallyAsync(() => t.Api.Sent().Any(s => s["chat_id"]!.GetValue<long>() == 116), TimeSpan.FromMilliseconds(50), "the private answer");

        // Waiting behind the group's answers, 3 s apart, it would come a minute later.
        var answered = t.Api.Calls.First(c => c.Method == "sendMessage" && c.Body["chat_id"]!.GetValue<long>() == 116).At;
        Assert.True(answered - asked < TimeSpan.FromSeconds(10), $"answered {answered - asked} after it was asked");
        // The group's backlog (Telegram:MaxChatBacklog, 10) is answered at its own pace.
        await t.SentCountIsAsync(11, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task ABusyChatsBacklogIsCappedAndItsOtherUpdatesAreConfirmedAndDropped()
    {
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Telegram:MaxChatBacklog"] = "3" });
        t.Api.Hold("sendMessage");
        for (var i = 1; i <= 8; i++)
        {
            t.Api.Enqueue(Text(i, -117, "@nanshan_test_bot 南山区人均GDP有多少？", fromId: 1170 + i, chatType: "supergroup"));
        }

        await t.Bot.EventuallyAsync(() => t.Api.Offsets.Contains(9), because: "all eight confirmed");
        t.Api.Release("sendMessage");
        await t.SentCountIsAsync(3, Second);
        t.Api.Enqueue(Text(9, 118, "南山有多少海归人才？"));
        await t.Bot.EventuallyAsync(() => t.Api.Sent().Any(s => s["chat_id"]!.GetValue<long>() == 118), because: "a later question answered");

        Assert.Equal(3, t.Api.Sent().Count(s => s["chat_id"]!.GetValue<long>() == -117));
        Assert.Equal(5, t.Bot.Logs.Lines.Count(l => l.Contains("dropped: its chat already has 3 waiting")));
    }
}
