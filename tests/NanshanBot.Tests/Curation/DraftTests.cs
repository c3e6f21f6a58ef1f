using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NanshanBot.Fakes;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Curation;

/// <summary>`kb draft` run by the real program on the dev articles of ../shared/eval/drop-articles (read where
/// they are, never copied into the repository), offline and with a model behind the fake OpenAI server.</summary>
public sealed partial class DraftTests : IDisposable
{
    private readonly string folder = Repository.CopyKnowledge();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string[] DropArticles =>
        Directory.GetFiles(Repository.Shared("eval", "drop-articles"), "*.md").Order(StringComparer.Ordinal).ToArray();

    private Dictionary<string, string> Environment(FakeOpenAi? model = null) => model is null
        ? new() { ["Knowledge__Path"] = folder }
        : new() { ["Knowledge__Path"] = folder, ["Llm__Endpoint"] = model.Endpoint, ["Llm__Model"] = "test-model" };

    private string Draft(string name) => File.ReadAllText(Path.Combine(folder, "facts", "drafts", name));

    /// <summary>The sentence of a shared drop article that names <paramref name="name"/> (read, not copied here).</summary>
    private static string SentenceOf(string article, string name) =>
        File.ReadAllText(DropArticles.Single(a => a.EndsWith(article, StringComparison.Ordinal)))
            .Split(". ").Select(s => s.Trim()).First(s => s.Contains(name, StringComparison.Ordinal));

    [Fact]
    public async Task DraftsOfTheDevArticlesWaitUnservedAndValidateOnceTheirTodosAreFilled()
    {
        var draft = await ProgramProcess.RunAsync(["kb", "draft", .. DropArticles], environment: Environment());
        Assert.True(draft.ExitCode == 0, draft.Stderr);
        var drafts = Directory.GetFiles(Path.Combine(folder, "facts", "drafts"), "*.kb").Order(StringComparer.Ordinal).ToList();
        var waiting = await ProgramProcess.RunAsync(["kb", "validate", folder]);
        var served = KnowledgeLoader.Load(folder);

        Assert.Equal(DropArticles.Length, drafts.Count);
        Assert.Equal(0, waiting.ExitCode);
        Assert.Contains("waiting for review: facts/drafts/ettoday-2026-01-27.kb (", waiting.Stdout);
        Assert.DoesNotContain(served.Facts, f => f.Id.StartsWith("ettoday-2026-01-27", StringComparison.Ordinal));
        Assert.Equal("ETtoday新聞雲", served.Sources["ettoday-2026-01-27"].Publisher);
        var gdp = Section(Draft("ettoday-2026-01-27.kb"), "ettoday-2026-01-27-1-1");
        Assert.Contains("\ndate: 2025\n", gdp);
        Assert.Matches(@"\nabout: [^\n]*\bnanshan\b[^\n]*\bgdp\b", gdp);
        Assert.Contains("\nen: TODO", gdp);
        Assert.DoesNotContain(SentenceOf("nanshan-welcome-2015-02-03.md", "Hong Kong"), Draft("nanshan-welcome-2015-02-03.kb"));

        foreach (var file in drafts)
        {
            File.Copy(file, Path.Combine(folder, "facts", Path.GetFileName(file)));
        }

        var (unfilled, problems) = KnowledgeLoader.TryLoad(folder);
        Assert.Null(unfilled);
        Assert.All(problems, p => Assert.Contains("TODO", p.Problem));
        Assert.Contains(problems, p => p.Problem.StartsWith("'en:' of [fact ettoday-2026-01-27-1-1] still says TODO", StringComparison.Ordinal));

        foreach (var file in drafts)
        {
            File.WriteAllText(Path.Combine(folder, "facts", Path.GetFileName(file)), Filled(File.ReadAllText(file)));
        }

        var filled = await ProgramProcess.RunAsync(["kb", "validate", folder]);
        Assert.True(filled.ExitCode == 0, filled.Stderr);
        Assert.Contains(KnowledgeLoader.Load(folder).Facts, f => f.Id == "ettoday-2026-01-27-1-1" && f.Date == "2025" && f.Zh.Contains("2025年南山區GDP突破兆元"));
    }

    [Fact]
    public async Task WithAModelALineWithAnInventedNumberOrNameIsLeftOutAndListed()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = body => new FakeCompletion(Reply(FakeOpenAi.LastUserMessage(body)));
        var article = DropArticles.Single(a => a.EndsWith("nanshan-work-report-2019.md", StringComparison.Ordinal));

        var draft = await ProgramProcess.RunAsync(["kb", "draft", article], environment: Environment(model));
        var text = Draft("nanshan-work-report-2019.kb");

        Assert.True(draft.ExitCode == 0, draft.Stderr);
        Assert.Contains("left out, failing the grounding check (2):", draft.Stdout);
        Assert.Contains("nanshan-work-report-2019-1-1 zh: \"这是一句测试用的译文，提到999个单位。\" (it states values no cited fact has: 999)", draft.Stdout);
        Assert.Contains("nanshan-work-report-2019-2-1 ask_en: \"What did Zhang Wei say?\" (it names what no cited fact does: Zhang, Wei)", draft.Stdout);
        var first = Section(text, "nanshan-work-report-2019-1-1");
        Assert.Contains("\nzh: TODO", first);
        Assert.Contains("# left out, zh: \"这是一句测试用的译文，提到999个单位。\"", first);
        Assert.DoesNotContain("\nask_en:", Section(text, "nanshan-work-report-2019-2-1"));
        Assert.Equal(Regex.Matches(text, @"\[fact ").Count - 1, Regex.Matches(text, "\nzh: 这是一句测试用的译文。\n").Count);
        Assert.Contains("\nask_zh: 这句话说了什么？\n", first);
        Assert.Contains("\nkeywords: 测试\n", first);
        var dedication = File.ReadLines(article).First(l => l.StartsWith("Delivered", StringComparison.Ordinal));
        Assert.DoesNotContain(dedication[..30], FakeOpenAi.SystemMessage(model.Requests.First().Body));
    }

    /// <summary>A model's reply to the numbered sentences: the first with a number none of them has, the second
    /// asking about a person none of them names, the rest plain.</summary>
    private static string Reply(string sentences)
    {
        var facts = new JsonArray();
        foreach (var number in Numbered().Matches(sentences).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
        {
            facts.Add(new JsonObject
            {
                ["n"] = number,
                ["text"] = number == 1 ? "这是一句测试用的译文，提到999个单位。" : "这是一句测试用的译文。",
                ["ask_zh"] = "这句话说了什么？",
                ["ask_en"] = number == 2 ? "What did Zhang Wei say?" : "What does this sentence say?",
                ["keywords"] = new JsonArray("测试"),
            });
        }

        return "```json\n" + new JsonObject { ["facts"] = facts }.ToJsonString() + "\n```";
    }

    /// <summary>A draft's [fact id] section, up to the next one.</summary>
    private static string Section(string draft, string id)
    {
        var start = draft.IndexOf($"[fact {id}]", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no [fact {id}] in:\n{draft}");
        var end = draft.IndexOf("\n[fact ", start + 1, StringComparison.Ordinal);
        return draft[start..(end < 0 ? draft.Length : end)];
    }

    /// <summary>What a reviewer does: a term where none was found, a text where one is missing.</summary>
    private static string Filled(string draft) =>
        Todo().Replace(draft, m => m.Groups[1].Value == "about" ? "about: nanshan" : $"{m.Groups[1].Value}: Written by the reviewer.");

    [GeneratedRegex(@"^(\w+): TODO.*$", RegexOptions.Multiline)]
    private static partial Regex Todo();

    [GeneratedRegex(@"^(\d+)\. ", RegexOptions.Multiline)]
    private static partial Regex Numbered();
}
