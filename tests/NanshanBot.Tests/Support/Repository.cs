using System.Diagnostics;

namespace NanshanBot.Tests.Support;

/// <summary>Paths in the repository the tests run from, and the temporary folders they write to.</summary>
public static class Repository
{
    /// <summary>This test run's temporary folders all live here. Tests delete what they made; what is left (a test
    /// that failed half-way) goes when scripts/test.sh ends or the next run starts, not at exit, where a slow
    /// delete could have the test host killed before the shared Redis is stopped.</summary>
    private static readonly string RunFolder = StartRunFolder();

    public static string Root { get; } = FindRoot();

    /// <summary>The bundled knowledge: only the knowledge tests (knowledge, retrieval, answering, commands that
    /// show it) use it; the rest use <see cref="TestKnowledge"/>.</summary>
    public static string Knowledge => Path.Combine(Root, "knowledge");

    /// <summary>A path in the shared material the project is given (<c>../shared</c> from the repository root, or
    /// the folder <c>NANSHANBOT_SHARED</c> names): tests read it there rather than copy it. Missing, it fails the
    /// test with what to do, rather than with a bare path.</summary>
    public static string Shared(params string[] parts)
    {
        var root = System.Environment.GetEnvironmentVariable("NANSHANBOT_SHARED") is { Length: > 0 } set
            ? set
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));
        Assert.True(Directory.Exists(root),
            $"the shared material is not at {root}: clone the repository beside it (../shared) or set NANSHANBOT_SHARED");
        return Path.Combine([root, .. parts]);
    }

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>A fresh path (not created) in this run's temporary folder.</summary>
    public static string TempPath(string kind) => Path.Combine(RunFolder, kind + "-" + Guid.NewGuid().ToString("N"));

    /// <summary>A copy of the bundled knowledge in a fresh temporary folder, for tests that edit it.</summary>
    public static string CopyKnowledge() => CopyFolder(Knowledge);

    public static string CopyFolder(string source)
    {
        var target = TempPath("kb");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>Deletes a folder the way a test's cleanup should: whatever is left of it, never failing.</summary>
    public static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A child process still writing: the run's folder is removed after the run.
        }
    }

    private static string StartRunFolder()
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), "nanshanbot-tests-*"))
        {
            if (int.TryParse(Path.GetFileName(stale)["nanshanbot-tests-".Length..], out var pid) && !IsRunning(pid))
            {
                Delete(stale);
            }
        }

        var folder = Path.Combine(Path.GetTempPath(), "nanshanbot-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NanshanBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NanshanBot.sln not found above " + AppContext.BaseDirectory);
    }
}
