using NanshanBot.Bench;

// --quick: fewer rounds (CI). --only a,b: just those parts (bare, host, coldstart, generated, telegram, http, llm).
var quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',') ?? [];
bool Runs(string part) => only.Length == 0 || only.Contains(part);
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
