using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
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

    /// <summary>Where the index cache is kept (the service sets it to <c>index-cache</c> under <c>Data:Path</c>);
    /// without it, every start analyses every article.</summary>
    public string? CacheFolder { get; set; }

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
public sealed partial class KnowledgeFactory(IOptions<KnowledgeOptions> options, ILogger<KnowledgeFactory>? logger = null)
{
    private readonly Lazy<string> path = new(() => options.Value.ResolvePath());

    /// <summary>The folder the service's knowledge comes from.</summary>
    public string Path => path.Value;

    /// <summary>The index cache file of this knowledge folder (one per folder, so that services sharing a data
    /// folder do not overwrite each other's), or null without a cache folder.</summary>
    public string? CacheFile => options.Value.CacheFolder is { Length: > 0 } folder
        ? System.IO.Path.Combine(folder, $"index-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path)))[..16]}.bin")
        : null;

    /// <summary>Loads the knowledge at start: the articles whose files are unchanged since the index cache was
    /// written are taken from it, the others analysed; the cache is written again when anything was analysed.</summary>
    /// <exception cref="KnowledgeValidationException">The folder has problems (each with file and line).</exception>
    public KnowledgeIndex Load()
    {
        if (CacheFile is not { } cache)
        {
            return Load(Path);
        }

        var started = Stopwatch.GetTimestamp();
        // The index cache is read while the folder's other files are, and the language data loads meanwhile.
        var resources = Task.Run(() => LanguageResources.Default);
        var reading = Task.Run(() => KnowledgeLoader.RulesVersion(Path) is { } rules ? IndexCache.Read(cache, rules) : (null, "the knowledge folder cannot be read"));
        var (knowledge, errors) = KnowledgeLoader.TryLoad(Path, () => reading.GetAwaiter().GetResult().Seed?.ArticleFiles);
        var seed = reading.GetAwaiter().GetResult();
        if (knowledge is null)
        {
            throw new KnowledgeValidationException(errors);
        }

        var index = new KnowledgeIndex(knowledge, resources.GetAwaiter().GetResult(), seed.Seed);
        if (logger is not null)
        {
            LogLoaded(logger, index.Documents.Count, index.ReusedDocuments, index.Added, Stopwatch.GetElapsedTime(started).TotalMilliseconds, seed.Problem ?? "used");
        }

        if (index.AnalysedArticles > 0 || seed.Seed?.Articles != knowledge.ArticleFiles.Count)
        {
            WriteCache(cache, index);
        }

        return index;
    }

    /// <summary>Builds what the first mistyped question would (<see cref="KnowledgeIndex.Prepare"/>), then gives back
    /// to the system what the load read and analysed besides the index (every file's text, the cache's strings, the
    /// documents' drafts, the index it replaced): with thousands of articles as large as the index itself. One
    /// compacting collection (about a third of a second at ten thousand articles, answers wait meanwhile) instead
    /// of holding some 200 MB more for the process's life, and more after every reload. The service does it once
    /// it has started (it is ready meanwhile) and after every reload.</summary>
    public static void PrepareAndCompact(KnowledgeIndex index)
    {
        index.Prepare();
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }

    private void WriteCache(string cache, KnowledgeIndex index)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(cache)!);
            IndexCache.Write(cache, index);
            if (logger is not null)
            {
                LogCacheWritten(logger, cache, new FileInfo(cache).Length / 1024.0 / 1024.0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written costs the next start time, nothing else.
            if (logger is not null)
            {
                LogCacheNotWritten(logger, cache, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge indexed: {Documents} documents ({Kept} from the index cache, {Analysed} analysed) in {Ms:0} ms; index cache: {Cache}")]
    private static partial void LogLoaded(ILogger logger, int documents, int kept, int analysed, double ms, string cache);

    [LoggerMessage(Level = LogLevel.Information, Message = "Index cache written: {File} ({Megabytes:0.0} MB in {Ms:0} ms)")]
    private static partial void LogCacheWritten(ILogger logger, string file, double megabytes, double ms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index cache not written to {File}: {Reason}; the next start analyses every article again")]
    private static partial void LogCacheNotWritten(ILogger logger, string file, string reason);

    /// <param name="previous">The index serving now: what it read from files that have not changed is kept.</param>
    public (KnowledgeIndex? Index, IReadOnlyList<KnowledgeError> Errors) TryLoad(KnowledgeIndex? previous = null) => TryLoad(Path, previous);

    /// <exception cref="KnowledgeValidationException">The folder has problems (each with file and line).</exception>
    public static KnowledgeIndex Load(string folder) => Index(KnowledgeLoader.Load(folder));


    public static (KnowledgeIndex? Index, IReadOnlyList<KnowledgeError> Errors) TryLoad(string folder, KnowledgeIndex? previous = null)
    {
        var seed = previous?.Seed();
        var (knowledge, errors) = KnowledgeLoader.TryLoad(folder, seed?.ArticleFiles);
        return (knowledge is null ? null : Index(knowledge, seed), errors);
    }

    private static KnowledgeIndex Index(KnowledgeBase knowledge, IndexSeed? seed = null) => new(knowledge, LanguageResources.Default, seed);
}
