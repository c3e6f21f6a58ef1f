using NanshanBot.Answering;

namespace NanshanBot.Commands;

/// <summary>The terminal channel: one line in, one answer out. Scriptable: it reads stdin to its end.</summary>
public static class ChatCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextReader input, TextWriter output)
    {
        var engine = services.Get<AnswerEngine>();
        var interactive = !Console.IsInputRedirected;
        var conversation = "console-" + Guid.NewGuid().ToString("N");
        if (interactive)
        {
            output.WriteLine("NanshanBot — ask about Shenzhen's Nanshan district (中文或English). Ctrl-D or /quit to leave.");
        }

        while (true)
        {
            if (interactive)
            {
                output.Write("> ");
            }

            var line = await input.ReadLineAsync();
            if (line is null || line.Trim() is "/quit" or "/exit")
            {
                return 0;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            var answer = await engine.AnswerAsync(new Question(conversation, line) { Channel = "console" });
            output.WriteLine(answer.Text);
            output.WriteLine();
        }
    }
}
