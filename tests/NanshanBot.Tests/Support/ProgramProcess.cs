using System.Diagnostics;
using System.Text;

namespace NanshanBot.Tests.Support;

/// <summary>Runs the real program (the built NanshanBot.dll) as a child process, as a user or a script would.</summary>
public static class ProgramProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(string[] args, string? stdin = null, IDictionary<string, string>? environment = null)
    {
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A program that should have ended (a refused start) but did not: leave nothing running.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await stdout, await stderr);
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

        start.Environment["Data__Path"] = Path.Combine(Path.GetTempPath(), "nanshanbot-data-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }
}
