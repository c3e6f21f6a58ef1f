using NanshanBot.Bench;

var quick = args.Contains("--quick");
var report = new BenchReport(quick);
AnswerLatency.Run(report);
await ColdStart.RunAsync(report);
GeneratedKnowledge.Run(report);
await TelegramThroughput.RunAsync(report);
await HttpLoad.RunAsync(report);
await LlmOverhead.RunAsync(report);
report.Print(Console.Out);
report.Save(Path.Combine(Repo.Root, "artifacts", "bench.json"));
