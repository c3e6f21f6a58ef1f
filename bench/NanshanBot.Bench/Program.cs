using NanshanBot.Bench;

// --quick: fewer rounds (CI). --only a,b: just those parts (bare, host, coldstart, generated, scale, telegram, http, llm).
// --articles 1000,10000,30000: the sizes of the scale part (default 1,000 and 10,000; 1,000 with --quick).
var quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',') ?? [];
var articles = args.SkipWhile(a => a != "--articles").Skip(1).FirstOrDefault()?.Split(',')
    .Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList();
bool Runs(string part) => only.Length == 0 || only.Contains(part);
// --write-articles DIR: only write the generated articles (--articles, first size) into DIR, to try them by hand.
if (args.SkipWhile(a => a != "--write-articles").Skip(1).FirstOrDefault() is { } target)
{
    NanshanBot.Bench.Generated.GeneratedArticles.WriteInto(target, articles?.FirstOrDefault() ?? 1000);
    return;
}

var report = new BenchReport(quick);
if (Runs("bare"))
{
    AnswerLatency.Run(report);
}

if (Runs("host"))
{
    await HostPathLatency.RunAsync(report);
}

if (Runs("coldstart"))
{
    await ColdStart.RunAsync(report);
}

if (Runs("generated"))
{
    await GeneratedKnowledge.RunAsync(report);
}

if (Runs("scale"))
{
    await ScaleScenario.RunAsync(report, articles);
}

if (Runs("telegram"))
{
    await TelegramThroughput.RunAsync(report);
}

if (Runs("http"))
{
    await HttpLoad.RunAsync(report);
}

if (Runs("llm"))
{
    await LlmOverhead.RunAsync(report);
}

report.Print(Console.Out);
report.Save(Path.Combine(Repo.Root, "artifacts", only.Length == 0 ? "bench.json" : "bench-partial.json"));
