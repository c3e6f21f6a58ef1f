using Microsoft.Extensions.Options;
using NanshanBot.Answering;
using NanshanBot.Retrieval.Index;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Retrieval;

/// <summary>A knowledge base that grows by articles: a reload analyses only what changed, a start takes unchanged
/// articles from the index cache (and never a cache it cannot trust), and articles about other places, however
/// many and however alike, never crowd out or stand in for the answer about Nanshan. The articles are written
/// for these tests (invented figures).</summary>
public sealed class IndexReuseTests : IDisposable
{
    private readonly string folder = Repository.CopyKnowledge();
    private readonly string cacheFolder = Path.Combine(Path.GetTempPath(), "nanshanbot-cache-" + Guid.NewGuid().ToString("N"));

    public IndexReuseTests()
    {
        WriteArticle("parks.md", "南山公园年报", "2024-01-20", "2023年，南山新建口袋公园27座，全区口袋公园总数达到133座。");
        WriteArticle("water.md", "南山海水淡化", "2024-10-08", "南山的海水淡化厂于2024年投产，每天生产淡水约12万吨。");
    }

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        if (Directory.Exists(cacheFolder))
        {
            Directory.Delete(cacheFolder, recursive: true);
        }
    }

    [Fact]
    public void AReloadAnalysesOnlyTheArticleThatChangedAndAnswersFromItAtOnce()
    {
        var before = KnowledgeFactory.Load(folder);
        var waterSentences = before.Documents.Count(d => d.Passage?.SourceId == "article-water");
        WriteArticle("parks.md", "南山公园年报", "2024-01-20", "2023年，南山新建口袋公园31座，全区口袋公园总数达到137座。");

        var (after, errors) = KnowledgeFactory.TryLoad(folder, before);

        Assert.Empty(errors);
        Assert.Equal(1, after!.AnalysedArticles);
        Assert.Equal(waterSentences, after.ReusedDocuments);
        Assert.Contains("31座", Ask(after, "2023年南山新建了多少座口袋公园？"));
        Assert.Contains("12万吨", Ask(after, "南山的海水淡化厂每天生产多少淡水？"));
        Assert.Contains("27座", Ask(before, "2023年南山新建了多少座口袋公园？"));
    }

    [Fact]
    public void AFileWhoseSizeAndWriteTimeAreUnchangedIsNotReadAgainAndOneWhoseTimeMovedIs()
    {
        var parks = Path.Combine(folder, "articles", "parks.md");
        var written = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(parks, written);
        var before = KnowledgeFactory.Load(folder);
        Assert.NotNull(before.Knowledge.ArticleFiles["articles/parks.md"].Stamp);

        // The same size and write time, as make and git take them: the file is not read, so the figure stays.
        File.WriteAllText(parks, File.ReadAllText(parks).Replace("27座", "28座", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(parks, written);
        var (same, _) = KnowledgeFactory.TryLoad(folder, before);
        Assert.Equal(0, same!.AnalysedArticles);
        Assert.Contains("27座", Ask(same, "2023年南山新建了多少座口袋公园？"));

        File.SetLastWriteTimeUtc(parks, written.AddSeconds(1));
        var (moved, _) = KnowledgeFactory.TryLoad(folder, same);
        Assert.Equal(1, moved!.AnalysedArticles);
        Assert.Contains("28座", Ask(moved, "2023年南山新建了多少座口袋公园？"));
    }

    [Fact]
    public void AFileWrittenJustBeforeItWasReadIsReadAgainThoughItsSizeAndTimeAreTheSame()
    {
        var parks = Path.Combine(folder, "articles", "parks.md");
        var before = KnowledgeFactory.Load(folder);
        var written = File.GetLastWriteTimeUtc(parks);
        Assert.Null(before.Knowledge.ArticleFiles["articles/parks.md"].Stamp);

        File.WriteAllText(parks, File.ReadAllText(parks).Replace("27座", "28座", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(parks, written);
        var (after, _) = KnowledgeFactory.TryLoad(folder, before);

        Assert.Equal(1, after!.AnalysedArticles);
        Assert.Contains("28座", Ask(after, "2023年南山新建了多少座口袋公园？"));
    }

    [Fact]
    public void AfterAReloadQuestionsUseThePreviousTypoCorrectorUntilTheNewOneIsBuilt()
    {
        var before = KnowledgeFactory.Load(folder);
        before.Prepare();
        WriteArticle("trees.md", "南山绿化", "2024-03-01", "2023年，南山种植行道树3.4万棵。");

        var (after, _) = KnowledgeFactory.TryLoad(folder, before);

        Assert.Same(before.Typos, after!.Typos);
        Assert.Contains("54万", Ask(after, "南山区人钧GDP有多少"));
        after.Prepare();
        Assert.NotSame(before.Typos, after.Typos);
        Assert.Contains("54万", Ask(after, "南山区人钧GDP有多少"));
    }

    [Fact]
    public void AnAddedArticleIsAnsweredAndARemovedOneNoLonger()
    {
        var before = KnowledgeFactory.Load(folder);
        File.Delete(Path.Combine(folder, "articles", "water.md"));
        WriteArticle("trees.md", "南山绿化", "2024-03-01", "2023年，南山种植行道树3.4万棵。");

        var (after, _) = KnowledgeFactory.TryLoad(folder, before);

        Assert.Equal(1, after!.AnalysedArticles);
        Assert.Contains("3.4万棵", Ask(after, "2023年南山种了多少棵行道树？"));
        Assert.DoesNotContain("12万吨", Ask(after, "南山的海水淡化厂每天生产多少淡水？"));
        Assert.DoesNotContain(after.Documents, d => d.Passage?.SourceId == "article-water");
    }

    [Fact]
    public void ChangedTermsHaveEveryArticleAnalysedAgain()
    {
        var before = KnowledgeFactory.Load(folder);
        File.AppendAllText(Path.Combine(folder, "terms.kb"), "\n[term test-plant]\nkind: organisation\nnames: 淡化厂测试名\n");

        var (after, errors) = KnowledgeFactory.TryLoad(folder, before);

        Assert.Empty(errors);
        Assert.Equal(2, after!.AnalysedArticles);
        Assert.Equal(0, after.ReusedDocuments);
    }

    [Fact]
    public void AStartWithUnchangedKnowledgeTakesEveryArticleFromTheCacheAndAnswersTheSame()
    {
        var first = Factory().Load();
        Assert.Equal(2, first.AnalysedArticles);
        Assert.True(File.Exists(Factory().CacheFile));

        var second = Factory().Load();

        Assert.Equal(0, second.AnalysedArticles);
        Assert.Equal(first.Documents.Count(d => d.Passage is not null), second.ReusedDocuments);
        foreach (var question in new[] { "2023年南山新建了多少座口袋公园？", "How much fresh water does the Nanshan desalination plant make a day?", "2025年南山区GDP是多少？" })
        {
            Assert.Equal(Ask(first, question), Ask(second, question));
        }
    }

    [Fact]
    public void AnArticleEditedSinceTheCacheWasWrittenIsAnalysedAgain()
    {
        Factory().Load();
        WriteArticle("water.md", "南山海水淡化", "2024-10-08", "南山的海水淡化厂于2024年投产，每天生产淡水约15万吨。");

        var index = Factory().Load();

        Assert.Equal(1, index.AnalysedArticles);
        Assert.Contains("15万吨", Ask(index, "南山的海水淡化厂每天生产多少淡水？"));
    }

    [Theory]
    [InlineData("flip", "damaged")]
    [InlineData("cut", "damaged")]
    [InlineData("garbage", "damaged")]
    public void ADamagedCacheIsIgnoredAndWrittenAgain(string damage, string problem)
    {
        var cache = Factory().CacheFile!;
        Factory().Load();
        var bytes = File.ReadAllBytes(cache);
        File.WriteAllBytes(cache, damage switch
        {
            "flip" => bytes.Select((b, i) => i == bytes.Length / 2 ? (byte)(b ^ 0x5A) : b).ToArray(),
            "cut" => bytes[..(bytes.Length / 3)],
            _ => "not a cache at all"u8.ToArray(),
        });
        var rules = NanshanBot.Knowledge.Loading.KnowledgeLoader.RulesVersion(folder)!;
        Assert.Contains(problem, IndexCache.Read(cache, rules).Problem);

        var index = Factory().Load();

        Assert.Equal(2, index.AnalysedArticles);
        Assert.Contains("27座", Ask(index, "2023年南山新建了多少座口袋公园？"));
        Assert.Null(IndexCache.Read(cache, rules).Problem);
    }

    [Fact]
    public void ACacheWrittenUnderOtherRulesIsNotTaken()
    {
        var cache = Factory().CacheFile!;
        Factory().Load();

        Assert.Contains("other terms", IndexCache.Read(cache, "another-rules-version").Problem);
        File.AppendAllText(Path.Combine(folder, "terms.kb"), "\n[term test-plant]\nkind: organisation\nnames: 淡化厂测试名\n");
        Assert.Equal(2, Factory().Load().AnalysedArticles);
    }

    [Fact]
    public void HundredsOfLookAlikeArticlesAboutOtherPlacesNeitherCrowdOutNorStandInForNanshan()
    {
        var places = new[] { ("福田区", "Futian"), ("天河区", "Tianhe"), ("滨江区", "Binjiang"), ("海淀区", "Haidian") };
        for (var i = 0; i < 240; i++)
        {
            var (zh, en) = places[i % places.Length];
            var year = 2018 + (i % 8);
            if (i % 3 == 2)
            {
                WriteArticle($"other-{i}.md", $"{en} reports on {year}", $"{year}-06-0{1 + (i % 9)}",
                    string.Join(" ", Enumerable.Range(0, 6).Select(k => $"In {year}, {en}'s GDP reached {300 + i + k} billion yuan, and {en} had about {100 + k} parks and {2 + k} million permanent residents.")), "en");
            }
            else
            {
                // The place is named once a paragraph (beside Nanshan, which the article so names too); the sentences after
                // it say only 全区 (the whole district).
                WriteArticle($"other-{i}.md", $"{zh}{year}年经济运行情况", $"{year}-06-0{1 + (i % 9)}",
                    string.Join("\n\n", Enumerable.Range(0, 3).Select(k =>
                        $"{year}年，{zh}地区生产总值达到{3000 + i + k}亿元，在全市仅次于南山区。全区常住人口约{100 + k}万人，公园{200 + k}个。全区上市公司{150 + k}家。")));
            }
        }

        var index = KnowledgeFactory.Load(folder);

        Assert.Contains("1万亿", Ask(index, "2025年南山区GDP是多少？"));
        Assert.Contains("1 trillion", Ask(index, "What was Nanshan's GDP in 2025?"));
        Assert.Contains("27座", Ask(index, "2023年南山新建了多少座口袋公园？"));

        // The bundled knowledge has no figure of Nanshan's population: other places' must not stand in for it, nor
        // another district's "全区" figures for Nanshan's.
        Assert.True(Answer(index, "南山区常住人口多少？").Declined);
        Assert.Contains("200", Ask(index, "南山区有多少家上市公司？"));
        Assert.True(Answer(index, "How many permanent residents does Nanshan have?").Declined);
    }

    private KnowledgeFactory Factory() =>
        new(Options.Create(new KnowledgeOptions { Path = folder, CacheFolder = cacheFolder }));

    private static string Ask(KnowledgeIndex index, string question) => Answer(index, question).Text;

    private static NanshanBot.Answering.Answer Answer(KnowledgeIndex index, string question) =>
        new Bot(index).Ask(question, Guid.NewGuid().ToString("N"));

    private void WriteArticle(string name, string title, string date, string body, string language = "zh") =>
        TestKnowledge.WriteArticle(folder, name, title, date, body, language);
}
