namespace NanshanBot.Hosting;

/// <summary>Where the knowledge files are: configuration <c>Knowledge:Path</c> (env <c>Knowledge__Path</c>).
/// Without it, the bundled <c>knowledge/</c> folder is found by walking up from the program's folder.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    public string? Path { get; set; }

    public string ResolvePath() => string.IsNullOrWhiteSpace(Path) ? FindBundled() : System.IO.Path.GetFullPath(Path);

    private static string FindBundled()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "knowledge");
                if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.kb").Any())
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            "No knowledge folder found: set Knowledge:Path (environment variable Knowledge__Path) to the folder with the .kb files.");
    }
}
