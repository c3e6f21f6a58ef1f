using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using NanshanBot.Answering;
using NanshanBot.Evaluation;

namespace NanshanBot.Commands;

/// <summary>
/// Runs a question set through exactly the pipeline a chat message takes (one fresh conversation per case,
/// turns in order), writes the result file, prints failures, a score per group, latency, and last
/// <c>eval: K/N passed (P%)</c>. Exits 1 below <c>--min-accuracy</c>.
/// </summary>
public static class EvalCommand
{
    public static Command Create(string[] settings)
    {
        var file = new Argument<string>("file") { Description = "A question set in the format of shared/eval/README.md (JSON lines)." };
        var output = new Option<string?>("--out") { Description = "Write one JSON line per case: id, reply, declined, sources, facts, latency_ms." };
        var min = new Option<double>("--min-accuracy") { Description = "Exit 1 below this share of cases passed, in percent." };
        var eval = new Command("eval", "Run a question set through the chat pipeline (a fresh conversation per case), judge it, "
            + "print failures, a score per group, latency and last 'eval: K/N passed (P%)'.") { file, output, min };
        eval.SetAction((result, _) => CommandHost.RunAsync(settings, services =>
            RunAsync(services, result.GetValue(file)!, result.GetValue(output), result.GetValue(min), Console.Out)));
        return eval;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string file, string? outPath, double min, TextWriter output)
    {
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"eval needs an existing question file: eval FILE [--out RESULTS] [--min-accuracy P] ('{file}' not found)");
            return CommandLine.UsageError;
        }

        List<EvalCase> cases;
        try
        {
            cases = EvalCase.ReadAll(file);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 65;
        }

        var engine = services.Get<AnswerEngine>();
        var report = new EvalReport();
        if (outPath is not null && Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using var results = outPath is null ? null : new StreamWriter(outPath);
        foreach (var c in cases)
        {
            var (answer, lastMs) = await RunAsync(engine, c, report.Latencies);
            var verdict = Judge.Verdict(c, answer.Text, answer.Declined);
            report.Add(c, verdict, answer.Text);
            if (results is not null)
            {
                var line = new { id = c.Id, reply = answer.Text, declined = answer.Declined, sources = AnswerJson.Sources(answer), facts = answer.FactIds, latency_ms = Math.Round(lastMs, 3) };
                await results.WriteLineAsync(JsonSerializer.Serialize(line, AnswerJson.Options));
            }
        }

        report.Print(output);
        return report.Percent >= min ? 0 : 1;
    }

    private static async Task<(Answer Answer, double LastMs)> RunAsync(AnswerEngine engine, EvalCase c, List<double> latencies)
    {
        var conversation = "eval-" + c.Id + "-" + Guid.NewGuid().ToString("N");
        Answer? answer = null;
        double ms = 0;
        foreach (var turn in c.Turns)
        {
            var start = Stopwatch.GetTimestamp();
            answer = await engine.AnswerAsync(new Question(conversation, turn) { Channel = "eval" });
            ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            latencies.Add(ms);
        }

        return (answer!, ms);
    }
}
