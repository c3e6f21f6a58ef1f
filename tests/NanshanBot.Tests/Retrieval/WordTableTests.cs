using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Tests.Retrieval;

/// <summary>The language resources held as word tables find what a map of strings would: every word read, by any
/// span of text, none that was not, a word given twice as its last line gives it.</summary>
public sealed class WordTableTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nanshanbot-words-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void EveryWordAddedIsFoundByItsNumberAndNoOtherIs()
    {
        var table = new WordTable();
        var words = Enumerable.Range(0, 20_000).Select(i => $"词{i}").ToList();
        var numbers = words.Select(w => table.Add(w)).ToList();

        Assert.Equal(Enumerable.Range(0, words.Count), numbers);
        Assert.Equal(7, table.Add("词7"));
        Assert.Equal(words.Count, table.Count);
        var text = "前缀词19999后缀";
        Assert.Equal(19_999, table.Find(text.AsSpan(2, 6)));
        Assert.Equal(1_999, table.Find(text.AsSpan(2, 5)));
        Assert.Equal(-1, table.Find(text.AsSpan(0, 3)));
        for (var i = 0; i < words.Count; i++)
        {
            Assert.Equal(i, table.Find(words[i]));
        }

        Assert.Equal(-1, table.Find("词20000"));
        Assert.Equal(-1, table.Find(""));
    }

    [Fact]
    public void TheSegmentersDictionaryReadsEachLineAndKeepsAWordsLast()
    {
        var path = Write("dict.txt", "南山 500 ns", "深圳湾 300 ns", "南山 700 nr", "broken line", "GDP 40 eng", "科技园 9");

        var dictionary = WordDictionary.Load(path);

        Assert.Equal(4, dictionary.Count);
        Assert.True(dictionary.TryGet("南山", out var nanshan));
        Assert.Equal(new WordInfo(700, "nr"), nanshan);
        Assert.True(dictionary.TryGet("gdp", out var gdp));
        Assert.Equal("eng", gdp.Pos);
        Assert.True(dictionary.TryGet("科技园", out var park));
        Assert.Equal(new WordInfo(9, "x"), park);
        Assert.False(dictionary.TryGet("南", out _));
        Assert.False(dictionary.TryGet("GDP", out _));
        Assert.Equal(Math.Log(500 + 300 + 700 + 40 + 9), dictionary.LogTotal, 10);
    }

    [Fact]
    public void TheBilingualDictionaryGivesSensesAndPinyinOfEachHeadwordAsItsLastLineSays()
    {
        var path = Write("cedict.txt", "高校\tgao1 xiao4\tuniversities and colleges", "南\tnan2\tsouth|surname",
            "港\tgang3\tharbor|port", "高校\tgao1 xiao4\tcolleges|universities", "没有制表符");

        var dictionary = ChineseEnglishDictionary.Load(path);

        Assert.Equal(3, dictionary.Count);
        Assert.Equal(["colleges", "universities"], dictionary.Senses("高校"));
        Assert.Equal("gao1 xiao4", dictionary.Pinyin("高校"));
        Assert.True(dictionary.IsSurname('南'));
        Assert.False(dictionary.IsSurname('港'));
        Assert.Equal(["gang"], dictionary.Readings('港'));
        Assert.Empty(dictionary.Senses("没有"));
        Assert.Null(dictionary.Pinyin("没有"));
    }

    [Fact]
    public void TheBundledResourcesKnowTheirWords()
    {
        var resources = LanguageResources.Default;

        Assert.True(resources.Dictionary.Count > 300_000);
        Assert.True(resources.Dictionary.TryGet("机器人", out var robot) && robot.Frequency > 0);
        Assert.Contains("software", resources.Bilingual.Senses("软件").SelectMany(s => s.Split(' ')));
        Assert.True(resources.English.Frequency("hospital") > 0);
        Assert.Equal(0, resources.English.Frequency("qqxzv"));
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
