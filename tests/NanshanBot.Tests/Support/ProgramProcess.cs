using System.Diagnostics;
using System.Text;

namespace NanshanBot.Tests.Support;

/// <summary>Runs the real program (the built NanshanBot.dll) as a child process, as a user or a script would, on
/// the tests' own knowledge unless the environment given says otherwise.</summary>
public static class ProgramProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>How long a command of the program may take before it counts as hung.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    public static Task<Result> RunAsync(string[] args, string? stdin = null, IDictionary<string, string>? environment = null) =>
        WaitAsync(Start(args, environment), stdin, CommandTimeout);

    /// <summary>Runs another program (dotnet publish, node) to its end, within <paramref name="timeout"/>.</summary>
    public static Task<Result> RunToolAsync(string program, string[] args, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        return WaitAsync(Process.Start(start)!, null, timeout);
    }

    /// <summary>Ends a process: SIGTERM, then (after 30 s) kill, whatever happens; its exit code (0 for one this
    /// process did not start), or null when it had to be killed.</summary>
    public static async Task<int?> EndAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return ExitCodeOf(process);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
    }

    private static int ExitCodeOf(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            // Not this process's child (strace's): no exit code to read.
            return 0;
        }
    }

    /// <summary>Waits for the process to end; one that does not end in time is killed (with its children) and
    /// the failure says what it had printed.</summary>
    private static async Task<Result> WaitAsync(Process process, string? stdin, TimeSpan timeout)
    {
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(stdin ?? "");
            process.StandardInput.Close();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new TimeoutException($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not end in {timeout.TotalSeconds} s and was killed.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
            }

            return new Result(process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>Starts the program and leaves it running (a service); the caller stops it.</summary>
    public static Process Start(string[] args, IDictionary<string, string>? environment = null) => Start("dotnet", [], args, environment);

    /// <summary>Starts the program under strace, which writes the file-sync calls (with the files' paths) to
    /// <paramref name="traceFile"/>. The program is strace's child: stop it with <see cref="Children"/>.</summary>
    public static Process StartSyncTraced(string traceFile, string[] args, IDictionary<string, string>? environment = null) =>
        Start("strace", ["-f", "-qq", "-y", "-e", "signal=none", "-e", "trace=fsync,fdatasync", "-o", traceFile, "dotnet"], args, environment);

    /// <summary>The ids of a process's children.</summary>
    public static IEnumerable<int> Children(Process process) =>
        File.ReadAllText($"/proc/{process.Id}/task/{process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);

    private static Process Start(string program, string[] before, string[] args, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in before)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NanshanBot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Data__Path"] = Repository.TempPath("data");
        start.Environment["Knowledge__Path"] = TestKnowledge.Folder;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }
}
