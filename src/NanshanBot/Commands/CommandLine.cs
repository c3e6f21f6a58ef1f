using System.CommandLine;
using NanshanBot.Retrieval;

namespace NanshanBot.Commands;

/// <summary>
/// The program's commands (System.CommandLine): <c>serve</c> (also with no command), <c>chat</c>, <c>ask</c>,
/// <c>eval</c> and <c>kb</c> with its subcommands; each has its own <c>--help</c>, and a mistake names the bad
/// option or argument (with the nearest right one) and exits 64. Configuration overrides
/// (<c>--Knowledge:Path=/srv/kb</c>, <c>--Section:Key value</c>) are taken out first and given to the host of any
/// command. A new command is a <see cref="Command"/> added in <see cref="Root"/>; a new <c>kb</c> subcommand one
/// more in <see cref="KbCommands.Create"/>.
/// </summary>
public static class CommandLine
{
    public const int UsageError = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        WarmUp();
        var (settings, rest) = ConfigurationOverrides.Split(args);
        var result = Root(settings).Parse(rest.Length > 0 && rest[0] == "help" ? ["--help", .. rest[1..]] : rest);
        if (result.Errors.Count > 0)
        {
            // The errors, the nearest right spelling and the command's usage, all on standard error.
            result.Invoke(new InvocationConfiguration { Output = Console.Error, Error = Console.Error });
            return UsageError;
        }

        try
        {
            return await result.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (ServeCommand.RefusesStart(e))
        {
            return ServeCommand.Refused(e);
        }
    }

    public static RootCommand Root(string[] settings)
    {
        var root = new RootCommand("NanshanBot: answers questions about Shenzhen's Nanshan district from a curated knowledge base. "
            + "Without a command it runs the service. Configuration: --Section:Key=value (or the environment, Section__Key), "
            + "e.g. --Knowledge:Path=/path/to/knowledge.");
        ServeCommand.AddTo(root, settings);
        root.Subcommands.Add(ChatCommand.Create(settings));
        root.Subcommands.Add(AskCommand.Create(settings));
        root.Subcommands.Add(EvalCommand.Create(settings));
        root.Subcommands.Add(KbCommands.Create(settings));
        return root;
    }

    /// <summary>A free-text argument (a question) would take a mistyped option as words of the question: a word
    /// starting with "--" is refused instead, naming the nearest option of <paramref name="command"/>.</summary>
    public static void RefuseUnknownOptions(Argument<string[]> words, Command command) => words.Validators.Add(result =>
    {
        foreach (var token in result.Tokens.Select(t => t.Value).Where(t => t.StartsWith("--", StringComparison.Ordinal)))
        {
            var nearest = command.Options.Select(o => o.Name).OrderBy(name => Distance(name, token)).FirstOrDefault();
            result.AddError($"Unrecognized option '{token}'." + (nearest is not null && Distance(nearest, token) <= 2 ? $" Did you mean '{nearest}'?" : ""));
        }
    });

    /// <summary>Edit distance (insertions, deletions, substitutions, adjacent swaps).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            for (var j = 0; j <= b.Length; j++)
            {
                d[i, j] = i == 0 || j == 0 ? i + j : Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>Every command but help answers questions: the language data (a third of a second) loads on another
    /// core while the host is built. Its failure, if any, is the first real use's to report.</summary>
    private static void WarmUp() =>
        Task.Run(() => LanguageResources.Default).ContinueWith(t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}

/// <summary>Configuration given on the command line, as ASP.NET reads it: <c>--Section:Key=value</c> or
/// <c>--Section:Key value</c> (a name with a ':').</summary>
public static class ConfigurationOverrides
{
    public static (string[] Settings, string[] Arguments) Split(string[] args)
    {
        var settings = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].Split('=', 2)[0];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !name.Contains(':'))
            {
                rest.Add(args[i]);
                continue;
            }

            settings.Add(args[i]);
            if (!args[i].Contains('=') && i + 1 < args.Length)
            {
                settings.Add(args[++i]);
            }
        }

        return ([.. settings], [.. rest]);
    }
}
