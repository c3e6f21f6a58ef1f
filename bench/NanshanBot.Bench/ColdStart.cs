using System.Diagnostics;
using System.Globalization;
using NanshanBot.Evaluation;

namespace NanshanBot.Bench;

/// <summary>
/// The built program as users start it (its apphost, as the Dockerfile's entry point, with the configuration
/// defaults and a temporary Data:Path), from process start to its first answer: `NanshanBot ask` printing
/// one, and the service answering its first POST /api/chat; with the bundled knowledge and with the drop
/// articles added. Then the service's resident memory (VmRSS, and its peak VmHWM, of /proc/PID/status) once it
/// has answered every dev question, so that the dictionary and everything loaded on first use is in.
/// </summary>
public static class ColdStart
{
    public static async Task RunAsync(BenchReport report)
    {
        var dev = EvalCase.ReadAll(Repo.DevQuestions);
        await RunAsync(report, "bundled", null, dev);
        var folder = BenchKnowledge.WithDropArticles();
        try
        {
            await RunAsync(report, "+ drop articles", folder, dev.Concat(EvalCase.ReadAll(BenchKnowledge.DropQuestions)).ToList());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunAsync(BenchReport report, string knowledgeName, string? knowledge, List<EvalCase> cases)
    {
        var asks = new List<double>();
        var cpu = new List<double>();
        var serves = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var (wall, processor) = await AskAsync(knowledge);
            asks.Add(wall);
            cpu.Add(processor);
            await using var service = await ServiceProcess.StartAsync(knowledge);
            serves.Add(service.FirstAnswerMs);
            if (i == 2)
            {
                await service.AskAllAsync(cases);
                report.Add($"memory ({knowledgeName})", "service resident after every question", service.StatusKiB("VmRSS") / 1024, "MB");
                report.Add($"memory ({knowledgeName})", "service peak resident", service.StatusKiB("VmHWM") / 1024, "MB");
            }
        }

        report.Add($"cold start ({knowledgeName})", "`ask` start to answer (median of 3)", asks.Order().ElementAt(1), "ms");
        report.Add($"cold start ({knowledgeName})", "`ask` processor time, all threads (median)", cpu.Order().ElementAt(1), "ms");
        report.Add($"cold start ({knowledgeName})", "service start to first answer (median of 3)", serves.Order().ElementAt(1), "ms");
    }

    /// <summary>Process start until `ask` has printed its answer and exited, and the processor time it used (less
    /// disturbed than the wall time by other processes on the machine); NaN (with its output) on failure.</summary>
    private static async Task<(double WallMs, double ProcessorMs)> AskAsync(string? knowledge)
    {
        using var run = new ProgramRun(["ask", ServiceProcess.FirstQuestion], knowledge);
        var processor = ReapedChildrenProcessorMs();
        var clock = Stopwatch.StartNew();
        run.Process.Start();
        var output = await run.Process.StandardOutput.ReadToEndAsync();
        await run.Process.WaitForExitAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (run.Process.ExitCode != 0 || output.Trim().Length == 0)
        {
            await Console.Error.WriteLineAsync($"bench: `ask` failed ({run.Process.ExitCode}): {output}{await run.Process.StandardError.ReadToEndAsync()}");
            return (double.NaN, double.NaN);
        }

        return (elapsed, ReapedChildrenProcessorMs() - processor);
    }

    /// <summary>The processor time of this process's children that have exited (cutime + cstime of
    /// /proc/self/stat, in USER_HZ ticks of 10 ms): an exited process can no longer be asked for its own.</summary>
    private static double ReapedChildrenProcessorMs()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * 10.0;
    }
}
