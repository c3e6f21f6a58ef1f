using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Retrieval;

public sealed class TextAnalysisTests
{
    private readonly TextAnalyzer analyzer = new Bot().Index.Analyzer;

    private List<string> Meaningful(string text, int? year = null) =>
        analyzer.Analyze(text, year).Where(t => !t.IsPiece && !t.IsStop).Select(t => t.Text).ToList();

    [Fact]
    public void DistrictNamesAreFoundAsWholeNames()
    {
        var tokens = Meaningful("英伟达位于南山区粤海街道的威新软件科技园，南山区委书记黄湘岳");

        Assert.Equal(["@nvidia", "@address", "@nanshan", "@yuehai", "@weixin-park", "@nanshan", "委", "@party-secretary", "@huang-xiangyue"], tokens);
    }

    [Fact]
    public void LatinTokensInsideChineseAreRecognisedInAnyCase()
    {
        Assert.Contains("@gdp", Meaningful("南山区GDP多少"));
        Assert.Contains("@nvidia", Meaningful("nvidia在南山的公司"));
        Assert.Contains("@ai", Meaningful("南山的AI企业"));
    }

    [Fact]
    public void EnglishNamesMatchWholeWordsOnly()
    {
        Assert.DoesNotContain("@ai", Meaningful("he said so"));
        Assert.Contains("@listed-company", Meaningful("How many listed companies?"));
    }

    [Fact]
    public void UnknownChineseTextIsSegmentedIntoDictionaryWords()
    {
        var words = Meaningful("深圳地铁几点停运");

        Assert.Contains("地铁", words);
        Assert.Contains("停运", words);
    }

    [Theory]
    [InlineData("1万亿", "#n:1000000000000")]
    [InlineData("一万亿元", "#n:1000000000000")]
    [InlineData("1 trillion yuan", "#n:1000000000000")]
    [InlineData("a trillion", "#n:1000000000000")]
    [InlineData("54万元", "#n:540000")]
    [InlineData("540,000 yuan", "#n:540000")]
    [InlineData("54亿", "#n:5400000000")]
    [InlineData("5.4 billion", "#n:5400000000")]
    [InlineData("十万", "#n:100000")]
    [InlineData("超千家", "#n:1000")]
    [InlineData("six friends", "#n:6")]
    [InlineData("11月8日", "#d:11-8")]
    [InlineData("November 8", "#d:11-8")]
    [InlineData("8th of November", "#d:11-8")]
    [InlineData("2025年", "#y:2025")]
    [InlineData("新建灯杆120根，2025年再建", "#y:2025")]
    [InlineData("新建灯杆120根，2025年再建", "#n:120")]
    [InlineData("1,163 enterprises", "#n:1163")]
    [InlineData("In 2024, the district", "#y:2024")]
    [InlineData("60%", "#p:60")]
    [InlineData("六成", "#p:60")]
    [InlineData("四分之一", "#p:25")]
    [InlineData("a quarter", "#p:25")]
    [InlineData("第三个", "#o:3")]
    [InlineData("the third district", "#o:3")]
    [InlineData("the 13th Luohu expo", "#o:13")]
    public void NumbersDatesAndSharesAreNormalisedAcrossScripts(string text, string token)
    {
        Assert.Contains(token, Meaningful(text));
    }

    [Fact]
    public void AnEditionIsNoCount()
    {
        Assert.DoesNotContain("#n:13", Meaningful("The 13th Luohu International Expo opened"));
        Assert.Contains("#d:11-8", Meaningful("8th of November"));
    }

    [Theory]
    [InlineData("进入全国百强区前30名", "#o:30")]
    [InlineData("among the country's top 20 districts", "#o:20")]
    public void APlaceAmongTheFirstFewIsARankNotACount(string text, string token)
    {
        Assert.Contains(token, Meaningful(text));
        Assert.DoesNotContain("#n:" + token[3..], Meaningful(text));
    }

    [Fact]
    public void TopAsAVerbStaysACount()
    {
        Assert.Contains("#n:1000000000000", Meaningful("What year did Nanshan's GDP top 1 trillion?"));
    }

    [Theory]
    [InlineData("龙华区经济总量在全市各区中仅次于南山区和罗湖区。", "南山区和罗湖区")]
    [InlineData("among shenzhen's districts, only nanshan and guangming have a larger economy.", "nanshan and guangming")]
    [InlineData("its output came second only to nanshan, at 310 billion yuan.", "nanshan")]
    [InlineData("in 2014, longgang's output was smaller than nanshan's in every quarter.", "nanshan's")]
    public void WhatASentenceComparesWithIsFound(string text, string compared)
    {
        var spans = Comparisons.Find(text);

        Assert.Contains(spans, s => text[s.Start..s.End].Trim() == compared);
    }

    [Theory]
    [InlineData("2025年，南山区的GDP超过了1万亿元。", "南山")]
    [InlineData("nanshan's gdp passed 1 trillion yuan in 2025, ahead of futian.", "nanshan")]
    public void ThePlaceASentenceIsAboutIsNotCompared(string text, string subject)
    {
        Assert.Contains(subject, Comparisons.Without(text));
    }

    [Fact]
    public void RelativeYearsUseTheReferenceYear()
    {
        Assert.Contains("#y:2025", Meaningful("去年南山GDP", 2026));
        Assert.Contains("#y:2026", Meaningful("this year", 2026));
        Assert.DoesNotContain(Meaningful("去年南山GDP"), t => t.StartsWith("#y:"));
    }

    [Fact]
    public void TraditionalChineseReadsAsSimplified()
    {
        Assert.Equal(Meaningful("南山区的经济总量和机器人产业"), Meaningful("南山區的經濟總量和機器人產業"));
        Assert.Contains("@nvidia", Meaningful("輝達"));
    }

    [Fact]
    public void QuestionWordFusedToAVerbIsSplitOff()
    {
        var tokens = analyzer.Analyze("吃什么");

        Assert.Contains(tokens, t => t.Text == "吃" && !t.IsStop);
        Assert.Contains(tokens, t => t.Text == "什么" && t.IsStop);
    }

    [Theory]
    [InlineData("南山区2025年GDP是多少", Language.Chinese)]
    [InlineData("What was Nanshan's GDP?", Language.English)]
    [InlineData("What did 黄仁勋 eat?", Language.English)]
    [InlineData("南山区GDP", Language.Chinese)]
    public void LanguageIsTheOneThatDominates(string text, Language expected)
    {
        Assert.Equal(expected, LanguageDetector.Detect(text));
    }

    [Theory]
    [InlineData("companies", "company")]
    [InlineData("visited", "visit")]
    [InlineData("named", "nam")]
    [InlineData("name", "nam")]
    [InlineData("founded", "found")]
    [InlineData("Nanshan's", "nanshan")]
    public void EnglishStemmingFoldsInflections(string word, string stem)
    {
        Assert.Equal(stem, EnglishStemmer.Stem(word.ToLowerInvariant()));
    }
}
