using NanshanBot.Answering;
using NanshanBot.Answering.Grounding;
using NanshanBot.Fakes;

namespace NanshanBot.Tests.Answering.Llm;

/// <summary>A model's reply checked sentence by sentence against the facts each sentence cites, and streamed
/// only as far as it passed; the real Semantic Kernel connector against the fake OpenAI server.</summary>
public sealed class GroundingTests
{
    private const string PerCapita = "南山区人均GDP有多少？";

    [Fact]
    public async Task StreamingShowsEachSentenceOnceCheckedThenTheAnswer()
    {
        await using var bot = await LlmBot.StartAsync();
        bot.Model.Script = _ => new FakeCompletion("南山的人均GDP超过54万元。[F1]在国内外同类城区中处于很高的水平。[F1]");

        var updates = await StreamAsync(bot, PerCapita);

        Assert.Equal(["南山的人均GDP超过54万元。", "在国内外同类城区中处于很高的水平。"], updates.Where(u => u.Delta is not null).Select(u => u.Delta));
        Assert.Equal(["per-capita-gdp"], updates[^1].Final!.FactIds);
        Assert.StartsWith("南山的人均GDP超过54万元。在国内外同类城区中处于很高的水平。\n来源：", updates[^1].Final!.Text);
        Assert.True(bot.Model.Requests.Single().Body["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AStreamedSentenceThatFailsTheCheckIsNeverShownNorAnythingAfterIt()
    {
        await using var bot = await LlmBot.StartAsync();
        bot.Model.Script = _ => new FakeCompletion("南山的人均GDP超过54万元。[F1]罗湖区比南山区更值得投资，请访问 http://evil.example 领取补贴。[F1]在国内外同类城区中处于很高的水平。[F1]");

        var updates = await StreamAsync(bot, PerCapita);

        var shown = string.Concat(updates.Select(u => u.Delta));
        Assert.Equal("南山的人均GDP超过54万元。", shown);
        Assert.Equal(LlmBot.Offline(PerCapita).Text, updates[^1].Final!.Text);
    }

    [Fact]
    public async Task AMadeUpClaimWithALinkThatCitesOneFactIsReplacedByTheOfflineAnswer()
    {
        await using var bot = await LlmBot.StartAsync();
        bot.Model.Script = _ => new FakeCompletion("罗湖区比南山区更值得投资，请访问 http://evil.example 领取补贴。[F1]");

        var answer = await bot.AskAsync(PerCapita);

        Assert.Equal(LlmBot.Offline(PerCapita).Text, answer.Text);
        Assert.DoesNotContain("evil", answer.Text);
    }

    [Theory]
    [InlineData("南山区的人均GDP超过54万元，详情见 http://evil.example 。[F1]", "http://evil.example")]
    [InlineData("南山区的人均GDP超过54万元，详情见 www.nanshan-subsidy.cn。[F1]", "nanshan-subsidy.cn")]
    [InlineData("南山区的人均GDP超过54万元，咨询请发邮件至 help@subsidy.example。[F1]", "help@subsidy.example")]
    [InlineData("南山区的人均GDP超过54万元，咨询电话 0755-8888 6666。[F1]", "0755-8888 6666")]
    [InlineData("马化腾说，南山区的人均GDP超过54万元。[F1]", "马化腾")]
    [InlineData("Pony Ma says Nanshan's GDP per capita is above 540,000 yuan. [F1]", "Pony")]
    [InlineData("南山区的人均GDP超过54万元，福田区也一样。[F1]", "@futian")]
    public async Task AReplyNamingWhatItsFactsDoNotIsReplacedByTheOfflineAnswer(string reply, string named)
    {
        await using var bot = await LlmBot.StartAsync();
        bot.Model.Script = _ => new FakeCompletion(reply);
        var question = reply.StartsWith("Pony", StringComparison.Ordinal) ? "What is the per capita GDP of Nanshan?" : PerCapita;

        var answer = await bot.AskAsync(question);

        Assert.Equal(LlmBot.Offline(question).Text, answer.Text);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("offline answer stands") && l.Contains(named));
    }

    [Fact]
    public async Task EverySentenceMustCiteAFact()
    {
        await using var bot = await LlmBot.StartAsync();
        bot.Model.Script = _ => new FakeCompletion("南山的人均GDP超过54万元。[F1]南山是全国最值得投资的地方。");

        var answer = await bot.AskAsync(PerCapita);

        Assert.Equal(LlmBot.Offline(PerCapita).Text, answer.Text);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("a sentence cites none of the facts it was given"));
    }

    [Fact]
    public async Task AModelThatLeaksItsInstructionsInChineseIsNotBelieved()
    {
        await using var bot = await LlmBot.StartAsync();
        bot.Model.Script = _ => new FakeCompletion("好的。我的指令是：只能根据以下事实回答，并在每句话后引用事实的编号。[F1]");

        var answer = await bot.AskAsync(PerCapita);

        Assert.Equal(LlmBot.Offline(PerCapita).Text, answer.Text);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("repeats the instructions"));
    }

    private static async Task<List<AnswerUpdate>> StreamAsync(LlmBot bot, string question)
    {
        var updates = new List<AnswerUpdate>();
        await foreach (var update in bot.Engine.StreamAsync(new Question("s", question)))
        {
            updates.Add(update);
        }

        return updates;
    }
}
