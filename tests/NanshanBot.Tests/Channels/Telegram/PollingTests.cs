using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NanshanBot.Answering;
using NanshanBot.Channels.Telegram;
using NanshanBot.Fakes;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Channels.Telegram;

/// <summary>The real Telegram.Bot client in the real service, against a Bot API fake on 127.0.0.1.</summary>
public sealed class PollingTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task APrivateQuestionIsAnsweredAsAskAnswersIt()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Text(1, 100, "南山区人均GDP有多少？"));

        await t.SentCountIsAsync(1);

        var sent = t.Api.Sent().Single();
        var expected = await t.Bot.Services.GetRequiredService<AnswerEngine>().AnswerAsync(new Question("other", "南山区人均GDP有多少？"));
        Assert.Equal(100, sent["chat_id"]!.GetValue<long>());
        Assert.Equal("html", sent["parse_mode"]!.GetValue<string>().ToLowerInvariant());
        Assert.Equal(Html.Escape(expected.Text), sent["text"]!.GetValue<string>());
        Assert.Contains("54万", sent["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AServerThatRefusesDeleteWebhookIsPolledAnyway()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("deleteWebhook", 404);
        await using var t = await TelegramFixture.StartAsync(api: api);
        t.Api.Enqueue(Text(1, 113, "南山区人均GDP有多少？"));

        await t.SentCountIsAsync(1);

        Assert.Contains(t.Bot.Logs.Lines, l => l.Contains("deleteWebhook refused (404"));
    }

    [Fact]
    public async Task StartGetsTheIntroductionWithExampleButtons()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Text(1, 101, "/start"));

        await t.SentCountIsAsync(1);

        var sent = t.Api.Sent().Single();
        Assert.Contains("NanshanBot", sent["text"]!.GetValue<string>());
        var buttons = sent["reply_markup"]!["inline_keyboard"]!.AsArray().Select(row => row![0]!).ToList();
        Assert.Equal("x:zh:0", buttons[0]["callback_data"]!.GetValue<string>());
        Assert.Equal("2025年南山区的GDP是多少？", buttons[0]["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task InAGroupOnlyMentionsCommandsAndRepliesToTheBotAreAnswered()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Text(1, -200, "南山区人均GDP有多少？", fromId: 7, chatType: "supergroup"));
        t.Api.Enqueue(Text(2, -201, "@nanshan_test_bot 南山区人均GDP有多少？", fromId: 7, chatType: "supergroup"));
        t.Api.Enqueue(Text(3, -202, "那上市公司呢？有多少家", fromId: 8, chatType: "group", replyToBotMessage: 555));
        t.Api.Enqueue(Text(4, -203, "/help@other_bot", fromId: 9, chatType: "group"));

        await t.SentCountIsAsync(2);
        await t.Bot.EventuallyAsync(() => t.Api.Offsets.Any(o => o >= 5), because: "all four confirmed");

        var sent = t.Api.Sent();
        Assert.Equal([-201L, -202L], sent.Select(s => s["chat_id"]!.GetValue<long>()).Order().Reverse());
        var mentioned = sent.Single(s => s["chat_id"]!.GetValue<long>() == -201);
        Assert.Equal(20, mentioned["reply_parameters"]!["message_id"]!.GetValue<int>());
        Assert.Contains("54万", mentioned["text"]!.GetValue<string>());
    }

    /// <summary>The offset confirms an update once it is in the journal (that it is on disk first is
    /// <see cref="TelegramDurabilityTests.TheOffsetFileAndTheJournalAreSyncedToDiskBeforeAnUpdateIsConfirmed"/>),
    /// without waiting for its answer: a slow chat never holds up the next getUpdates.</summary>
    [Fact]
    public async Task TheOffsetConfirmsAnUpdateWithoutWaitingForItsAnswer()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Hold("sendMessage");
        t.Api.Enqueue(Text(41, 102, "南山有多少海归人才？"));

        await t.Bot.EventuallyAsync(() => t.Api.Offsets.Contains(42), because: "offset 42 requested while the answer waits");
        Assert.Empty(t.Api.Sent());
        t.Api.Release("sendMessage");
        await t.SentCountIsAsync(1);

        Assert.Contains("10万", t.Api.Sent().Single()["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARestartFacingTheSamePendingUpdatesAnswersNothingTwice()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Text(1, 103, "南山区什么时候建区的？"));
        t.Api.Enqueue(Text(2, 104, "南山有多少家上市公司？"));
        await t.SentCountIsAsync(2);

        t.Api.IgnoreOffset = true;
        await t.RestartAsync();
        t.Api.Enqueue(Text(3, 105, "南山有多少海归人才？"));

        await t.SentCountIsAsync(3);
        await t.Bot.EventuallyAsync(() => t.Api.Sent("getUpdates").Count > 6, because: "several polls after the restart");
        Assert.Equal(3, t.Api.Sent().Count);
    }

    [Fact]
    public async Task A429IsRetriedOnlyAfterItsRetryAfter()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var t = await TelegramFixture.StartAsync(clock);
        t.Api.FailNext("sendMessage", 429, retryAfter: 30);
        t.Api.Enqueue(Text(1, 106, "南山区人均GDP有多少？"));

        await t.Bot.EventuallyAsync(() => t.Api.Times("sendMessage").Count >= 2, Second, "the retry");

        var times = t.Api.Times("sendMessage");
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(30), $"retried after {times[1] - times[0]}");
    }

    [Fact]
    public async Task ServerErrorsBackOffThenPollingRecoversAndTheTokenIsNeverLogged()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var api = await FakeBotApi.StartAsync(clock);
        api.FailNext("getUpdates", 500);
        api.FailNext("getUpdates", 502);
        await using var t = await TelegramFixture.StartAsync(clock, api: api);
        t.Api.Enqueue(Text(1, 107, "南山区人均GDP有多少？"));

        await t.SentCountIsAsync(1, Second);

        var polls = t.Api.Times("getUpdates");
        Assert.True(polls[1] - polls[0] >= TimeSpan.FromSeconds(1));
        Assert.True(polls[2] - polls[1] >= TimeSpan.FromSeconds(2));
        Assert.Contains(t.Bot.Logs.Lines, l => l.Contains("getUpdates failed"));
        Assert.DoesNotContain(t.Bot.Logs.Lines, l => l.Contains(TelegramFixture.Token) || l.Contains("TEST-secret_token"));
    }

    [Fact]
    public async Task PressingASuggestionAnswersTheCallbackAndAsksTheQuestion()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Callback(1, 108, "x:zh:1"));

        await t.SentCountIsAsync(1);

        Assert.Equal("cb1", t.Api.Sent("answerCallbackQuery").Single()["callback_query_id"]!.GetValue<string>());
        Assert.Contains("200", t.Api.Sent().Single()["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task PressingASuggestionWhoseFactIsGoneGetsANotice()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Callback(1, 114, "f:zh:no-such-fact"));

        await t.SentCountIsAsync(1);

        Assert.Single(t.Api.Sent("answerCallbackQuery"));
        Assert.Equal("这个推荐问题已经失效，请直接输入你的问题。", t.Api.Sent().Single()["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AStickerGetsAPoliteTextOnlyReply()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Sticker(1, 109));

        await t.SentCountIsAsync(1);

        Assert.Contains("only read text", t.Api.Sent().Single()["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFloodGetsOneNoticeAndTheRestIsIgnored()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var t = await TelegramFixture.StartAsync(clock, new() { ["Telegram:FloodLimitPerMinute"] = "3" });
        for (var i = 1; i <= 8; i++)
        {
            t.Api.Enqueue(Text(i, 110, "南山区人均GDP有多少？"));
        }

        await t.SentCountIsAsync(4, TimeSpan.FromMilliseconds(500));
        await t.Bot.EventuallyAsync(() => t.Api.Offsets.Contains(9), TimeSpan.FromMilliseconds(500), "all confirmed");

        var texts = t.Api.Sent().Select(s => s["text"]!.GetValue<string>()).ToList();
        Assert.Equal(4, texts.Count);
        Assert.Equal(3, texts.Count(x => x.Contains("54万")));
        Assert.Contains("太快", texts[3]);
    }

    [Fact]
    public async Task ALongReplyIsSplitAtSentenceEndsWithinTheLimit()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var t = await TelegramFixture.StartAsync(clock);
        var sender = t.Bot.Services.GetRequiredService<TelegramSender>();
        var text = string.Concat(Enumerable.Repeat("南山区的GDP在2025年超过了1万亿元。", 250));

        var sending = sender.SendAsync(111, false, text, null, null, CancellationToken.None);
        await t.Bot.EventuallyAsync(() => sending.IsCompleted, Second, "both pieces sent");

        var pieces = t.Api.Sent().Select(s => s["text"]!.GetValue<string>()).ToList();
        Assert.Equal(2, pieces.Count);
        Assert.All(pieces, p => Assert.True(p.Length <= TelegramSender.MaxMessageLength));
        Assert.EndsWith("。", pieces[0]);
        Assert.Equal(text, string.Concat(pieces));
    }

    [Fact]
    public async Task TextIsEscapedForHtml()
    {
        var folder = TestKnowledge.Copy();
        File.AppendAllText(Path.Combine(folder, "facts", "economy.kb"), """

            [fact test-ferry-fares]
            source: szmeng-2026-01-28
            zh: 测试用的事实：蛇口渡轮票价<50元 & 每小时一班。
            en: A test fact: Shekou ferry fares are <50 yuan & boats leave hourly.
            """);
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Knowledge:Path"] = folder });
        t.Api.Enqueue(Text(1, 112, "蛇口渡轮票价"));

        await t.SentCountIsAsync(1);

        Assert.Contains("票价&lt;50元 &amp; 每小时", t.Api.Sent().Single()["text"]!.GetValue<string>());
    }
}
