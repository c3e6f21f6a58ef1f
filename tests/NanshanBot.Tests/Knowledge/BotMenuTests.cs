using NanshanBot.Knowledge.Loading;
using NanshanBot.Knowledge.Model;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Knowledge;

/// <summary>bot.kb's [menu] list and command menu: read, checked line by line, and every menu question answered.</summary>
public sealed class BotMenuTests : IDisposable
{
    private readonly string folder = Repository.CopyKnowledge();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string BotFile => Path.Combine(folder, "bot.kb");

    /// <summary>bot.kb with its [menu] section replaced by <paramref name="menu"/>; returns the line the menu
    /// header is on.</summary>
    private int ReplaceMenu(string menu)
    {
        var text = File.ReadAllText(BotFile);
        var kept = text[..text.IndexOf("[menu]", StringComparison.Ordinal)];
        File.WriteAllText(BotFile, kept + menu);
        return kept.Split('\n').Length;
    }

    [Fact]
    public void TheBundledMenuHasQuestionsInBothLanguagesAndCommands()
    {
        var bot = KnowledgeLoader.Load(Repository.Knowledge).Bot;

        Assert.Equal(new MenuItem("gdp", MenuAction.Ask, "2025年南山区的GDP是多少？", "What was Nanshan's GDP in 2025?"), bot.MenuItem("GDP"));
        Assert.Equal(MenuAction.About, bot.MenuItem("about")!.Action);
        Assert.Equal("/help", bot.MenuItem("help")!.Command);
        Assert.Null(bot.MenuItem("no-such-key"));
        Assert.Equal(["start", "help", "about", "sources"], bot.Commands.Select(c => c.Command));
        Assert.All(bot.Commands, c => Assert.True(c.Zh.Any(ch => ch > '\u4e00') && c.En.All(ch => ch < '\u0300')));
    }

    [Fact]
    public void EveryMenuQuestionIsAnsweredInItsLanguage()
    {
        var bot = new Bot();
        var questions = bot.Index.Knowledge.Bot.Menu.Values.Where(m => m.Action == MenuAction.Ask).ToList();

        Assert.NotEmpty(questions);
        foreach (var (item, language) in questions.SelectMany(m => new[] { (m, Language.Chinese), (m, Language.English) }))
        {
            var answer = bot.Ask(item.Question(language), "menu-" + item.Key + language);
            Assert.False(answer.Declined, $"menu '{item.Key}' ({language}) is declined: {item.Question(language)}");
            Assert.Equal(language, answer.Language);
        }
    }

    [Fact]
    public void EachMalformedMenuLineIsReportedAtItsLineAndTheRestIsKept()
    {
        var header = ReplaceMenu("""
            [menu]
            only-chinese: 南山区的GDP是多少？
            swapped: What was Nanshan's GDP? | 南山区的GDP是多少？
            stats: /stats
            two words: 南山？ | Nanshan?
            companies: 南山区有多少家上市公司？ | How many listed companies does Nanshan have?

            """);

        var (kb, errors) = KnowledgeLoader.TryLoad(folder);

        Assert.Null(kb);
        Assert.Equal(
        [
            $"bot.kb:{header + 1}: menu 'only-chinese' must be 'Chinese question | English question' (Chinese first) or a command (/about, /help, /sources); found '南山区的GDP是多少？'",
            $"bot.kb:{header + 2}: menu 'swapped' must be 'Chinese question | English question' (Chinese first) or a command (/about, /help, /sources); found 'What was Nanshan's GDP? | 南山区的GDP是多少？'",
            $"bot.kb:{header + 3}: menu 'stats': '/stats' is not a command a menu can run (/about, /help, /sources)",
            $"bot.kb:{header + 4}: menu key 'two words' must be 1-64 letters, digits, '-' or '_': a WeChat menu button and a Telegram start link carry it",
        ], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void AMenuKeyGivenTwiceOrASecondMenuIsAnError()
    {
        var header = ReplaceMenu("[menu]\nabout: /about\nabout: /help\n\n[menu]\nhelp: /help\n");

        var (_, errors) = KnowledgeLoader.TryLoad(folder);

        Assert.Contains(errors, e => e.ToString() == $"bot.kb:{header + 2}: 'about' is given twice in [menu]");
        Assert.Contains(errors, e => e.ToString() == $"bot.kb:{header + 4}: duplicate id: [menu] is already defined at bot.kb:{header}");
    }

    [Fact]
    public void WithoutAMenuEveryKeyIsUnknownAndTheKnowledgeLoads()
    {
        ReplaceMenu("");

        var bot = KnowledgeLoader.Load(folder).Bot;

        Assert.Empty(bot.Menu);
        Assert.Null(bot.MenuItem("gdp"));
    }

    [Fact]
    public void AHeardNoticeWithoutItsPlaceholderAndAMissingCommandDescriptionAreErrors()
    {
        var lines = File.ReadAllLines(BotFile).ToList();
        var heard = lines.FindIndex(l => l.StartsWith("heard_zh:", StringComparison.Ordinal));
        lines[heard] = "heard_zh: 你问的是：";
        lines.RemoveAll(l => l.StartsWith("command_sources_en:", StringComparison.Ordinal));
        File.WriteAllLines(BotFile, lines);

        var (kb, errors) = KnowledgeLoader.TryLoad(folder);

        Assert.Null(kb);
        Assert.Contains(errors, e => e.ToString() == $"bot.kb:{heard + 1}: 'heard_zh:' must say where the words heard go, as {{question}} (你问的是：{{question}})");
        Assert.Contains(errors, e => e.Problem == "[bot] is missing 'command_sources_en:'");
    }

    [Fact]
    public async Task KbValidateNamesTheMalformedMenuLineAndExitsOne()
    {
        var header = ReplaceMenu("[menu]\ngdp: 2025年南山区的GDP是多少？\n");

        var result = await ProgramProcess.RunAsync(["kb", "validate", folder]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"bot.kb:{header + 1}: menu 'gdp' must be 'Chinese question | English question'", result.Stderr);
    }
}
