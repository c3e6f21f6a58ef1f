using System.CommandLine;
using NanshanBot.Channels;

namespace NanshanBot.Commands;

/// <summary>The terminal channel: one line in, one reply out, through the same gateway as every channel.
/// Scriptable: it reads stdin to its end.</summary>
public static class ChatCommand
{
    public const string Channel = "console";

    public static Command Create(string[] settings)
    {
        var chat = new Command("chat", "Chat in the terminal: one line in, one reply out; reads standard input to its end, so it can be scripted. "
            + "Follow-ups (人均呢？) use the conversation. /quit or Ctrl-D to leave.");
        chat.SetAction((_, _) => CommandHost.RunAsync(settings, services => RunAsync(services, Console.In, Console.Out)));
        return chat;
    }

    public static async Task<int> RunAsync(IServiceProvider services, TextReader input, TextWriter output)
    {
        var gateway = services.Get<ChatGateway>();
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

            var kind = line.TrimStart().StartsWith('/') ? MessageKind.Command : MessageKind.Text;
            var reply = await gateway.HandleAsync(new InboundMessage(Channel, conversation, Channel, kind, line), CancellationToken.None);
            foreach (var message in reply.AndThen())
            {
                output.WriteLine(message.Text);
                output.WriteLine();
            }
        }
    }
}
