using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Retrieval;

/// <summary>Articles dropped into knowledge/articles, answered sentence by sentence. The articles here are
/// written for these tests (invented figures), beside the bundled knowledge.</summary>
public sealed class ArticleAnswerTests
{
    private static readonly Lazy<Bot> WithArticles = new(() => new Bot(Bot.Load(Folder())));

    private static NanshanBot.Answering.Answer Ask(string question) => WithArticles.Value.Ask(question, Guid.NewGuid().ToString("N"));

    [Fact]
    public void ASentenceTakesTheYearAnEarlierSentenceOfItsParagraphSet()
    {
        var answer = Ask("2023年南山新建了多少座口袋公园？");

        Assert.False(answer.Declined, answer.Text);
        Assert.Contains("27座", answer.Text);
        Assert.Contains("测试日报", answer.Text);
    }

    [Fact]
    public void TheReplyIsTheSentenceThatAnswersNotTheParagraph()
    {
        var answer = Ask("南山2023年新建了多少座口袋公园");

        Assert.DoesNotContain("步道", answer.Text);
    }

    [Fact]
    public void AnEnglishQuestionOnAChineseSentenceGetsTheValueInEnglishWithItsSource()
    {
        var answer = Ask("How many pocket parks did Nanshan build in 2023?");

        Assert.False(answer.Declined, answer.Text);
        Assert.StartsWith("27 pocket parks", answer.Text);
        Assert.Contains("(from an article in Chinese)", answer.Text);
        Assert.Contains(answer.Quotes, q => q.Text.Contains("27座"));
    }

    [Fact]
    public void AChineseQuestionOnAnEnglishSentenceGetsTheFigureInChinese()
    {
        var answer = Ask("2024年南山的海水淡化厂能生产多少淡水？");

        Assert.False(answer.Declined, answer.Text);
        Assert.Contains("约12万", answer.Text);
        Assert.Contains("据英文资料", answer.Text);
    }

    [Fact]
    public void ASentenceThatSaysLastYearSaysWhichYearThatIs()
    {
        var answer = Ask("南山去年种了多少棵行道树？");

        Assert.Contains("3.4万棵", answer.Text);
        Assert.Contains("（“去年”即2023年）", answer.Text);
    }

    [Theory]
    [InlineData("南山的口袋公园停车难怎么解决？")]
    [InlineData("福田区2023年新建了多少座口袋公园？")]
    [InlineData("2021年南山新建了多少座口袋公园？")]
    [InlineData("Who founded the desalination plant in Nanshan?")]
    public void NearMissesAreDeclined(string question) => Assert.True(Ask(question).Declined, Ask(question).Text);

    [Fact]
    public void ASentenceAboutAnotherDistrictAnswersOnlyAboutIt()
    {
        Assert.Contains("31座", Ask("宝安区2023年新建了多少座口袋公园？").Text);
        Assert.DoesNotContain("31座", Ask("2023年南山新建了多少座口袋公园？").Text);
    }

    [Fact]
    public void TheNewestSourceAnswersAndAnOlderFigureIsNamedBesideIt()
    {
        var answer = Ask("南山有多少座口袋公园？");

        Assert.Contains("160座", answer.Text);
        Assert.Contains("较早的资料", answer.Text);
        Assert.Contains("为133座", answer.Text);
        Assert.DoesNotContain("133", Ask("南山现在有多少座口袋公园？").Text);
    }

    private static string Folder()
    {
        var folder = Repository.CopyKnowledge();
        var articles = Directory.CreateDirectory(Path.Combine(folder, "articles")).FullName;
        File.WriteAllText(Path.Combine(articles, "parks-2024.md"), """
            ---
            title: 南山绿化年报：口袋公园越来越多
            publisher: 测试日报
            date: 2024-01-20
            lang: zh
            ---
            测试日报讯 南山区绿化部门近日发布年度报告。2023年，南山新建口袋公园27座，全区口袋公园总数达到133座。同年，全区新增绿道步道15公里。

            报告说，去年全区种植行道树3.4万棵。报告还回应了口袋公园停车难、夜间照明等市民关心的问题。

            同期，宝安区新建口袋公园31座。
            """);
        File.WriteAllText(Path.Combine(articles, "parks-2025.md"), """
            ---
            title: 南山公园城市建设提速
            publisher: 测试晚报
            date: 2025-09-01
            lang: zh
            ---
            测试晚报讯 截至今年8月，南山全区口袋公园已达160座。
            """);
        File.WriteAllText(Path.Combine(articles, "water-2024.md"), """
            ---
            title: Nanshan desalination plant opens
            publisher: Test Harbour Times
            date: 2024-10-08
            lang: en
            ---
            SHENZHEN, Oct 8 (Test Harbour Times) - A seawater desalination plant opened in Nanshan in 2024. The plant produces about 120,000 tonnes of fresh water a day.
            """);
        return folder;
    }
}
