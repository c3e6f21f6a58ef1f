using NanshanBot.Retrieval.Search;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Retrieval;

/// <summary>How a question is read before anything is searched: noise set aside, typos read as the knowledge's
/// words, each word weighed by what it says in general language.</summary>
public sealed class QuestionReadingTests
{
    private readonly Bot bot = new();

    private Query Read(string question) => bot.Index.Parse(question, 2026);

    [Theory]
    [InlineData("What was Nanshan's GPD in 2025?", "gdp")]
    [InlineData("南山区人钧GDP有多少", "人均")]
    [InlineData("南山区是哪年见区的", "建区")]
    [InlineData("南山有多少家上市工司", "公司")]
    public void AOneSlipTypoReadsAsTheKnowledgesWord(string question, string read)
    {
        var query = Read(question);

        Assert.Contains(read, query.Normalized);
        Assert.Single(query.Corrections);
    }

    [Theory]
    [InlineData("pls how many listed companies")]
    [InlineData("南山区有多少上市公司")]
    public void ARealWordOrAShortAbbreviationIsNotATypo(string question) => Assert.Empty(Read(question).Corrections);

    [Fact]
    public void CommonWordsWeighLittleAndInformativeOnesMuch()
    {
        var query = Read("how many people did the mayor meet");

        Assert.True(query.Weight("meet") > 3 * query.Weight("peopl"), $"meet {query.Weight("meet")}, people {query.Weight("peopl")}");
        Assert.True(Read("南山区的房价").Weight("房价") > 1.5 * Read("南山区的名字").Weight("名字"));
    }

    [Theory]
    [InlineData("南山区是哪年建区的？多谢", "多谢")]
    [InlineData("南山区gdp是多少，急！在线等", "在线")]
    [InlineData("hi, what was Nanshan's GDP in 2025? thanks a lot", "lot")]
    public void AClauseOfChatterBesideTheQuestionIsSetAside(string question, string chatter) =>
        Assert.Contains(Read(question).Tokens, t => t.Text == chatter && t.IsStop);

    [Theory]
    [InlineData("<i>南山区有多少家上市公司</i>")]
    [InlineData("南山区有几家上市公司啊[捂脸]")]
    [InlineData("南山区有多少家上市公司 123")]
    [InlineData("hey bot how many listed companies does nanshan have")]
    public void MarkupEmojiCodesHailsAndStrayNumbersAreNotPartOfTheQuestion(string question)
    {
        var content = Read(question).Tokens.Where(t => t.IsContent).Select(t => t.Text).ToList();

        Assert.Equal(["@listed-company", "@nanshan"], content.Where(t => t != "hav").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AWordThatOnlyNamesTheKindOfAnswerWeighsLess()
    {
        var query = Read("What is the name of the dish Jensen Huang ate in Futian?");

        Assert.Contains("dish", query.Categories);
        Assert.True(query.Weight("dish") < 0.5, $"dish {query.Weight("dish")}");
    }

    [Fact]
    public void FullWidthEnglishIsReadAsEnglish() => Assert.Equal(NanshanBot.Knowledge.Model.Language.English, Read("ｈｏｗ ｍｕｃｈ ｉｓ ｔｈｅ ＧＤＰ").Language);
}
