using Microsoft.Extensions.Time.Testing;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Channels.Telegram;

/// <summary>The bot in a Telegram group: commands addressed to it, and each member's conversation of their own.
/// The clock is fake: a group's replies are 3 s apart.</summary>
public sealed class GroupChatTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task HelpAndAboutAreAnsweredInAGroupQuotingTheirMessages()
    {
        await using var t = await TelegramFixture.StartAsync(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        t.Api.Enqueue(Text(1, -300, "/help@nanshan_test_bot", fromId: 31, chatType: "supergroup"));
        t.Api.Enqueue(Text(2, -300, "/about", fromId: 32, chatType: "supergroup"));

        await t.SentCountIsAsync(2, Step);

        var replies = t.Api.Sent().ToDictionary(s => s["reply_parameters"]!["message_id"]!.GetValue<int>(), s => s["text"]!.GetValue<string>());
        Assert.Contains("2025年南山区的GDP是多少？", replies[10]);
        Assert.Contains("我的知识来自以下文章", replies[20]);
        Assert.Contains("深圳梦", replies[20]);
    }

    [Fact]
    public async Task EachMemberOfAGroupHasAConversationOfTheirOwn()
    {
        await using var t = await TelegramFixture.StartAsync(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        t.Api.Enqueue(Text(1, -301, "@nanshan_test_bot 南山区人均GDP有多少？", fromId: 41, chatType: "supergroup"));
        await t.SentCountIsAsync(1, Step);
        t.Api.Enqueue(Text(2, -301, "/sources", fromId: 42, chatType: "supergroup"));
        t.Api.Enqueue(Text(3, -301, "/sources", fromId: 41, chatType: "supergroup"));

        await t.SentCountIsAsync(3, Step);

        var replies = t.Api.Sent().ToDictionary(s => s["reply_parameters"]!["message_id"]!.GetValue<int>(), s => s["text"]!.GetValue<string>());
        Assert.Contains("54万", replies[10]);
        Assert.Contains("还没有可以查看来源的回答", replies[20]);
        Assert.Contains("深圳梦", replies[30]);
    }
}
