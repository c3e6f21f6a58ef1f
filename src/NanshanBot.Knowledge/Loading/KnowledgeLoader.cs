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
    /// whose size and write time are the same is not read again, and one whose content hash is the same is not
    /// analysed again.</param>
    public static (KnowledgeBase? Knowledge, IReadOnlyList<KnowledgeError> Errors) TryLoad(string root, IReadOnlyDictionary<string, ArticleFile>? known = null) =>
        TryLoad(root, () => known);

    /// <param name="knownOnceRead">What <see cref="TryLoad(string, IReadOnlyDictionary{string, ArticleFile})"/> takes,
    /// asked for once the files other than articles are read (a start reads the index cache meanwhile).</param>
    public static (KnowledgeBase? Knowledge, IReadOnlyList<KnowledgeError> Errors) TryLoad(string root, Func<IReadOnlyDictionary<string, ArticleFile>?> knownOnceRead)
    {
        var errors = new List<KnowledgeError>();
        if (!Directory.Exists(root))
        {
            errors.Add(new(root, 0, "the knowledge folder does not exist"));
            return (null, errors);
        }

        var paths = KnowledgeFiles.List(root, errors);
        var files = ReadFiles(root, paths.Where(p => !IsArticle(p)).ToList(), errors);
        var builder = new KnowledgeBuilder(errors);
        foreach (var (path, text, _) in files.Where(f => f.Path.EndsWith(".kb", StringComparison.OrdinalIgnoreCase)))
        {
            builder.AddBlocks(KbFileParser.Parse(path, text, errors));
        }

        var articles = ReadArticles(root, paths.Where(IsArticle).ToList(), knownOnceRead(), errors);
        foreach (var (path, article) in articles)
        {
            builder.AddArticle(path, article.Source, article.Passages);
        }

        var lexicon = new Lexicon(
            WordList(files, "language/stopwords.txt"),
            WordList(files, "language/followup-markers.txt"),
            AnswerTypes(files, "language/answer-types.txt", errors),
            WordList(files, "language/small-talk.txt"),
            WordList(files, "language/person-titles.txt"));
        var all = files.Select(f => (f.Path, f.Hash)).Concat(articles.Select(a => (Path: a.Key, a.Value.Hash))).OrderBy(f => f.Path, StringComparer.Ordinal);
        var kb = builder.Build(root, lexicon, Version(all), Version(files.Select(f => (f.Path, f.Hash))), articles);
        return errors.Count == 0 ? (kb, errors) : (null, errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList());
    }

    /// <summary>The <see cref="KnowledgeBase.RulesVersion"/> the folder's files other than articles make, read
    /// without reading the articles (null if a file cannot be read: the load will say why).</summary>
    public static string? RulesVersion(string root)
    {
        var errors = new List<KnowledgeError>();
        var files = ReadFiles(root, KnowledgeFiles.List(root, errors).Where(p => !IsArticle(p)).ToList(), errors);
        return errors.Count == 0 && Directory.Exists(root) ? Version(files.Select(f => (f.Path, f.Hash))) : null;
    }

    /// <summary>Each of the files with its text and a hash of it; one that cannot be read is a problem, never an
    /// exception.</summary>
    private static List<(string Path, string Text, string Hash)> ReadFiles(string root, List<string> paths, List<KnowledgeError> errors) =>
        paths.Select(p => (Path: p, Text: KnowledgeFiles.Read(root, p, errors)))
            .Where(f => f.Text is not null)
            .Select(f => (f.Path, f.Text!, Hash(f.Text!)))
            .ToList();

    /// <summary>The article files, in path order: one whose size and write time are those it had when
    /// <paramref name="known"/> read it is taken as it was; the others are read and hashed (on every core: ten
    /// thousand articles are some 40 MB), and analysed again only if their content changed.</summary>
    private static Dictionary<string, ArticleFile> ReadArticles(
        string root, List<string> paths, IReadOnlyDictionary<string, ArticleFile>? known, List<KnowledgeError> errors)
    {
        var read = new (ArticleFile? File, List<KnowledgeError> Problems)[paths.Count];
        Parallel.For(0, paths.Count, i =>
        {
            var problems = new List<KnowledgeError>();
            var path = paths[i];
            var before = known?.GetValueOrDefault(path);
            var stamp = Stamp(Path.Combine(root, path));
            if (before?.Stamp is { } kept && kept == stamp?.Stamp)
            {
                read[i] = (before, problems);
                return;
            }

            if (KnowledgeFiles.Read(root, path, problems) is not { } text)
            {
                read[i] = (null, problems);
                return;
            }

            var hash = Hash(text);
            var file = before is not null && before.Hash == hash ? before : Parse(path, text, hash, problems);
            read[i] = (file with { Stamp = stamp is { Settled: true } ? stamp.Value.Stamp : null }, problems);
        });

        var articles = new Dictionary<string, ArticleFile>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
        {
            errors.AddRange(read[i].Problems);
            if (read[i].File is { } file)
            {
                articles[paths[i]] = file;
            }
        }

        return articles;
    }

    private static ArticleFile Parse(string path, string text, string hash, List<KnowledgeError> errors)
    {
        var (source, passages) = ArticleReader.Read(path, text, errors);
        CheckUrl(path, text, source, errors);
        return new ArticleFile(hash, source, passages);
    }

    /// <summary>A file's stamp before it is read, and whether it was written long enough before now that a later
    /// write would change it (file systems keep write times in steps; two seconds covers the coarsest).</summary>
    private static (FileStamp Stamp, bool Settled)? Stamp(string path)
    {
        try
        {
            var info = new FileInfo(path);
            var written = info.LastWriteTimeUtc;
            return (new FileStamp(info.Length, written.Ticks), DateTime.UtcNow - written > TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
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

    private static string Version(IEnumerable<(string Path, string Hash)> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, hash) in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(path + "\n" + hash + "\n"));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}
