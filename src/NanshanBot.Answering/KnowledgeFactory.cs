using Microsoft.Extensions.Options;
using NanshanBot.Knowledge;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;

namespace NanshanBot.Answering;

/// <summary>Where the knowledge files are: configuration <c>Knowledge:Path</c> (env <c>Knowledge__Path</c>).
/// Without it, the bundled <c>knowledge/</c> folder is found by walking up from the program's folder.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    public string? Path { get; set; }

    /// <exception cref="ConfigurationException">No path is set and no bundled folder is found.</exception>
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

        throw new ConfigurationException(
            "No knowledge folder found: set Knowledge:Path (environment variable Knowledge__Path) to the folder with the .kb files.");
    }
}

/// <summary>
/// The one way a knowledge folder becomes a serving index (loaded, validated, indexed): at start-up (the first
/// time the <see cref="KnowledgeState"/> is needed), by a reload, by the tests and by the benchmark. Nothing is
/// read when it is registered.
/// </summary>
public sealed class KnowledgeFactory(IOptions<KnowledgeOptions> options)
{
    private readonly Lazy<string> path = new(() => options.Value.ResolvePath());

    /// <summary>The folder the service's knowledge comes from.</summary>
    public string Path => path.Value;

    /// <exception cref="KnowledgeValidationException">The folder has problems (each with file and line).</exception>
    public KnowledgeIndex Load() => Load(Path);

    public (KnowledgeIndex? Index, IReadOnlyList<KnowledgeError> Errors) TryLoad() => TryLoad(Path);

    /// <exception cref="KnowledgeValidationException">The folder has problems (each with file and line).</exception>
    public static KnowledgeIndex Load(string folder) => Index(KnowledgeLoader.Load(folder));

    public static (KnowledgeIndex? Index, IReadOnlyList<KnowledgeError> Errors) TryLoad(string folder)
    {
        var (knowledge, errors) = KnowledgeLoader.TryLoad(folder);
        return (knowledge is null ? null : Index(knowledge), errors);
    }

    private static KnowledgeIndex Index(KnowledgeBase knowledge) => new(knowledge, LanguageResources.Default);
}
