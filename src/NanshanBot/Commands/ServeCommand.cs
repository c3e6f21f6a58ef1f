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
            try
            {
                await app.RunAsync();
                return 0;
            }
            catch (OptionsValidationException e)
            {
                return Invalid(e);
            }
        }
    }

    /// <summary>Prints what is wrong with the configuration; the exit code of a refused start.</summary>
    internal static int Invalid(OptionsValidationException e)
    {
        Console.Error.WriteLine("Invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", e.Failures));
        return 2;
    }
}
