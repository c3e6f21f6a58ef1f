using Microsoft.Extensions.Options;
using NanshanBot.Hosting;
using NanshanBot.Knowledge.Loading;

namespace NanshanBot.Commands;

/// <summary>Runs the bot as a service until SIGTERM or Ctrl-C, which let in-flight answers finish.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        // A chat service: a reply held up by a blocking full collection is what users notice (the dictionaries
        // keep about a million objects alive), so full collections run in the background.
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        WebApplication app;
        try
        {
            app = ServiceHost.Build(args);
        }
        catch (Exception e) when (e is KnowledgeValidationException or InvalidOperationException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (OptionsValidationException e)
        {
            return Invalid(e);
        }

        await using (app)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
                Console.Out.WriteLine($"NanshanBot is running on {string.Join(", ", app.Urls)} (Ctrl-C to stop)"));
            List<BackgroundService> background;
            try
            {
                // Taken before the run (resolving them validates their options): RunAsync disposes the services.
                background = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
                await app.RunAsync();
            }
            catch (OptionsValidationException e)
            {
                return Invalid(e);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                // A listener that cannot bind, a hosted service that cannot start: the host logged it.
                Console.Error.WriteLine($"NanshanBot could not start: {e.Message}");
                return 1;
            }

            return StoppedByAFault(background) ? 1 : 0;
        }
    }

    /// <summary>Whether a background service's failure is what stopped the host. .NET 10 still reports such a stop
    /// as a normal end; exiting 0 would leave systemd's Restart=on-failure with nothing to do.</summary>
    private static bool StoppedByAFault(IEnumerable<BackgroundService> background)
    {
        var failed = background.Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
        foreach (var service in failed)
        {
            Console.Error.WriteLine($"NanshanBot stopped because {service.GetType().Name} failed: {service.ExecuteTask!.Exception!.GetBaseException().Message}");
        }

        return failed.Count > 0;
    }

    /// <summary>Prints what is wrong with the configuration; the exit code of a refused start.</summary>
    internal static int Invalid(OptionsValidationException e)
    {
        Console.Error.WriteLine("Invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", e.Failures));
        return 2;
    }
}
