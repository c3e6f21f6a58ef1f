using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Answering;
using NanshanBot.Channels.Telegram;
using NanshanBot.Fakes;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Channels.Telegram;

/// <summary>Telegram's command menu (setMyCommands at start), start links (t.me/bot?start=key, which Telegram
/// sends as "/start key"), and which language a reply is in: the real Telegram.Bot client in the real service,
/// against the Bot API fake.</summary>
public sealed class CommandMenuAndStartLinkTests
{
    private static async Task<string> TypedAsync(TelegramFixture t, string question) =>
        Html.Escape((await t.Bot.Services.GetRequiredService<AnswerEngine>().AnswerAsync(new Question("other-" + Guid.NewGuid().ToString("N"), question))).Text);

    private static List<string> TextsTo(TelegramFixture t, long chat) =>
        t.Api.Sent().Where(s => s["chat_id"]!.GetValue<long>() == chat).Select(s => s["text"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task AtStartTheCommandMenuIsSetInChineseForChineseAppsAndInEnglishForEveryoneElse()
    {
        await using var t = await TelegramFixture.StartAsync();

        await t.Bot.EventuallyAsync(() => t.Api.Sent("setMyCommands").Count >= 2 && t.Api.Sent("getUpdates").Count >= 1, because: "both menus set, then polling");

        Assert.Equal(
            [("start", "Start: what I can answer"), ("help", "How to ask, with example questions"),
             ("about", "The articles my knowledge comes from"), ("sources", "Where the last answer came from")],
            t.Api.CommandMenu());
        Assert.Equal(
            [("start", "开始：我能回答哪些问题"), ("help", "怎么提问，附示例问题"), ("about", "我的知识来自哪些文章"), ("sources", "上一个回答的出处")],
            t.Api.CommandMenu("zh"));
        var methods = t.Api.Calls.Select(c => c.Method).ToList();
        Assert.True(methods.LastIndexOf("setMyCommands") < methods.IndexOf("getUpdates"), string.Join(", ", methods.Distinct()));
    }

    [Fact]
    public async Task ARefusedCommandMenuIsLoggedAndTheBotAnswersAnyway()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("setMyCommands", 400);
        await using var t = await TelegramFixture.StartAsync(api: api);
        t.Api.Enqueue(Text(1, 400, "南山区人均GDP有多少？"));

        await t.SentCountIsAsync(1);

        Assert.Contains(t.Bot.Logs.Lines, l => l.Contains("setMyCommands failed"));
        Assert.Contains("54万", t.Api.Sent().Single()["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheWebhookAsksForInlineQueriesAndSetsTheCommandMenuToo()
    {
        await using var t = await TelegramFixture.StartAsync(extra: new()
        {
            ["Telegram:Mode"] = "webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.invalid/telegram/webhook",
            ["Telegram:SecretToken"] = "s3cret_Value-1",
        });

        await t.Bot.EventuallyAsync(() => t.Api.Sent("setWebhook").Count == 1, because: "setWebhook called");

        var allowed = t.Api.Sent("setWebhook").Single()["allowed_updates"]!.AsArray().Select(u => u!.GetValue<string>());
        Assert.Equal(["message", "callback_query", "inline_query"], allowed);
        Assert.Equal(4, t.Api.CommandMenu("zh").Count);
    }

    [Fact]
    public async Task AStartLinkWithAMenuKeyAnswersItsQuestionAfterTheIntroductionInTheAppsLanguage()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Text(1, 401, "/start gdp"));
        t.Api.Enqueue(Text(2, 402, "/start gdp", language: "en"));

        await t.SentCountIsAsync(4);

        var chinese = TextsTo(t, 401);
        Assert.Equal(2, chinese.Count);
        Assert.StartsWith("你好！我是 NanshanBot", chinese[0]);
        Assert.Equal(await TypedAsync(t, "2025年南山区的GDP是多少？"), chinese[1]);
        var english = TextsTo(t, 402);
        Assert.StartsWith("Hello! I'm NanshanBot", english[0]);
        Assert.Equal(await TypedAsync(t, "What was Nanshan's GDP in 2025?"), english[1]);
        var answerButtons = t.Api.Sent().Last(s => s["chat_id"]!.GetValue<long>() == 401)["reply_markup"]!["inline_keyboard"]!.AsArray();
        Assert.Contains(answerButtons, row => row![0]!["text"]!.GetValue<string>() == "👍");
    }

    [Fact]
    public async Task AStartLinkWithAnUnknownKeyGetsOnlyTheIntroduction()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Text(1, 403, "/start poster-2026"));
        t.Api.Enqueue(Text(2, 403, "南山区人均GDP有多少？"));

        await t.SentCountIsAsync(2);
        await t.Bot.EventuallyAsync(() => t.Api.Offsets.Any(o => o >= 3), because: "both confirmed");

        var texts = TextsTo(t, 403);
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("你好！我是 NanshanBot", texts[0]);
        Assert.Contains("54万", texts[1]);
    }

    [Fact]
    public async Task AQuestionIsAnsweredInItsLanguageAndTheIntroductionInTheAppsLanguage()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Text(1, 404, "What was Nanshan's GDP in 2025?", language: "zh-hans"));
        t.Api.Enqueue(Text(2, 405, "南山区人均GDP有多少？", language: "en"));
        t.Api.Enqueue(Text(3, 406, "罗湖区2025年GDP是多少？", language: "en"));
        t.Api.Enqueue(Text(4, 407, "/start", language: "en"));
        t.Api.Enqueue(Text(5, 408, "/help", language: "zh-hans"));

        await t.SentCountIsAsync(5);

        Assert.Equal(await TypedAsync(t, "What was Nanshan's GDP in 2025?"), TextsTo(t, 404).Single());
        Assert.Equal(await TypedAsync(t, "南山区人均GDP有多少？"), TextsTo(t, 405).Single());
        Assert.Contains("54万", TextsTo(t, 405).Single());
        Assert.StartsWith("抱歉，我的知识库里没有", TextsTo(t, 406).Single());
        Assert.StartsWith("Hello! I'm NanshanBot", TextsTo(t, 407).Single());
        Assert.StartsWith("你好！我是 NanshanBot", TextsTo(t, 408).Single());
    }
}
