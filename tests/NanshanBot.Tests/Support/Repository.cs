namespace NanshanBot.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string SharedEval => Path.Combine(Root, "..", "shared", "eval", "dev.jsonl");

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>A copy of the bundled knowledge in a fresh temporary folder, for tests that edit it.</summary>
    public static string CopyKnowledge()
    {
        var target = Path.Combine(Path.GetTempPath(), "nanshanbot-kb-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Knowledge, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Knowledge, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
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
