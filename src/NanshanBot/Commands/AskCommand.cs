using System.CommandLine;
using NanshanBot.Answering;

namespace NanshanBot.Commands;

/// <summary><c>ask "question" [--json]</c>: one answer, straight from the engine.</summary>
public static class AskCommand
{
    public static Command Create(string[] settings)
    {
        var question = new Argument<string[]>("question") { Description = "The question (several words are joined).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print {\"reply\", \"declined\", \"sources\": [{\"title\", \"publisher\", \"date\", \"url\", \"quotes\"}]}." };
        var ask = new Command("ask", "Answer one question.") { question, json };
        CommandLine.RefuseUnknownOptions(question, ask);
        ask.SetAction((result, _) => CommandHost.RunAsync(settings, services =>
            RunAsync(services, string.Join(' ', result.GetValue(question) ?? []), result.GetValue(json), Console.Out)));
        return ask;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string question, bool json, TextWriter output)
    {
        if (question.Trim().Length == 0)
        {
            Console.Error.WriteLine("ask needs a question: ask \"南山区2025年GDP是多少？\" [--json]");
            return CommandLine.UsageError;
        }

        var answer = await services.Get<AnswerEngine>().AnswerAsync(new Question("ask", question) { Channel = "cli" });
        output.WriteLine(json ? AnswerJson.Serialize(answer) : answer.Text);
        return 0;
    }
}
