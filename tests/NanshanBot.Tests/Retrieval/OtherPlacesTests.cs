using NanshanBot.Answering;
using NanshanBot.Retrieval.Index;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Retrieval;

/// <summary>News about other places beside the bundled knowledge: it names Nanshan only to compare, ranks places,
/// numbers its fairs, says "economy" of an industry, quotes its own district head. None of that may answer for
/// Nanshan, nor for a place it ranks beside its own. The articles are written for these tests (invented figures);
/// the bundled knowledge has no GDP of Nanshan for 2014 or 2023, none of Luohu's or Futian's, and no district head
/// of 2019.</summary>
public sealed class OtherPlacesTests : IDisposable
{
    private readonly string folder = Repository.CopyKnowledge();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ASentenceThatNamesNanshanOnlyToCompareIsAboutAnotherPlace()
    {
        WriteArticle("longgang.md", "龙岗区经济年报", "2024-03-05", "2023年，龙岗区经济总量约为4800亿元，在全市各区中低于南山区。");
        WriteArticle("tianhe.md", "Tianhe District looks back on 2014", "2015-03-01",
            "Tianhe District kept growing in 2014. Its output came second only to Nanshan, at 310 billion yuan.", "en");

        var index = KnowledgeFactory.Load(folder);

        Assert.True(Answer(index, "南山区2023年GDP是多少？").Declined);
        Assert.True(Answer(index, "What was Nanshan's GDP in 2014?").Declined);
    }

    [Fact]
    public void NanshanComparedWithAnotherPlaceIsStillWhatItsSentenceIsAbout()
    {
        WriteArticle("nanshan.md", "南山区经济年报", "2024-03-05", "2023年，南山区经济总量约8500亿元，高于福田区和宝安区。");
        WriteArticle("nanshan-en.md", "Nanshan looks back on 2014", "2015-03-01",
            "In 2014, Nanshan's output reached 350 billion yuan, more than Futian's.", "en");

        var index = KnowledgeFactory.Load(folder);

        Assert.Contains("8500亿", Ask(index, "南山区2023年GDP是多少？"));
        Assert.Contains("350 billion", Ask(index, "What was Nanshan's GDP in 2014?"));
    }

    [Fact]
    public void ARankOrAnEditionOrADurationIsNoAmount()
    {
        WriteArticle("luohu-fair.md", "Luohu fair opens", "2025-05-10",
            "The 11th Luohu Digital Economy Fair opened on May 3, 2025 and lasted 4 days. Luohu and Bao'an both rank among the nation's top 30 districts by output.", "en");

        var index = KnowledgeFactory.Load(folder);

        Assert.True(Answer(index, "罗湖区2025年GDP是多少？").Declined);
        Assert.True(Answer(index, "What was Luohu's GDP in 2025?").Declined);
    }

    [Fact]
    public void TheEconomyOfAnIndustryIsNotTheGdp()
    {
        // The headline names GDP, so that the sentence has it from there; in its own words it says only 经济.
        WriteArticle("futian-park.md", "福田区GDP稳步增长", "2025-08-01", "2025年，福田区数字经济产业园计划投资120亿元。");

        var index = KnowledgeFactory.Load(folder);

        Assert.True(Answer(index, "福田区2025年GDP是多少？").Declined);
    }

    [Fact]
    public void AFigureASentenceGivesBeforeItNamesThePlaceAskedIsAnotherPlaces()
    {
        WriteArticle("lingang.md", "临港新片区百强区排名", "2025-12-01",
            "2025年，临港新片区GDP首次突破3000亿元，临港新片区与罗湖区一同跻身全国百强区前50名。");

        var index = KnowledgeFactory.Load(folder);

        Assert.True(Answer(index, "罗湖区2025年GDP是多少？").Declined);
    }

    [Fact]
    public void NanshansMayorIsNotTheHeadOfAnotherDistrict()
    {
        WriteArticle("pingshan.md", "Pingshan sets its targets", "2019-03-01",
            "Pingshan District grew 9% last year. District head Zhou Wenbo said the district would aim for growth of 7% this year.", "en");

        var index = KnowledgeFactory.Load(folder);

        Assert.DoesNotContain("Zhou Wenbo", Ask(index, "Who was the mayor of Nanshan in 2019?"));
    }

    [Fact]
    public void AnArticleOnADistrictTheKnowledgeHasNoNameForIsAboutThatDistrict()
    {
        WriteArticle("xinhe.md", "Xinhe sets its targets", "2019-03-01",
            "Xinhe District had 1.2 million permanent residents at the end of 2018. District head Wang Lin said the district would aim for growth of 7% this year.\n\n"
            + "A new metro line will link Xinhe with Nanshan by 2022.", "en");

        var index = KnowledgeFactory.Load(folder);

        Assert.DoesNotContain("Wang Lin", Ask(index, "Who was the mayor of Nanshan in 2019?"));
        Assert.True(Answer(index, "How many permanent residents did Nanshan have in 2018?").Declined);
    }

    [Fact]
    public void ASentenceThatNamesNoPlaceIsAboutThePlaceItsParagraphKeepsTo()
    {
        WriteArticle("baoan.md", "Bao'an climbs the ranking", "2025-09-01",
            "Bao'an District came 9th in the national ranking. Bao'an and Luohu are both among the top 20 districts by output. "
            + "District head Li Ming said the district would aim for growth of 6% next year.", "en");

        var index = KnowledgeFactory.Load(folder);

        Assert.DoesNotContain("Li Ming", Ask(index, "Who is Luohu's district head?"));
        Assert.Contains("Li Ming", Ask(index, "Who is Bao'an's district head?"));
    }

    [Fact]
    public void ASentenceThatNamesSeveralPlacesIsAboutTheOneItNamesFirst()
    {
        WriteArticle("baoan-zh.md", "宝安区跻身百强区前列", "2025-09-01", "宝安区与罗湖区一同进入全国百强区前30名，宝安区区长李明表示，明年全区经济力争增长6%。");

        var index = KnowledgeFactory.Load(folder);

        Assert.DoesNotContain("李明", Ask(index, "罗湖区区长是谁？"));
        Assert.Contains("李明", Ask(index, "宝安区区长是谁？"));
    }

    private static string Ask(KnowledgeIndex index, string question) => Answer(index, question).Text;

    private static NanshanBot.Answering.Answer Answer(KnowledgeIndex index, string question) =>
        new Bot(index).Ask(question, Guid.NewGuid().ToString("N"));

    private void WriteArticle(string name, string title, string date, string body, string language = "zh") =>
        TestKnowledge.WriteArticle(folder, name, title, date, body, language);
}
