using System.Text.Json;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Cli;

/// <summary>The commands run as a real process, the way the README and CI use them.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly string folder = Repository.CopyKnowledge();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task AskJsonPrintsReplyDeclinedAndSources()
    {
        var result = await ProgramProcess.RunAsync(["ask", "南山区有多少海归人才？", "--json"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Contains("10万", json.RootElement.GetProperty("reply").GetString());
        Assert.False(json.RootElement.GetProperty("declined").GetBoolean());
        Assert.Equal("2026-01-28", json.RootElement.GetProperty("sources")[0].GetProperty("date").GetString());
    }

    [Fact]
    public async Task AskJsonFlagsADecline()
    {
        var result = await ProgramProcess.RunAsync(["ask", "--json", "Which is the best high school in Nanshan?"]);

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("declined").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public async Task ChatReadsStdinLineByLineAndKeepsTheConversation()
    {
        var result = await ProgramProcess.RunAsync(["chat"], "2025年南山区GDP是多少？\n人均呢？\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1万亿", result.Stdout);
        Assert.Contains("54万", result.Stdout);
    }

    [Fact]
    public async Task KnowledgePathComesFromTheEnvironment()
    {
        File.AppendAllText(Path.Combine(folder, "facts", "economy.kb"), """

            [fact test-only-ferry]
            source: szmeng-2026-01-28
            zh: 测试用的渡轮事实：蛇口码头。
            en: A fact for this test only: the Shekou ferry pier.
            """);

        var environment = new Dictionary<string, string> { ["Knowledge__Path"] = folder };
        var stats = await ProgramProcess.RunAsync(["kb", "stats"], environment: environment);
        var ask = await ProgramProcess.RunAsync(["ask", "蛇口码头的渡轮", "--json"], environment: environment);

        Assert.Equal(0, stats.ExitCode);
        Assert.Contains(folder, stats.Stdout);
        using var json = JsonDocument.Parse(ask.Stdout);
        Assert.Contains("测试用的渡轮事实", json.RootElement.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task ValidateNamesFileAndLineAndTheBotRefusesToStartWithTheSameMessage()
    {
        File.WriteAllText(Path.Combine(folder, "facts", "broken.kb"), "[fact broken]\nsource: szmeng-2026-01-28\nzh 少了冒号\n");

        var validate = await ProgramProcess.RunAsync(["kb", "validate", folder]);
        var chat = await ProgramProcess.RunAsync(["chat"], "你好\n", new Dictionary<string, string> { ["Knowledge__Path"] = folder });

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("facts/broken.kb:3: expected 'key: value'", validate.Stderr);
        Assert.Contains("facts/broken.kb:1: fact 'broken' is missing its English text", validate.Stderr);
        Assert.NotEqual(0, chat.ExitCode);
        Assert.Equal(validate.Stderr.Trim(), chat.Stderr.Trim());
        Assert.Equal("", chat.Stdout);
    }

    [Fact]
    public async Task AKnowledgeFileThatCannotBeReadFailsValidationAndStopsTheServiceWithExitCode2()
    {
        File.CreateSymbolicLink(Path.Combine(folder, "facts", "gone.kb"), Path.Combine(folder, "facts", "deleted.kb"));

        var validate = await ProgramProcess.RunAsync(["kb", "validate", folder]);
        var serve = await ProgramProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment: new Dictionary<string, string> { ["Knowledge__Path"] = folder });

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("facts/gone.kb: cannot be read", validate.Stderr);
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("facts/gone.kb: cannot be read", serve.Stderr);
        Assert.DoesNotContain("Unhandled exception", serve.Stderr);
    }

    [Fact]
    public async Task ValidateAcceptsTheBundledKnowledge()
    {
        var result = await ProgramProcess.RunAsync(["kb", "validate", Repository.Knowledge]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid", result.Stdout);
    }

    [Fact]
    public async Task SearchShowsRankedFactsWithScores()
    {
        var result = await ProgramProcess.RunAsync(["kb", "search", "南山区人均GDP"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("verdict: Found", result.Stdout);
        Assert.Matches(@"coverage 1\.00\s+2026-01-28\s+per-capita-gdp:", result.Stdout);
        Assert.Contains("matched @per-capita @gdp", result.Stdout);
    }

    [Fact]
    public async Task EvalWritesResultsJudgesAndFailsBelowTheMinimum()
    {
        var cases = Path.Combine(folder, "cases.jsonl");
        File.WriteAllLines(cases,
        [
            """{"id": "a", "lang": "zh", "turns": ["南山区什么时候建区的？"], "expect": {"any": ["1990"]}}""",
            """{"id": "b", "lang": "en", "turns": ["What is the weather in Nanshan today?"], "expect": {"declined": true}}""",
            """{"id": "c", "lang": "zh", "turns": ["南山区什么时候建区的？"], "expect": {"any": ["不会出现的字符串"]}}""",
        ]);
        var results = Path.Combine(folder, "results.jsonl");

        var pass = await ProgramProcess.RunAsync(["eval", cases, "--out", results, "--min-accuracy", "60"]);
        var fail = await ProgramProcess.RunAsync(["eval", cases, "--min-accuracy", "70"]);

        Assert.Equal(0, pass.ExitCode);
        Assert.Equal(1, fail.ExitCode);
        Assert.Equal("eval: 2/3 passed (66.7%)", pass.Stdout.Trim().Split('\n')[^1]);
        Assert.Contains("FAIL c: missing 不会出现的字符串", pass.Stdout);
        Assert.Contains("latency per question: p50", pass.Stdout);
        var lines = File.ReadAllLines(results).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["a", "b", "c"], lines.Select(l => l.GetProperty("id").GetString()));
        Assert.True(lines[1].GetProperty("declined").GetBoolean());
        Assert.True(lines[0].GetProperty("latency_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task MalformedEvalFileIsReportedWithItsLine()
    {
        var cases = Path.Combine(folder, "bad.jsonl");
        File.WriteAllText(cases, "{\"id\": \"a\", \"lang\": \"zh\", \"turns\": [\"q\"], \"expect\": {\"any\": [\"x\"]}}\n{not json\n");

        var result = await ProgramProcess.RunAsync(["eval", cases]);

        Assert.Equal(65, result.ExitCode);
        Assert.Contains("bad.jsonl:2:", result.Stderr);
    }

    [Fact]
    public async Task AMistypedOptionIsNamedWithTheNearestRightOneAndNothingRuns()
    {
        var result = await ProgramProcess.RunAsync(["ask", "--josn", "南山区有多少海归人才？"]);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("Unrecognized option '--josn'. Did you mean '--json'?", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task EachCommandHasHelpOfItsOwn()
    {
        var eval = await ProgramProcess.RunAsync(["eval", "--help"]);
        var unanswered = await ProgramProcess.RunAsync(["kb", "unanswered", "-h"]);

        Assert.Equal((0, 0), (eval.ExitCode, unanswered.ExitCode));
        Assert.Contains("Usage:", eval.Stdout);
        Assert.Contains("--min-accuracy", eval.Stdout);
        Assert.Contains("--days", unanswered.Stdout);
        Assert.DoesNotContain("--min-accuracy", unanswered.Stdout);
    }

    [Fact]
    public async Task AConfigurationOverrideOnTheCommandLineReachesTheCommand()
    {
        var result = await ProgramProcess.RunAsync([$"--Knowledge:Path={folder}", "kb", "stats"]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(folder + ":", result.Stdout);
    }

    [Fact]
    public async Task UnknownCommandPrintsUsage()
    {
        var result = await ProgramProcess.RunAsync(["frobnicate"]);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("Usage:", result.Stderr);
    }
}
