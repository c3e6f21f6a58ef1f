using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Operations;
using NanshanBot.Tests.Channels.Telegram;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Operations;

public sealed class AdminCommandTests
{
    [Fact]
    public async Task AdminCommandsWorkForAdminsAndTellOthersNothing()
    {
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Telegram:AdminUserIds:0"] = "777" });
        t.Api.Enqueue(Text(1, 600, "/stats", fromId: 600));
        t.Api.Enqueue(Text(2, 777, "南山区今天下雨吗？", fromId: 777));
        await t.SentCountIsAsync(2);
        t.Api.Enqueue(Text(3, 777, "/stats", fromId: 777));
        t.Api.Enqueue(Text(4, 601, "/version", fromId: 601));
        await t.SentCountIsAsync(4);

        string ReplyTo(long chat) => t.Api.Sent().First(s => s["chat_id"]!.GetValue<long>() == chat)["text"]!.GetValue<string>();
        Assert.Contains("NanshanBot", ReplyTo(600));
        Assert.DoesNotContain("Questions:", ReplyTo(600));
        Assert.DoesNotContain("knowledge", ReplyTo(601));
        var stats = t.Api.Sent().Last(s => s["chat_id"]!.GetValue<long>() == 777 && s["text"]!.GetValue<string>().StartsWith("All instances"))["text"]!.GetValue<string>();
        Assert.Contains("Today 1 questions (0 answered, 1 declined)", stats);
        Assert.Contains("Questions: 1 today", stats);
    }

    [Fact]
    public async Task ReloadAndUnansweredTellAnAdminWhatIsServingAndWhatWasDeclined()
    {
        var knowledge = TestKnowledge.Copy();
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Telegram:AdminUserIds:0"] = "777", ["Knowledge:Path"] = knowledge });
        t.Api.Enqueue(Text(1, 777, "南山区今天下雨吗？", fromId: 777));
        t.Api.Enqueue(Text(2, 602, "南山区今天下雨了吗", fromId: 602));
        await t.SentCountIsAsync(2);
        File.AppendAllText(Path.Combine(knowledge, "facts", "events.kb"), """

            [fact test-ferry]
            source: szmeng-2026-01-28
            zh: 测试：蛇口渡轮码头每小时发一班船。
            en: Test: ferries leave Shekou pier every hour.
            """);
        t.Api.Enqueue(Text(3, 777, "/reload", fromId: 777));
        await t.SentCountIsAsync(3);
        t.Api.Enqueue(Text(4, 777, "/unanswered", fromId: 777));
        await t.SentCountIsAsync(4);

        var replies = t.Api.Sent().Where(s => s["chat_id"]!.GetValue<long>() == 777).Select(s => s["text"]!.GetValue<string>()).ToList();
        Assert.StartsWith("Knowledge reloaded: version", replies[1]);
        Assert.Contains("8 facts", replies[1]);
        Assert.StartsWith("Most frequent declined questions (30 days):", replies[2]);
        Assert.Matches(@"2 × 南山区今天下雨", replies[2]);
    }

    [Fact]
    public async Task ABrokenKnowledgeEditIsSentToTheAdminsNamingFileAndLine()
    {
        var knowledge = TestKnowledge.Copy();
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Telegram:AdminUserIds:0"] = "777", ["Knowledge:Path"] = knowledge });

        File.WriteAllText(Path.Combine(knowledge, "facts", "broken.kb"), "[fact broken]\nsource: szmeng-2026-01-28\nzh 没有冒号\n");
        await t.SentCountIsAsync(1);

        var message = t.Api.Sent().Single();
        Assert.Equal(777, message["chat_id"]!.GetValue<long>());
        Assert.Contains("facts/broken.kb:3", message["text"]!.GetValue<string>());
        Assert.Contains("The previous knowledge keeps serving.", message["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminCommandsAreNotRunInAGroupWhereEveryoneWouldSeeThem()
    {
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Telegram:AdminUserIds:0"] = "777" });
        t.Api.Enqueue(Text(1, -620, "/stats", fromId: 777, chatType: "supergroup"));
        t.Api.Enqueue(Text(2, 777, "/version", fromId: 777));

        await t.SentCountIsAsync(2);

        var inGroup = t.Api.Sent().Single(s => s["chat_id"]!.GetValue<long>() == -620)["text"]!.GetValue<string>();
        Assert.DoesNotContain("Questions:", inGroup);
        Assert.Contains("2025年南山区的GDP是多少？", inGroup);
        Assert.StartsWith("NanshanBot ", t.Api.Sent().Single(s => s["chat_id"]!.GetValue<long>() == 777)["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AVoteCountsOncePerUserPerAnswer()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Text(1, 630, "南山区人均GDP有多少？"));
        await t.SentCountIsAsync(1);
        var buttons = t.Api.Sent().Single()["reply_markup"]!["inline_keyboard"]!.AsArray().Last()!.AsArray();
        string up = buttons[0]!["callback_data"]!.GetValue<string>(), down = buttons[1]!["callback_data"]!.GetValue<string>();

        t.Api.Enqueue(Callback(2, 630, up));
        t.Api.Enqueue(Callback(3, 630, up));
        t.Api.Enqueue(Callback(4, 630, down));
        t.Api.Enqueue(Callback(5, 630, up, fromId: 631));
        await t.Bot.EventuallyAsync(() => t.Api.Sent("answerCallbackQuery").Count == 4, because: "four callbacks answered");
        var log = t.Bot.Services.GetRequiredService<QuestionLog>();
        await log.FlushAsync();

        Assert.Equal((2, 0), (log.Statistics().Helpful, log.Statistics().NotHelpful));
        Assert.Equal(2, t.Api.Sent("answerCallbackQuery").Count(c => c["text"]?.GetValue<string>() == "谢谢你的反馈！"));
    }

    [Fact]
    public async Task VotesPassTheFloodGuard()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var t = await TelegramFixture.StartAsync(clock, new() { ["Telegram:FloodLimitPerMinute"] = "3" });
        for (var i = 1; i <= 10; i++)
        {
            t.Api.Enqueue(Callback(i, 640, $"fb:+:{i:x12}"));
        }

        await t.Bot.EventuallyAsync(() => t.Api.Sent("answerCallbackQuery").Count == 10, TimeSpan.FromMilliseconds(200), "ten callbacks answered");
        var log = t.Bot.Services.GetRequiredService<QuestionLog>();
        await log.FlushAsync();

        Assert.Equal(3, log.Statistics().Helpful);
    }

    [Fact]
    public async Task BothFeedbackButtonsAreRecorded()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Text(1, 610, "南山区人均GDP有多少？"));
        await t.SentCountIsAsync(1);
        var buttons = t.Api.Sent().Single()["reply_markup"]!["inline_keyboard"]!.AsArray().Last()!.AsArray();
        var up = buttons[0]!["callback_data"]!.GetValue<string>();

        var down = buttons[1]!["callback_data"]!.GetValue<string>();

        t.Api.Enqueue(Callback(2, 610, up));
        t.Api.Enqueue(Callback(3, 610, down, fromId: 611));
        await t.Bot.EventuallyAsync(() => t.Api.Sent("answerCallbackQuery").Count == 2, because: "the callbacks answered");
        var log = t.Bot.Services.GetRequiredService<QuestionLog>();
        await log.FlushAsync();

        Assert.Equal(("👍", "👎"), (buttons[0]!["text"]!.GetValue<string>(), buttons[1]!["text"]!.GetValue<string>()));
        Assert.Equal((1, 1), (log.Statistics().Helpful, log.Statistics().NotHelpful));
    }
}
