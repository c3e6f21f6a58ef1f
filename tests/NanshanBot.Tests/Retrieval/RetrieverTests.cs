using NanshanBot.Retrieval.Search;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Retrieval;

public sealed class RetrieverTests
{
    private readonly Bot bot = new();

    private RetrievalResult Search(string question) => bot.Retriever.Search(bot.Index, question);

    [Theory]
    [InlineData("2025年南山区地区生产总值是多少？", "gdp-2025")]
    [InlineData("南山的经济总量有多大", "gdp-2025")]
    [InlineData("南山区什么时候建区的？", "founded-1990")]
    [InlineData("When was Nanshan District founded?", "founded-1990")]
    [InlineData("南山从建区到GDP破万亿用了几年", "years-to-trillion")]
    [InlineData("南山有几家上市企业", "listed-companies")]
    [InlineData("How many listed companies joined the badminton tournament?", "badminton-participants")]
    [InlineData("英伟达深圳公司在哪里", "nvidia-shenzhen-address")]
    public void TheFactThatAnswersRanksFirst(string question, string factId)
    {
        var result = Search(question);

        Assert.Equal(Verdict.Found, result.Verdict);
        Assert.Equal(factId, result.Best!.Document.Id);
    }

    [Fact]
    public void AnotherDistrictNamedInTheKnowledgeIsANearMissNotAnAnswer()
    {
        var result = Search("福田区2025年GDP是多少？");

        Assert.NotEqual(Verdict.Found, result.Verdict);
        Assert.DoesNotContain(result.Ranked, c => c.Document.Id == "gdp-2025");
    }

    [Fact]
    public void AYearTheFactsDoNotCoverFindsNothing()
    {
        var result = Search("南山区2023年GDP是多少？");

        Assert.Equal(Verdict.NoMatch, result.Verdict);
        Assert.Empty(result.Ranked);
    }

    [Fact]
    public void APlaceWithoutFactsIsTheUnknownSubject()
    {
        var result = Search("罗湖区的房价是多少");

        Assert.Equal(Verdict.UnknownSubject, result.Verdict);
        Assert.Contains("@luohu", result.UnknownWords);
    }

    [Fact]
    public void ACommonNounNoTextHasLeavesTheQuestionUncoveredInsteadOfNamingASubject()
    {
        var result = Search("南山区的房价是多少");

        Assert.Equal(Verdict.NoMatch, result.Verdict);
        Assert.Empty(result.Answers);
        Assert.All(result.Ranked, c => Assert.True(c.Coverage < 0.5, $"{c.Document.Id} covers {c.Coverage}"));
    }

    [Fact]
    public void AQuestionOfOnlyTheDistrictNameHasNoContent()
    {
        Assert.Equal(Verdict.NoContent, Search("南山区").Verdict);
    }

    [Fact]
    public void ShenzhenQualifyingNanshanNarrowsNothingButAloneItIsTheSubject()
    {
        Assert.Equal("per-capita-gdp", Search("深圳南山区的人均GDP是多少").Best?.Document.Id);
        Assert.Equal("share-of-shenzhen", Search("南山区经济总量占深圳的多少？").Best?.Document.Id);
        Assert.NotEqual(Verdict.Found, Search("深圳有多少家上市公司").Verdict);
    }

    [Fact]
    public void ContextFromThePreviousTurnHelpsRankAFollowUp()
    {
        var previous = bot.Index.Parse("2025年南山区的GDP是多少").Tokens;

        var result = bot.Retriever.Search(bot.Index, "人均呢", previous);

        Assert.Equal("per-capita-gdp", result.Best?.Document.Id);
    }
}
