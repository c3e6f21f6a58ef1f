using System.Text.RegularExpressions;

namespace NanshanBot.Tests.Support;

/// <summary>
/// The small knowledge folder the tests own (<c>Data/knowledge</c>, its README says what it holds): tests of
/// channels, state and operations use it, so that editing the bundled knowledge breaks only the tests about
/// knowledge.
/// </summary>
public static class TestKnowledge
{
    public static string Folder => Repository.Data("knowledge");

    /// <summary>A copy in a fresh temporary folder, for tests that edit it.</summary>
    public static string Copy() => Repository.CopyFolder(Folder);

    /// <summary>Replaces one of the bot's texts (<c>[bot]</c> in bot.kb) in a copy.</summary>
    public static void SetBotText(string folder, string key, string value)
    {
        var file = Path.Combine(folder, "bot.kb");
        var text = File.ReadAllText(file);
        var line = new Regex("^" + Regex.Escape(key) + ":.*$", RegexOptions.Multiline);
        Assert.Matches(line, text);
        File.WriteAllText(file, line.Replace(text, key + ": " + value, 1));
    }

    /// <summary>Writes an article (front matter and body) into a knowledge folder's <c>articles/</c>, as an admin
    /// drops one in.</summary>
    public static void WriteArticle(string folder, string name, string title, string date, string body, string language = "zh")
    {
        var articles = Directory.CreateDirectory(Path.Combine(folder, "articles")).FullName;
        File.WriteAllText(Path.Combine(articles, name), $"---\ntitle: {title}\npublisher: 测试日报\ndate: {date}\nlang: {language}\n---\n{body}\n");
    }
}
