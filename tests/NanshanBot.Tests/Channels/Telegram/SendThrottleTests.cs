using Microsoft.Extensions.Time.Testing;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Channels.Telegram;

/// <summary>Replies keep within Telegram's limits: about one a second to a chat, one every 3 s to a group, and
/// Telegram:MessagesPerSecond overall. Times are the fake clock's when the Bot API fake got each call; the clock
/// moves on while a call travels, so spans are checked with <see cref="Slack"/>.</summary>
public sealed class SendThrottleTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Slack = 3 * Step;

    [Fact]
    public async Task RepliesAreSpacedPerChatPerGroupAndOverall()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var t = await TelegramFixture.StartAsync(clock, new() { ["Telegram:MessagesPerSecond"] = "2" });
        // A first answer warms the connection up: a cold first call would reach the fake many steps late.
        t.Api.Enqueue(Text(1, 170, "南山区人均GDP有多少？"));
        await t.SentCountIsAsync(1, Step);
        clock.Advance(TimeSpan.FromSeconds(5));
        for (var i = 1; i <= 3; i++)
        {
            t.Api.Enqueue(Text(1 + i, 150, "南山区人均GDP有多少？"));
            t.Api.Enqueue(Text(10 + i, -151, "@nanshan_test_bot 南山区人均GDP有多少？", fromId: 1510 + i, chatType: "supergroup"));
        }

        for (var i = 1; i <= 4; i++)
        {
            t.Api.Enqueue(Text(20 + i, 160 + i, "南山有多少海归人才？"));
        }

        await t.SentCountIsAsync(11, Step);

        var sends = t.Api.Calls.Where(c => c.Method == "sendMessage" && c.Body["chat_id"]!.GetValue<long>() != 170).Select(c => (Chat: c.Body["chat_id"]!.GetValue<long>(), c.At)).OrderBy(c => c.At).ToList();
        TimeSpan Span(IEnumerable<DateTimeOffset> times) => times.Max() - times.Min();
        Assert.True(Span(sends.Where(s => s.Chat == 150).Select(s => s.At)) >= 2 * TimeSpan.FromSeconds(1) - Slack, "a private chat's replies 1 s apart");
        Assert.True(Span(sends.Where(s => s.Chat == -151).Select(s => s.At)) >= 2 * TimeSpan.FromSeconds(3) - Slack, "a group's replies 3 s apart: " + string.Join(", ", sends.Select(s => $"{s.Chat}@{s.At:ss.fff}")));
        // Six chats had a reply ready at once: two a second overall spreads their first six over 2.5 s.
        Assert.True(Span(sends.Take(6).Select(s => s.At)) >= 5 * TimeSpan.FromSeconds(0.5) - Slack, "two replies a second overall: " + string.Join(", ", sends.Select(s => $"{s.Chat}@{s.At:ss.fff}")));
    }
}
