using System.CommandLine;
using Microsoft.Extensions.Options;
using NanshanBot.Answering;
using NanshanBot.Hosting;
using NanshanBot.Knowledge;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;

namespace NanshanBot.Commands;

/// <summary>Runs the bot as a service until SIGTERM or Ctrl-C, which let in-flight answers finish.</summary>
public static class ServeCommand
{
    /// <summary><c>serve [--urls URL]</c>, which is also what the program does without a command.</summary>
    public static void AddTo(RootCommand root, string[] settings)
    {
        var serve = new Command("serve", "Run the service: the web chat and every configured channel (Telegram, WeChat, WeCom) on one host, "
            + "until Ctrl-C or SIGTERM (answers in flight finish).");
        foreach (var command in new Command[] { root, serve })
        {
            var urls = new Option<string?>("--urls") { Description = $"Where the service listens (default {ServiceHost.DefaultUrl}; several separated by ';')." };
            command.Options.Add(urls);
            command.SetAction((result, _) => RunAsync(result.GetValue(urls) is { } u ? [.. settings, "--urls", u] : settings));
        }

        root.Subcommands.Add(serve);
    }

    /// <param name="args">Configuration, as ASP.NET reads it (<c>--urls URL</c>, <c>--Section:Key=value</c>).</param>
    public static async Task<int> RunAsync(string[] args)
    {
        // A chat service: a reply held up by a blocking full collection is what users notice (the dictionaries
        // keep about a million objects alive), so full collections run in the background.
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        try
        {
            await using var app = ServiceHost.Build(args);
            app.Lifetime.ApplicationStarted.Register(() =>
                Console.Out.WriteLine($"NanshanBot is running on {string.Join(", ", app.Urls)} (Ctrl-C to stop)"));

            // The knowledge loads in the background from here while the host starts its listeners and channels
            // (/readyz says not ready, questions wait). Once it is loaded, what a mistyped question needs is built,
            // and what the load read besides the index is given back to the system.
            var knowledge = app.Services.GetRequiredService<KnowledgeState>();
            _ = knowledge.Loaded.ContinueWith(_ => KnowledgeFactory.PrepareAndCompact(knowledge.Current),
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            // Taken now (resolving them validates their options), to be asked after the run how they stopped.
            var background = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
            await app.StartAsync();
            try
            {
                await knowledge.Loaded;
            }
            catch (Exception e) when (RefusesStart(e))
            {
                await app.StopAsync();
                return Refused(e);
            }

            await app.WaitForShutdownAsync();
            return StoppedByAFault(background) ? 1 : 0;
        }
        catch (Exception e) when (RefusesStart(e))
        {
            return Refused(e);
        }
        catch (IOException e)
        {
            // A listener that cannot bind: the host logged it.
            Console.Error.WriteLine($"NanshanBot could not start: {e.Message}");
            return 1;
        }
        catch (Exception e)
        {
            // A fault, not a setting: its stack goes with it.
            Console.Error.WriteLine($"NanshanBot stopped: {e}");
            return 1;
        }
    }

    /// <summary>Whether <paramref name="e"/> is a configuration or knowledge problem, which stops the program with
    /// a message and exit code 2 (anything else is a fault and keeps its stack).</summary>
    public static bool RefusesStart(Exception e) => e is ConfigurationException or KnowledgeValidationException or OptionsValidationException;

    /// <summary>Prints what is wrong with the configuration or the knowledge; the exit code of a refused start.</summary>
    public static int Refused(Exception e)
    {
        Console.Error.WriteLine(e is OptionsValidationException invalid
            ? "Invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", invalid.Failures)
            : e.Message);
        return 2;
    }

    /// <summary>Whether a background service's failure is what stopped the host. .NET 10 still reports such a stop
    /// as a normal end; exiting 0 would leave systemd's Restart=on-failure with nothing to do.</summary>
    private static bool StoppedByAFault(IEnumerable<BackgroundService> background)
    {
        var failed = background.Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
        foreach (var service in failed)
        {
            Console.Error.WriteLine($"NanshanBot stopped because {service.GetType().Name} failed: {service.ExecuteTask!.Exception!.GetBaseException()}");
        }

        return failed.Count > 0;
    }
}
