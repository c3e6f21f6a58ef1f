using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Answering;
using NanshanBot.Channels.Telegram;
using NanshanBot.Knowledge.Model;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Channels.Telegram;

/// <summary>Inline mode ("@bot 南山GDP" in any chat): inline_query updates through the real Telegram.Bot client
/// in the real service, answered with answerInlineQuery on the Bot API fake.</summary>
public sealed class InlineQueryTests
{
    private static AnswerEngine Engine(TelegramFixture t) => t.Bot.Services.GetRequiredService<AnswerEngine>();

    private static async Task<string> TypedAsync(TelegramFixture t, string question) =>
        (await Engine(t).AnswerAsync(new Question("other-" + Guid.NewGuid().ToString("N"), question))).Text;

    private static async Task<JsonObject> AnsweredAsync(TelegramFixture t, string queryId)
    {
        await t.Bot.EventuallyAsync(() => t.Api.InlineAnswers.Any(a => Field(a, "inline_query_id") == queryId), because: "answerInlineQuery for " + queryId);
        return t.Api.InlineAnswers.Single(a => Field(a, "inline_query_id") == queryId);
    }

    private static string? Field(JsonNode? node, string name) => node?[name]?.GetValue<string>();

    private static string MessageOf(JsonNode? result) => result!["input_message_content"]!["message_text"]!.GetValue<string>();

    private static bool IsPersonal(JsonObject answer) => answer["is_personal"]?.GetValue<bool>() ?? false;

    [Fact]
    public async Task AnInlineQueryGetsItsAnswerWithTheSourceLineThenAnswersToItsSuggestionsAtMostThreeForEveryoneBriefly()
    {
        // The bundled knowledge: its answer has three suggestions (the tests' own has too few facts to show the cap).
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Knowledge:Path"] = NanshanBot.Tests.Support.Repository.Knowledge });
        t.Api.Enqueue(Inline(1, 300, "南山GDP", language: "en"));

        var answer = await AnsweredAsync(t, "iq1");

        // The answer suggests three more questions, all answered: the first two make the results up to three.
        var expected = await Engine(t).AnswerAsync(new Question("other", "南山GDP"));
        Assert.Equal(3, expected.Suggestions.Count);
        var results = answer["results"]!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.Equal("article", Field(results[0], "type"));
        Assert.Equal("南山GDP", Field(results[0], "title"));
        Assert.Equal(expected.Text, MessageOf(results[0]));
        Assert.Contains("\n来源：", MessageOf(results[0]));
        for (var i = 1; i < 3; i++)
        {
            Assert.Equal(expected.Suggestions[i - 1].Text, Field(results[i], "title"));
            Assert.Equal(await TypedAsync(t, expected.Suggestions[i - 1].Text), MessageOf(results[i]));
        }

        Assert.Equal(results.Count, results.Select(r => Field(r, "id")).Distinct().Count());
        Assert.Equal(TelegramReplies.InlineCacheSeconds, answer["cache_time"]!.GetValue<int>());
        Assert.True(TelegramReplies.InlineCacheSeconds <= 60);
        Assert.False(IsPersonal(answer));
        Assert.Empty(t.Api.Sent());
    }

    [Fact]
    public async Task AnInlineQueryIsAnsweredInItsOwnLanguageWhateverTheApps()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Inline(1, 301, "What was Nanshan's GDP in 2025?", language: "zh-hans"));

        var answer = await AnsweredAsync(t, "iq1");

        var first = answer["results"]!.AsArray()[0];
        Assert.Equal(await TypedAsync(t, "What was Nanshan's GDP in 2025?"), MessageOf(first));
        Assert.StartsWith("Nanshan District's GDP passed 1 trillion", MessageOf(first));
    }

    [Fact]
    public async Task AnEmptyOrDeclinedInlineQueryGetsOneResultSayingWhatTheBotAnswersInTheAppsLanguage()
    {
        await using var t = await TelegramFixture.StartAsync();
        t.Api.Enqueue(Inline(1, 302, "", language: "en"));
        t.Api.Enqueue(Inline(2, 303, "罗湖区2025年GDP是多少？", language: "zh-hans"));

        var empty = await AnsweredAsync(t, "iq1");
        var declined = await AnsweredAsync(t, "iq2");

        var hint = Assert.Single(empty["results"]!.AsArray());
        Assert.Equal("Ask me about Nanshan's economy, industries, companies and events", Field(hint, "title"));
        Assert.Equal(Engine(t).Introduce(Language.English).Text, MessageOf(hint));
        var chinese = Assert.Single(declined["results"]!.AsArray());
        Assert.Equal("问我南山区的经济、产业、企业和活动", Field(chinese, "title"));
        Assert.Equal(Engine(t).Introduce(Language.Chinese).Text, MessageOf(chinese));
        Assert.All(new[] { empty, declined }, a => Assert.True(IsPersonal(a)));
        Assert.All(new[] { empty, declined }, a => Assert.Equal(0, a["cache_time"]?.GetValue<int>() ?? 0));
    }

    [Fact]
    public async Task InlineQueriesHaveTheFloodLimitPerUserApartFromTheUsersMessages()
    {
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Telegram:FloodLimitPerMinute"] = "2" });
        t.Api.Enqueue(Inline(1, 304, "南山区人均GDP"));
        t.Api.Enqueue(Inline(2, 304, "南山区人均GDP有多少"));
        t.Api.Enqueue(Inline(3, 304, "南山区人均GDP有多少？"));
        t.Api.Enqueue(Inline(4, 304, "南山区人均GDP有多少？？"));
        t.Api.Enqueue(Inline(5, 305, "南山区人均GDP有多少？"));
        t.Api.Enqueue(Text(6, 304, "南山区人均GDP有多少？"));

        await t.SentCountIsAsync(1);
        await t.Bot.EventuallyAsync(() => t.Api.Offsets.Any(o => o >= 7), because: "all six confirmed");

        var answered = t.Api.InlineAnswers.Select(a => Field(a, "inline_query_id")).ToList();
        Assert.Equal(["iq1", "iq2", "iq3", "iq5"], answered.Order());
        Assert.All((await AnsweredAsync(t, "iq2"))["results"]!.AsArray().Take(1), r => Assert.Contains("54万", MessageOf(r)));
        var told = await AnsweredAsync(t, "iq3");
        var notice = Assert.Single(told["results"]!.AsArray());
        Assert.Equal("消息发得太快了，请稍等一分钟再问。", MessageOf(notice));
        Assert.True(IsPersonal(told));
        Assert.Contains("54万", MessageOf((await AnsweredAsync(t, "iq5"))["results"]!.AsArray()[0]));
        Assert.Contains("54万", t.Api.Sent().Single()["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task InlineQueriesAndTheAnswersOfferedBesideThemAreNotCountedAsQuestionsAsked()
    {
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Telegram:AdminUserIds:0"] = "777" });
        t.Api.Enqueue(Inline(1, 777, "南山"));
        t.Api.Enqueue(Inline(2, 777, "南山区人"));
        t.Api.Enqueue(Inline(3, 777, "南山GDP"));
        t.Api.Enqueue(Text(4, 777, "南山区今天下雨吗？", fromId: 777));
        await t.SentCountIsAsync(1);
        t.Api.Enqueue(Text(5, 777, "/stats", fromId: 777));

        await t.SentCountIsAsync(2);

        Assert.Equal(3, t.Api.InlineAnswers.Count);
        var stats = t.Api.Sent().Last()["text"]!.GetValue<string>();
        Assert.Contains("Today 1 questions (0 answered, 1 declined)", stats);
        Assert.Contains("Questions: 1 today", stats);
    }
}
