using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
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
    private const string FirstQuestion = "南山区人均GDP有多少？";

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
        using var run = new ProgramRun(["ask", FirstQuestion], knowledge);
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

    /// <summary>The service started on a free loopback port, timed until it answers its first question.</summary>
    private sealed class ServiceProcess : IAsyncDisposable
    {
        private readonly ProgramRun run;
        private readonly HttpClient http = new();
        private readonly string url;

        private ServiceProcess(ProgramRun run, string url)
        {
            this.run = run;
            this.url = url;
        }

        public double FirstAnswerMs { get; private set; } = double.NaN;

        public static async Task<ServiceProcess> StartAsync(string? knowledge)
        {
            var url = $"http://127.0.0.1:{30000 + Random.Shared.Next(10000)}";
            var service = new ServiceProcess(new ProgramRun(["--urls", url], knowledge), url);
            var clock = Stopwatch.StartNew();
            service.run.Process.Start();
            service.run.Process.BeginOutputReadLine();
            service.run.Process.BeginErrorReadLine();
            while (clock.Elapsed < TimeSpan.FromSeconds(30) && !service.run.Process.HasExited)
            {
                try
                {
                    using var answer = await service.http.PostAsJsonAsync($"{url}/api/chat", new { text = FirstQuestion });
                    if (answer.IsSuccessStatusCode)
                    {
                        service.FirstAnswerMs = clock.Elapsed.TotalMilliseconds;
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(5);
                }
            }

            return service;
        }

        public async Task AskAllAsync(List<EvalCase> cases)
        {
            foreach (var turn in cases.SelectMany(c => c.Turns))
            {
                (await http.PostAsJsonAsync($"{url}/api/chat", new { text = turn })).Dispose();
            }
        }

        public double StatusKiB(string field)
        {
            var line = File.ReadLines($"/proc/{run.Process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }

        public ValueTask DisposeAsync()
        {
            run.Process.Kill(entireProcessTree: true);
            run.Process.WaitForExit();
            run.Dispose();
            http.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The program's apphost with its own temporary Data:Path (deleted with it); the Web channel's
    /// per-client limit lifted so that the bench's one client can ask every question.</summary>
    private sealed class ProgramRun : IDisposable
    {
        private readonly string data = Directory.CreateTempSubdirectory("nanshanbot-bench-data-").FullName;

        public ProgramRun(string[] args, string? knowledge)
        {
            var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "NanshanBot"))
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            args.ToList().ForEach(start.ArgumentList.Add);
            start.Environment["Data__Path"] = data;
            start.Environment["Web__RequestsPerMinute"] = "1000000";
            if (knowledge is not null)
            {
                start.Environment["Knowledge__Path"] = knowledge;
            }

            Process = new Process { StartInfo = start };
        }

        public Process Process { get; }

        public void Dispose()
        {
            Process.Dispose();
            Directory.Delete(data, recursive: true);
        }
    }
}
