using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Answering;
using NanshanBot.Answering.Grounding;
using NanshanBot.Channels;
using NanshanBot.Knowledge.Model;
using NanshanBot.Operations;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Channels.Gateway;

/// <summary>Each rule of the inbound pipeline, once, against the gateway itself: no transport, no HTTP. The
/// transports' own tests (Telegram's Bot API fake, signed WeChat posts, the web API) cover parsing and rendering.</summary>
public sealed class GatewayRuleTests
{
    [Fact]
    public async Task AUserOverTheFloodLimitIsToldOnceThenIgnoredUntilTheWindowHasPassed()
    {
        using var bot = new GatewayHost(perUser: 3);

        var replies = new List<Reply>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add(await bot.AskAsync("南山区人均GDP有多少？"));
        }

        Assert.All(replies.Take(3), r => Assert.Contains("54万", r.Text));
        Assert.Equal("消息发得太快了，请稍等一分钟再问。 You are sending messages faster than I can answer. Please wait a minute, then ask again.", replies[3].Text);
        Assert.Equal(ReplyKind.None, replies[4].Kind);
        Assert.Contains("54万", (await bot.AskAsync("南山区人均GDP有多少？", "u2")).Text);
        bot.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains("54万", (await bot.AskAsync("南山区人均GDP有多少？")).Text);
    }

    [Fact]
    public async Task AGroupOverItsLimitIsToldOnceWhoeverWrites()
    {
        using var bot = new GatewayHost(perUser: 10, perGroup: 2);

        var replies = new List<Reply>();
        foreach (var user in new[] { "a", "b", "c", "d" })
        {
            replies.Add(await bot.SendAsync(GatewayHost.From(user, MessageKind.Text, "南山区人均GDP有多少？") with { Group = "g1", Language = Language.English }));
        }

        Assert.All(replies.Take(2), r => Assert.Contains("54万", r.Text));
        Assert.Equal("You are sending messages faster than I can answer. Please wait a minute, then ask again.", replies[2].Text);
        Assert.Equal(ReplyKind.None, replies[3].Kind);
    }

    [Fact]
    public async Task AdminCommandsRunOnlyForAnAdminOutsideAGroup()
    {
        using var bot = new GatewayHost();
        var version = GatewayHost.From("admin", MessageKind.Command, "/version");

        var admin = await bot.SendAsync(version with { IsAdmin = true });
        var inGroup = await bot.SendAsync(version with { IsAdmin = true, Group = "g1" });
        var other = await bot.SendAsync(version);

        Assert.StartsWith("NanshanBot ", admin.Text);
        Assert.Contains("knowledge", admin.Text);
        Assert.Equal(AnswerKind.Introduction, inGroup.Answer?.Kind);
        Assert.Equal(AnswerKind.Introduction, other.Answer?.Kind);
        Assert.DoesNotContain("knowledge", other.Text);
    }

    [Fact]
    public async Task AnyOtherCommandIsAnsweredWithTheIntroductionInTheUsersLanguage()
    {
        using var bot = new GatewayHost();

        var start = await bot.SendAsync(GatewayHost.From("u1", MessageKind.Command, "/start") with { Language = Language.English });

        Assert.Equal(AnswerKind.Introduction, start.Answer?.Kind);
        Assert.StartsWith("Hello! I'm NanshanBot", start.Text);
        Assert.NotEmpty(start.Answer!.Suggestions);
    }

    [Fact]
    public async Task AboutListsEverySourceAndSourcesThoseOfTheConversationsLastAnswer()
    {
        using var bot = new GatewayHost();
        var sources = GatewayHost.From("u1", MessageKind.Command, "/sources");

        var before = await bot.SendAsync(sources with { Language = Language.Chinese });
        await bot.AskAsync("南山区人均GDP有多少？");
        var after = await bot.SendAsync(sources with { Language = Language.Chinese });
        var about = await bot.SendAsync(GatewayHost.From("u1", MessageKind.Command, "/about") with { Language = Language.English });

        Assert.Equal("还没有可以查看来源的回答，请先提个问题。", before.Text);
        Assert.StartsWith("资料来源：\n• ", after.Text);
        Assert.Contains("深圳梦", after.Text);
        Assert.StartsWith("My knowledge comes from these articles:\n• ", about.Text);
        Assert.Contains("Shenzhen Dream", about.Text);
    }

    [Fact]
    public async Task ASuggestionIsAnsweredAndOneTheKnowledgeNoLongerHasGetsANotice()
    {
        using var bot = new GatewayHost();
        var intro = await bot.SendAsync(GatewayHost.From("u1", MessageKind.Command, "/start"));
        var key = intro.Answer!.Suggestions[0].Key;

        var answered = await bot.SendAsync(GatewayHost.From("u1", MessageKind.Suggestion, key));
        var gone = await bot.SendAsync(GatewayHost.From("u1", MessageKind.Suggestion, "f:zh:no-such-fact") with { Language = Language.English });

        Assert.Equal(AnswerKind.Answered, answered.Answer?.Kind);
        Assert.Equal("That suggestion is no longer available. Please type your question.", gone.Text);
    }

    [Fact]
    public async Task AVoteCountsOncePerUserAndAnswerInTheLogAndTheSharedCounters()
    {
        using var bot = new GatewayHost();
        var answer = (await bot.AskAsync("南山区人均GDP有多少？")).Answer!;
        var up = GatewayHost.From("u1", MessageKind.Feedback, answer.Id) with { Helpful = true, Language = Language.Chinese };

        var first = await bot.SendAsync(up);
        var again = await bot.SendAsync(up with { Helpful = false });
        var other = await bot.SendAsync(up with { User = "u2" });

        Assert.Equal((ReplyKind.Receipt, "谢谢你的反馈！"), (first.Kind, first.Text));
        Assert.Equal((ReplyKind.Receipt, "你已经评价过这个回答了。"), (again.Kind, again.Text));
        Assert.Equal("谢谢你的反馈！", other.Text);
        var log = bot.Services.GetRequiredService<QuestionLog>();
        await log.FlushAsync();
        Assert.Equal((2, 0), (log.Statistics().Helpful, log.Statistics().NotHelpful));
        var counters = bot.Services.GetRequiredService<SharedCounters>();
        await counters.FlushAsync();
        Assert.Equal(2, (await counters.TotalsAsync(CancellationToken.None)).Today["helpful"]);
    }

    [Fact]
    public async Task AMessageThatIsNotTextGetsTheTextOnlyNoticeInTheUsersLanguageOrInBoth()
    {
        using var bot = new GatewayHost();
        var photo = GatewayHost.From("u1", MessageKind.Unsupported, "");

        Assert.Equal("I can only read text messages. Please type your question.", (await bot.SendAsync(photo with { Language = Language.English })).Text);
        Assert.Equal("我目前只能看懂文字消息，请用文字提问。 I can only read text messages. Please type your question.", (await bot.SendAsync(photo)).Text);
    }

    [Fact]
    public async Task ABlankTextIsAnsweredWithTheIntroductionWithoutAskingTheEngine()
    {
        using var bot = new GatewayHost();

        var reply = await bot.AskAsync("   ");
        var log = bot.Services.GetRequiredService<QuestionLog>();
        await log.FlushAsync();

        Assert.Equal(AnswerKind.Introduction, reply.Answer?.Kind);
        Assert.Equal(0, log.Statistics().Total);
    }

    [Fact]
    public async Task AQuestionIsAnsweredByTheEngineLoggedOnceWithAHashedChatAndCounted()
    {
        using var bot = new GatewayHost();
        var counted = new List<(string Instrument, string Tags)>();
        using var listener = ListenTo(bot, counted);

        var reply = await bot.AskAsync("南山区人均GDP有多少？", "someone");

        Assert.Contains("54万", reply.Answer!.Text);
        var line = Assert.Single(bot.Logs.Lines, l => l.Contains("Answered test chat"));
        Assert.Contains("top fact per-capita-gdp", line);
        Assert.DoesNotContain("someone", line);
        Assert.Contains(("nanshanbot.inbound", "channel=test kind=Text verdict=Allow"), counted);
        Assert.Contains(counted, c => c.Instrument == "nanshanbot.messages" && c.Tags == "channel=test");
    }

    [Fact]
    public async Task ATransportThatShowsAnswersAsTheyAreWrittenGetsAStreamEndingWithTheFinalAnswer()
    {
        using var bot = new GatewayHost();

        var reply = await bot.SendAsync(GatewayHost.From("u1", MessageKind.Text, "南山区人均GDP有多少？") with { Streams = true });
        var updates = new List<AnswerUpdate>();
        await foreach (var update in reply.Updates!)
        {
            updates.Add(update);
        }

        Assert.Equal(ReplyKind.Stream, reply.Kind);
        Assert.Contains("54万", updates[^1].Final!.Text);
        Assert.Single(bot.Logs.Lines, l => l.Contains("Answered test chat"));
    }

    private static MeterListener ListenTo(GatewayHost bot, List<(string, string)> counted)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BotMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            lock (counted)
            {
                counted.Add((instrument.Name, string.Join(" ", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
            }
        });
        listener.Start();
        _ = bot.Services.GetRequiredService<BotMetrics>();
        return listener;
    }
}
