using System.Diagnostics;
using System.Globalization;
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
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var outPath = Option(args, "--out");
        var minText = Option(args, "--min-accuracy");
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine($"eval needs an existing question file: eval FILE [--out RESULTS] [--min-accuracy P]{(file is null ? "" : $" ('{file}' not found)")}");
            return 64;
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
        var min = minText is null ? 0 : double.Parse(minText, CultureInfo.InvariantCulture);
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

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
