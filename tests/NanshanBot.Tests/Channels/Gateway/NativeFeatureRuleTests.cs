using NanshanBot.Answering;
using NanshanBot.Channels;
using NanshanBot.Knowledge.Model;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Channels.Gateway;

/// <summary>The rules for what messengers offer besides typed text (voice, menu keys, start links, inline
/// queries), once each against the gateway itself. The transports' tests post the platforms' real shapes.</summary>
public sealed class NativeFeatureRuleTests
{
    [Fact]
    public async Task AVoiceMessageIsAnsweredWholeAfterWhatWasHeardEvenWhereAnswersStream()
    {
        using var bot = new GatewayHost();

        var reply = await bot.SendAsync(GatewayHost.From("u1", MessageKind.Voice, " 南山区人均GDP有多少？ ") with { Streams = true });

        Assert.Equal(ReplyKind.Text, reply.Kind);
        Assert.Equal("你问的是：南山区人均GDP有多少？\n" + reply.Answer!.Text, reply.Text);
        Assert.Contains("54万", reply.Text);
    }

    [Fact]
    public async Task AVoiceMessageWithoutTextGetsTheNoticeAskingForTextInTheUsersLanguage()
    {
        using var bot = new GatewayHost();

        var english = await bot.SendAsync(GatewayHost.From("u1", MessageKind.Voice, " ") with { Language = Language.English });

        Assert.Equal("Sorry, I could not make out that voice message. Please type your question.", english.Text);
        Assert.Null(english.Answer);
    }

    [Fact]
    public async Task AMenuKeyAsksItsQuestionInTheUsersLanguageRunsItsCommandOrIntroduces()
    {
        using var bot = new GatewayHost();

        var gdp = await bot.SendAsync(GatewayHost.From("u1", MessageKind.Menu, "GDP") with { Language = Language.English });
        var about = await bot.SendAsync(GatewayHost.From("u2", MessageKind.Menu, "about"));
        var unknown = await bot.SendAsync(GatewayHost.From("u3", MessageKind.Menu, "V1001_TODAY_MUSIC"));

        Assert.StartsWith("Nanshan District's GDP passed 1 trillion", gdp.Text);
        Assert.StartsWith("我的知识来自以下文章：\n", about.Text);
        Assert.Equal(AnswerKind.Introduction, unknown.Answer?.Kind);
        Assert.StartsWith("你好！我是 NanshanBot", unknown.Text);
    }

    [Fact]
    public async Task AStartWithAMenuKeyIsTheIntroductionThenWhatTheKeyAsks()
    {
        using var bot = new GatewayHost();

        var linked = await bot.SendAsync(GatewayHost.From("u1", MessageKind.Command, "/start@nanshan_test_bot companies"));
        var unknown = await bot.SendAsync(GatewayHost.From("u2", MessageKind.Command, "/start poster-2026"));

        Assert.Equal(AnswerKind.Introduction, linked.Answer?.Kind);
        Assert.Equal(AnswerKind.Answered, linked.Then?.Answer?.Kind);
        Assert.Contains("200", linked.Then!.Text);
        Assert.Null(linked.Then.Then);
        Assert.Equal(AnswerKind.Introduction, unknown.Answer?.Kind);
        Assert.Null(unknown.Then);
    }

    [Fact]
    public async Task AnInlineQueryOverTheLimitGetsTheNoticeAsItsOneResultThenNothingAndKeepsNoSources()
    {
        using var bot = new GatewayHost(perUser: 1);
        var query = GatewayHost.From("u1", MessageKind.Inline, "南山区人均GDP有多少？") with { Language = Language.English };

        var first = await bot.SendAsync(query);
        var told = await bot.SendAsync(query);
        var ignored = await bot.SendAsync(query);
        var sources = await bot.SendAsync(GatewayHost.From("u2", MessageKind.Command, "/sources") with { Conversation = query.Conversation });

        Assert.Equal(ReplyKind.Choices, first.Kind);
        Assert.False(first.Personal);
        Assert.Contains("54万", first.Choices[0].Text);
        Assert.Equal(InlineAnswers.MaxChoices, first.Choices.Count);
        Assert.Equal("You are sending messages faster than I can answer. Please wait a minute, then ask again.", Assert.Single(told.Choices).Text);
        Assert.True(told.Personal);
        Assert.Equal(ReplyKind.None, ignored.Kind);
        Assert.Equal("还没有可以查看来源的回答，请先提个问题。 There is no answer yet whose sources I could show. Ask me something first.", sources.Text);
    }
}
