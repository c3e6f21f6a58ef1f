using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task TheWebStreamSendsTextPiecesThenTheAnswer()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]");
        await using var service = await BotService.StartAsync(Llm(model));
        using var http = new HttpClient();

        var response = await http.PostAsJsonAsync(service.Url + "/api/chat/stream", new { conversationId = "l2", text = "南山区人均GDP有多少？" });
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(events.Count(e => e.StartsWith("event: delta", StringComparison.Ordinal)) >= 2);
        var answer = JsonDocument.Parse(events[^1].Split("data: ")[1]).RootElement;
        Assert.StartsWith("event: answer", events[^1]);
        Assert.Contains("54万元", answer.GetProperty("reply").GetString());
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
