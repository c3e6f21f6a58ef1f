using NanshanBot.Answering;

namespace NanshanBot.Commands;

public static class AskCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var json = args.Contains("--json");
        var question = string.Join(' ', args.Where(a => a != "--json"));
        if (question.Trim().Length == 0)
        {
            Console.Error.WriteLine("ask needs a question: ask \"南山区2025年GDP是多少？\" [--json]");
            return 64;
        }

        var answer = await services.Get<AnswerEngine>().AnswerAsync(new Question("ask", question) { Channel = "cli" });
        output.WriteLine(json ? AnswerJson.Serialize(answer) : answer.Text);
        return 0;
    }
}
