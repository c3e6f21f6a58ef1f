using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Channels.Telegram;
using NanshanBot.Channels.WeChat;
using NanshanBot.Fakes;
using NanshanBot.Tests.Channels.Telegram;
using NanshanBot.Tests.Channels.WeChat;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Answering.Llm;

/// <summary>The service started with Llm:Endpoint, as `Llm__Endpoint=... dotnet run` starts it, on every channel.</summary>
public sealed class LlmChannelTests
{
    private static Dictionary<string, string?> Llm(FakeOpenAi model, double timeout = 3.5) => new()
    {
        ["Llm:Endpoint"] = model.Endpoint,
        ["Llm:Model"] = "m",
        ["Llm:ApiKey"] = "k",
        ["Llm:TimeoutSeconds"] = timeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static readonly Lazy<Bot> WithoutModel = new(() => new Bot(Bot.Load(TestKnowledge.Folder)));

    /// <summary>The answer the service (on the tests' own knowledge) gives with no model.</summary>
    private static string Offline(string text) => WithoutModel.Value.Ask(text, Guid.NewGuid().ToString()).Text;

    [Fact]
    public async Task TheWebApiAnswersWithTheModelsCitedText()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]");
        await using var service = await BotService.StartAsync(Llm(model));
        using var http = new HttpClient();

        var response = await http.PostAsJsonAsync(service.Url + "/api/chat", new { conversationId = "l1", text = "南山区人均GDP有多少？" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.StartsWith("据资料，南山人均GDP已超过54万元。\n来源：", body.GetProperty("reply").GetString());
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task TheWebStreamSendsCheckedSentencesThenTheAnswer()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]在国内外同类城区中处于很高的水平。[F1]");
        await using var service = await BotService.StartAsync(Llm(model));

        var events = await StreamAsync(service, "l2");

        Assert.Equal(["据资料，南山人均GDP已超过54万元。", "在国内外同类城区中处于很高的水平。"],
            events.Where(e => e.Name == "delta").Select(e => e.Data.GetProperty("text").GetString()));
        Assert.Equal("answer", events[^1].Name);
        Assert.Contains("54万元", events[^1].Data.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task TheWebStreamNeverSendsTextThatFailedTheCheck()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("罗湖区比南山区更值得投资，请访问 http://evil.example 领取补贴。[F1]据资料，南山人均GDP已超过54万元。[F1]");
        await using var service = await BotService.StartAsync(Llm(model));

        var events = await StreamAsync(service, "l3");

        Assert.DoesNotContain(events, e => e.Name == "delta");
        Assert.DoesNotContain("evil", events[^1].Data.GetProperty("reply").GetString());
        Assert.Equal(Offline("南山区人均GDP有多少？"), events[^1].Data.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task AModelThatStallsMidStreamEndsTheWebStreamWithTheOfflineAnswerInTime()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]在国内外同类城区中处于很高的水平。[F1]") { StallMidStream = TimeSpan.FromSeconds(30) };
        await using var service = await BotService.StartAsync(Llm(model, timeout: 1));

        var clock = Stopwatch.StartNew();
        var events = await StreamAsync(service, "l4");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
        Assert.Equal("answer", events[^1].Name);
        Assert.Equal(Offline("南山区人均GDP有多少？"), events[^1].Data.GetProperty("reply").GetString());
    }

    private static async Task<List<(string Name, JsonElement Data)>> StreamAsync(BotService service, string conversation)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync(service.Url + "/api/chat/stream", new { conversationId = conversation, text = "南山区人均GDP有多少？" });
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => (e.Split('\n')[0]["event: ".Length..], JsonDocument.Parse(e.Split("data: ")[1]).RootElement))
            .ToList();
    }

    [Fact]
    public async Task TelegramShowsTheAnswerGrowingThenEditsInTheCheckedAnswer()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]");
        await using var api = await FakeBotApi.StartAsync();
        await using var t = await TelegramFixture.StartAsync(extra: Llm(model), api: api);
        t.Api.Enqueue(Text(1, 900, "南山区人均GDP有多少？"));

        await t.Bot.EventuallyAsync(() => t.Api.Sent("editMessageText").Count >= 1, because: "the final edit");

        var draft = Assert.Single(t.Api.Sent());
        var final = t.Api.Sent("editMessageText").Last();
        Assert.EndsWith("…", draft["text"]!.GetValue<string>());
        Assert.StartsWith("据资料，南山人均GDP已超过54万元。\n来源：", final["text"]!.GetValue<string>());
        Assert.NotNull(final["reply_markup"]);
    }

    [Fact]
    public async Task TelegramNeverShowsADraftOfASentenceThatFailedTheCheck()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]罗湖区比南山区更值得投资，请访问 http://evil.example 领取补贴。[F1]");
        await using var t = await TelegramFixture.StartAsync(extra: Llm(model));
        t.Api.Enqueue(Text(1, 901, "南山区人均GDP有多少？"));

        await t.Bot.EventuallyAsync(() => t.Api.Sent("editMessageText").Count >= 1, because: "the final edit");

        Assert.All(t.Api.Sent().Concat(t.Api.Sent("editMessageText")), m => Assert.DoesNotContain("evil", m["text"]!.GetValue<string>()));
        Assert.Equal(Html.Escape(Offline("南山区人均GDP有多少？")), t.Api.Sent("editMessageText").Last()["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AModelThatStallsMidStreamLeavesNoTelegramDraftHanging()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]在国内外同类城区中处于很高的水平。[F1]") { StallMidStream = TimeSpan.FromSeconds(30) };
        await using var t = await TelegramFixture.StartAsync(extra: Llm(model, timeout: 1));
        t.Api.Enqueue(Text(1, 903, "南山区人均GDP有多少？"));

        var clock = Stopwatch.StartNew();
        await t.Bot.EventuallyAsync(() => t.Api.Sent().Concat(t.Api.Sent("editMessageText")).Any(m => m["text"]!.GetValue<string>().Contains("来源：")),
            because: "the final answer");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
        var last = t.Api.Sent().Concat(t.Api.Sent("editMessageText")).Last();
        Assert.Equal(Html.Escape(Offline("南山区人均GDP有多少？")), last["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task InAGroupTheAnswerIsSentOnceCheckedWithNoDraft()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]在国内外同类城区中处于很高的水平。[F1]");
        await using var t = await TelegramFixture.StartAsync(extra: Llm(model));
        t.Api.Enqueue(Text(1, -902, "@nanshan_test_bot 南山区人均GDP有多少？", fromId: 77, chatType: "supergroup"));

        await t.SentCountIsAsync(1);
        await t.Bot.EventuallyAsync(() => t.Api.Offsets.Any(o => o >= 2), because: "the update confirmed");

        var sent = Assert.Single(t.Api.Sent());
        Assert.StartsWith("据资料，南山人均GDP已超过54万元。在国内外同类城区中处于很高的水平。\n来源：", sent["text"]!.GetValue<string>());
        Assert.Empty(t.Api.Sent("editMessageText"));
    }

    [Fact]
    public async Task WeChatRepliesSuccessInTimeAndARetryGetsTheLateAnswerComputedOnce()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]", Delay: TimeSpan.FromSeconds(2.5));
        var settings = Llm(model, timeout: 8);
        settings["WeChat:Token"] = "tok";
        settings["WeChat:ReplyDeadline"] = "00:00:01";
        await using var service = await BotService.StartAsync(settings);
        var wechat = new WeChatClient(service.Url, "tok");
        var message = WeChatClient.TextMessage("南山区人均GDP有多少？", 880001);

        var clock = Stopwatch.StartNew();
        var first = await (await wechat.PostPlainAsync(message)).Content.ReadAsStringAsync();
        var firstTook = clock.Elapsed;
        var replies = new List<string>();
        for (var retry = 0; retry < 8 && (replies.Count == 0 || replies[^1] == "success"); retry++)
        {
            replies.Add(await (await wechat.PostPlainAsync(message)).Content.ReadAsStringAsync());
        }

        Assert.Equal("success", first);
        Assert.True(firstTook < TimeSpan.FromSeconds(2.4), $"first reply took {firstTook}");
        Assert.Contains("54万元", WeChatXml.Parse(replies[^1])["Content"]);
        Assert.Single(model.Requests);
        Assert.Equal(1, service.Services.GetRequiredService<ReplyCache>().Computations);
    }
}
