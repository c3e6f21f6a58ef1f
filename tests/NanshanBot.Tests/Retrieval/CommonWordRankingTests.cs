using NanshanBot.Retrieval.Index;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Retrieval;

/// <summary>Questions whose every word is common in a large knowledge base (全国, GDP, 城市 in thousands of look-alike
/// reports on other places, invented here) are answered as in a small one, and rank the same whatever was asked
/// before them: every question gives the ranking's pooled arrays back as it took them.</summary>
public sealed class CommonWordRankingTests : IDisposable
{
    private static readonly string[] Places = ["福田区", "海淀区", "浦东新区", "罗湖区", "宝安区", "龙岗区"];

    private static readonly string[] Questions =
    [
        "全国GDP万亿城市现在有几个？",
        "中国城市GDP排名",
        "深圳GDP是多少？",
        "GDP现在是多少？",
        "福田区2024年GDP是多少？",
    ];

    private readonly string folder = Repository.CopyKnowledge();

    public CommonWordRankingTests()
    {
        var random = new Random(7);
        for (var i = 0; i < 400; i++)
        {
            var place = Places[i % Places.Length];
            var year = 2019 + (i % 7);
            var sentences = Enumerable.Range(0, 20).Select(_ => LookAlike(random, place, year));
            TestKnowledge.WriteArticle(folder, $"look-alike-{i}.md", $"{place}{year}年经济", $"{year}-0{1 + i % 9}-1{i % 10}", string.Concat(sentences));
        }
    }

    public void Dispose() => Repository.Delete(folder);

    [Fact]
    public void TheTrillionCitiesAreCountedAmongThousandsOfLookAlikeReports()
    {
        var bot = new Bot(Bot.Load(folder));

        var answer = bot.Ask("全国GDP万亿城市现在有几个？");

        Assert.False(answer.Declined);
        Assert.Contains("29", answer.Text);
    }

    [Fact]
    public void TheSameQuestionsInAnotherOrderRankTheSame()
    {
        var (first, second) = (new Bot(Bot.Load(folder)), new Bot(Bot.Load(folder)));
        Assert.True(first.Index.Documents.Count > 8000, "the look-alikes should be thousands of sentences");

        var inOrder = Questions.ToDictionary(q => q, q => Ranking(first, q));
        var reversed = Questions.Reverse().ToDictionary(q => q, q => Ranking(second, q));

        foreach (var question in Questions)
        {
            Assert.Equal(inOrder[question], reversed[question]);
        }

        Assert.Contains(inOrder.Values, ranking => ranking.Count > 50);
    }

    [Fact]
    public void EveryQuestionGivesThePooledArraysBackCleared()
    {
        var bot = new Bot(Bot.Load(folder));
        foreach (var question in Questions)
        {
            bot.Retriever.Search(bot.Index, question);

            AssertCleared(bot.Index.ScoreArrays, bot.Index.Documents.Count, score => score == 0);
            AssertCleared(bot.Index.MarkArrays, bot.Index.Documents.Count, mark => !mark);
        }
    }

    [Fact]
    public void ThePoolKeepsNoMoreArraysThanItsNumberAfterABurst()
    {
        var arrays = new DocumentArrays<int>(100, 3);
        var rented = Enumerable.Range(0, 8).Select(_ => arrays.Rent()).ToList();
        Assert.Equal(8, rented.Distinct().Count());
        rented.ForEach(arrays.Return);

        var again = Enumerable.Range(0, 8).Select(_ => arrays.Rent()).ToList();

        Assert.Equal(3, again.Count(rented.Contains));
        Assert.All(again, array => Assert.Equal(100, array.Length));
    }

    /// <summary>Every array a question may have given back to the pool is <paramref name="cleared"/>, as the next
    /// question takes it.</summary>
    private static void AssertCleared<T>(DocumentArrays<T> pool, int length, Func<T, bool> cleared)
    {
        var arrays = Enumerable.Range(0, pool.Kept).Select(_ => pool.Rent()).ToList();
        foreach (var array in arrays)
        {
            Assert.Equal(length, array.Length);
            Assert.True(array.All(cleared), "an array came back with what a question left in it");
        }

        arrays.ForEach(pool.Return);
    }

    /// <summary>The candidates by document and score, and the answers, as a question's search gives them.</summary>
    private static List<string> Ranking(Bot bot, string question)
    {
        var result = bot.Retriever.Search(bot.Index, question);
        return [.. result.Ranked.Select(c => $"{c.Document.Id} {c.Score:R}"), .. result.Answers.Select(c => "answer " + c.Document.Id)];
    }

    /// <summary>A sentence of a report on <paramref name="place"/>, most of them naming no place of their own (the
    /// headline names it), so that a question about the country or about nothing in particular may find them.</summary>
    private static string LookAlike(Random random, string place, int year) => random.Next(5) switch
    {
        0 => $"全国各地城市的GDP统计显示，全区{year}年经济总量为{random.Next(1000, 9000)}亿元。",
        1 => $"中国GDP在{year}年增长{random.Next(2, 9)}.{random.Next(10)}%，全区增速排在全国第{random.Next(2, 40)}位。",
        2 => $"全国共有{random.Next(15, 40)}座城市参与了评比，全区的城市建设评分为{random.Next(60, 99)}分。",
        3 => $"全国GDP万亿城市的名单中，与该区同城的还有{random.Next(2, 9)}个区。",
        _ => $"{place}的GDP占全市的{random.Next(5, 30)}%，在中国的城区中名列前茅。",
    };
}
