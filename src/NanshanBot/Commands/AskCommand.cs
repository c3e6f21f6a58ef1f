using NanshanBot.Answering;

namespace NanshanBot.Commands;

public static class AskCommand
{
    public static int Run(IServiceProvider services, string[] args, TextWriter output)
    {
        var json = args.Contains("--json");
        var question = string.Join(' ', args.Where(a => a != "--json"));
        if (question.Trim().Length == 0)
        {
            Console.Error.WriteLine("ask needs a question: ask \"南山区2025年GDP是多少？\" [--json]");
            return 64;
        }

        var answer = services.Get<AnswerEngine>().Answer(new Question("ask", question));
        output.WriteLine(json ? AnswerJson.Serialize(answer) : answer.Text);
        return 0;
    }
}
