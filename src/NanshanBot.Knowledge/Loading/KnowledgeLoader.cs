using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Knowledge.Loading;

/// <summary>
/// Loads a knowledge folder: every <c>*.kb</c> file (sources, terms, facts, the bot's texts), every
/// <c>articles/**/*.md</c>, and the word lists in <c>language/</c>. Reports every problem at once. Given the
/// knowledge loaded before, an article file whose content has not changed is not read again: its source and
/// sentences are the same objects, which lets the index keep their documents too.
/// </summary>
public static class KnowledgeLoader
{
    /// <exception cref="KnowledgeValidationException">The folder has one or more problems.</exception>
    public static KnowledgeBase Load(string root, IReadOnlyDictionary<string, ArticleFile>? known = null)
    {
        var (kb, errors) = TryLoad(root, known);
        return kb ?? throw new KnowledgeValidationException(errors);
    }

    /// <param name="known">Article files read before (from this folder, or from the index cache), by path: a file
    /// whose content hash is the same is not read again.</param>
    public static (KnowledgeBase? Knowledge, IReadOnlyList<KnowledgeError> Errors) TryLoad(string root, IReadOnlyDictionary<string, ArticleFile>? known = null) =>
        TryLoad(root, () => known);

    /// <param name="known">What <see cref="TryLoad(string, IReadOnlyDictionary{string, ArticleFile})"/> takes, asked for
    /// once the folder's files are read (a start reads the index cache meanwhile).</param>
    public static (KnowledgeBase? Knowledge, IReadOnlyList<KnowledgeError> Errors) TryLoad(string root, Func<IReadOnlyDictionary<string, ArticleFile>?> knownOnceRead)
    {
        var errors = new List<KnowledgeError>();
        if (!Directory.Exists(root))
        {
            errors.Add(new(root, 0, "the knowledge folder does not exist"));
            return (null, errors);
        }

        var files = ReadFiles(root, errors);
        var builder = new KnowledgeBuilder(errors);
        foreach (var (path, text, _) in files.Where(f => f.Path.EndsWith(".kb", StringComparison.OrdinalIgnoreCase)))
        {
            builder.AddBlocks(KbFileParser.Parse(path, text, errors));
        }

        var articles = new Dictionary<string, ArticleFile>(StringComparer.Ordinal);
        var known = knownOnceRead();
        foreach (var (path, text, hash) in files.Where(f => IsArticle(f.Path)))
        {
            if (known?.GetValueOrDefault(path) is not { } kept || kept.Hash != hash)
            {
                var (source, passages) = ArticleReader.Read(path, text, errors);
                CheckUrl(path, text, source, errors);
                kept = new ArticleFile(hash, source, passages);
            }

            articles[path] = kept;
            builder.AddArticle(path, kept.Source, kept.Passages);
        }

        var lexicon = new Lexicon(
            WordList(files, "language/stopwords.txt"),
            WordList(files, "language/followup-markers.txt"),
            AnswerTypes(files, "language/answer-types.txt", errors),
            WordList(files, "language/small-talk.txt"),
            WordList(files, "language/person-titles.txt"));
        var kb = builder.Build(root, lexicon, Version(files), Version(files.Where(f => !IsArticle(f.Path))), articles);
        return errors.Count == 0 ? (kb, errors) : (null, errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList());
    }

    /// <summary>The <see cref="KnowledgeBase.RulesVersion"/> the folder's files other than articles make, read
    /// without reading the articles (null if a file cannot be read: the load will say why).</summary>
    public static string? RulesVersion(string root)
    {
        var errors = new List<KnowledgeError>();
        var files = KnowledgeFiles.List(root, errors).Where(p => !IsArticle(p))
            .Select(p => (Path: p, Text: KnowledgeFiles.Read(root, p, errors)))
            .Where(f => f.Text is not null)
            .Select(f => (f.Path, f.Text!, Hash(f.Text!)))
            .ToList();
        return errors.Count == 0 && Directory.Exists(root) ? Version(files) : null;
    }

    /// <summary>Every knowledge file with its text and a hash of it; one that cannot be read is a problem, never an
    /// exception.</summary>
    /// <remarks>Read and hashed on every core: ten thousand articles are some 40 MB to read at every start and reload.</remarks>
    private static List<(string Path, string Text, string Hash)> ReadFiles(string root, List<KnowledgeError> errors)
    {
        var paths = KnowledgeFiles.List(root, errors);
        var read = new (string? Text, string? Hash, List<KnowledgeError> Problems)[paths.Count];
        Parallel.For(0, paths.Count, i =>
        {
            var problems = new List<KnowledgeError>();
            var text = KnowledgeFiles.Read(root, paths[i], problems);
            read[i] = (text, text is null ? null : Hash(text), problems);
        });

        var files = new List<(string Path, string Text, string Hash)>(paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            errors.AddRange(read[i].Problems);
            if (read[i] is { Text: { } text, Hash: { } hash })
            {
                files.Add((paths[i], text, hash));
            }
        }

        return files;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan())));

    private static bool IsArticle(string relativePath) => KnowledgeFiles.IsArticle(relativePath);

    /// <summary>An article's front-matter url, checked as a source file's is (reported at its line).</summary>
    private static void CheckUrl(string path, string text, Source? source, List<KnowledgeError> errors)
    {
        if (source?.Url is { } url && !SourceUrl.IsAcceptable(url))
        {
            var line = Array.FindIndex(text.Split('\n'), l => l.TrimStart().StartsWith("url:", StringComparison.OrdinalIgnoreCase)) + 1;
            errors.Add(new(path, Math.Max(line, 1), SourceUrl.Problem(url)));
        }
    }

    private static HashSet<string> WordList(List<(string Path, string Text, string Hash)> files, string path) =>
        Lines(files, path).Select(l => l.Text.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    private static readonly string[] AnswerKinds = ["number", "ordinal", "year", "date", "percent", "place", "person", "organisation", "list", "duration"];

    private static Dictionary<string, IReadOnlyList<string>> AnswerTypes(
        List<(string Path, string Text, string Hash)> files, string path, List<KnowledgeError> errors)
    {
        var types = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (line, number) in Lines(files, path))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            var kinds = parts.Length == 2 ? parts[1].Split('|', StringSplitOptions.TrimEntries) : [];
            if (parts.Length != 2 || parts[0].Length == 0 || kinds.Length == 0 || kinds.Any(k => !AnswerKinds.Contains(k)))
            {
                errors.Add(new(path, number, $"expected 'phrase = kind' with kinds from {string.Join(", ", AnswerKinds)} separated by |; found '{line}'"));
                continue;
            }

            types[parts[0].ToLowerInvariant()] = kinds;
        }

        return types;
    }

    private static IEnumerable<(string Text, int Line)> Lines(List<(string Path, string Text, string Hash)> files, string path) =>
        (files.FirstOrDefault(f => f.Path == path).Text ?? "")
            .Split('\n')
            .Select((l, i) => (l.Trim(), i + 1))
            .Where(l => l.Item1.Length > 0 && !l.Item1.StartsWith('#'));

    private static string Version(IEnumerable<(string Path, string Text, string Hash)> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, _, hash) in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(path + "\n" + hash + "\n"));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}
