using NanshanBot.Answering;
using NanshanBot.Evaluation;

namespace NanshanBot.Bench;

/// <summary>
/// The question sets judged as `NanshanBot eval` judges them (one fresh conversation per case, the product's
/// <see cref="Judge"/>), through a given engine; each set's failures are written to artifacts/ for reading.
/// </summary>
public static class ScaleEval
{
    public static IReadOnlyList<string> Sets { get; } = ["dev.jsonl", "noise-dev.jsonl", "drop-dev.jsonl"];

    /// <summary>Cases passed and total per set, and the must-decline cases answered instead of declined.</summary>
    public static async Task<(Dictionary<string, (int Passed, int Total)> Scores, int WrongOnDecline)> RunAsync(AnswerEngine engine, string label)
    {
        var scores = new Dictionary<string, (int, int)>();
        var wrongOnDecline = 0;
        foreach (var set in Sets)
        {
            var report = new EvalReport();
            foreach (var c in EvalCase.ReadAll(Repo.Shared("eval", set)))
            {
                var conversation = $"scale-{c.Id}-{Guid.NewGuid():N}";
                Answer? answer = null;
                foreach (var turn in c.Turns)
                {
                    answer = await engine.AnswerAsync(new Question(conversation, turn) { Channel = "eval" });
                }

                var verdict = Judge.Verdict(c, answer!.Text, answer.Declined);
                report.Add(c, verdict, answer.Text);
                wrongOnDecline += c.Expect.Declined == true && verdict is not null ? 1 : 0;
            }

            scores[set] = (report.Passed, report.Total);
            var file = Path.Combine(Repo.Root, "artifacts", "scale", $"{label}-{Path.GetFileNameWithoutExtension(set)}.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await using var output = new StreamWriter(file);
            report.Print(output);
        }

        return (scores, wrongOnDecline);
    }
}
