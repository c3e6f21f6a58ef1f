using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NanshanBot.Hosting;
using NanshanBot.Knowledge.Loading;

namespace NanshanBot.Commands;

/// <summary>The program's commands: chat, ask, eval and kb. Each runs the same answering pipeline.</summary>
public static class CommandLine
{
    public const string Usage = """
        NanshanBot: answers questions about Shenzhen's Nanshan district from a curated knowledge base.

        Usage: dotnet run --project src/NanshanBot [-- <command>]
          (no command) | serve [--urls URL]
                                       run the service: every configured channel (Telegram, ...) on one host
          chat                         chat in the terminal (reads stdin line by line)
          ask "question" [--json]      answer one question; --json prints {"reply","declined","sources"}
          eval FILE [--out RESULTS] [--min-accuracy P]
                                       run a question set (shared/eval format) and judge it
          kb validate [PATH]           check a knowledge folder; names file and line of every problem
          kb search "query"            the ranked facts with their scores, and why
          kb stats                     counts of sources, facts, passages and terms
          kb unanswered [--days N]     declined questions (service and chat), grouped by wording, with counts

        Configuration: Knowledge:Path (env Knowledge__Path) is the knowledge folder; default: the bundled knowledge/.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        // Every command but help answers questions: the language data (a third of a second) loads on another core
        // while the host is built.
        _ = Task.Run(() => Retrieval.LanguageResources.Default);
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not ("--help"))
        {
            return await ServeCommand.RunAsync(args);
        }

        var command = args[0].ToLowerInvariant();
        var rest = args.Skip(1).ToArray();
        if (command == "serve")
        {
            return await ServeCommand.RunAsync(rest);
        }

        if (command is "help" or "--help" or "-h")
        {
            Console.Out.WriteLine(Usage);
            return 0;
        }

        if (command == "kb" && rest.FirstOrDefault() == "validate")
        {
            return KbCommands.Validate(rest.Skip(1).FirstOrDefault());
        }

        if (command is not ("chat" or "ask" or "eval" or "kb"))
        {
            Console.Error.WriteLine($"Unknown command '{command}'.");
            Console.Error.WriteLine(Usage);
            return 64;
        }

        using var host = TryBuildHost(out var error);
        if (host is null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        var services = host.Services;
        try
        {
            var code = command switch
            {
                "chat" => await ChatCommand.RunAsync(services, Console.In, Console.Out),
                "ask" => await AskCommand.RunAsync(services, rest, Console.Out),
                "eval" => await EvalCommand.RunAsync(services, rest, Console.Out),
                _ => KbCommands.Run(services, rest, Console.Out),
            };
            await services.Get<Operations.QuestionLog>().FlushAsync();
            return code;
        }
        catch (Exception e) when (ServeCommand.RefusesStart(e))
        {
            return ServeCommand.Refused(e);
        }
    }

    /// <summary>Builds the host; null (with the reason) when the knowledge base is missing or invalid.</summary>
    private static IHost? TryBuildHost(out string error)
    {
        error = "";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        try
        {
            builder.Services.AddAnsweringPipeline(builder.Configuration);
            return builder.Build();
        }
        catch (Exception e) when (ServeCommand.RefusesStart(e))
        {
            error = e.Message;
            return null;
        }
    }

    public static T Get<T>(this IServiceProvider services) where T : notnull => services.GetRequiredService<T>();
}
