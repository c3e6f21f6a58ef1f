using System.Security.Cryptography;
using System.Text;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Knowledge.Loading;

/// <summary>
/// Loads a knowledge folder: every <c>*.kb</c> file (sources, terms, facts, the bot's texts), every
/// <c>articles/**/*.md</c>, and the word lists in <c>language/</c>. Reports every problem at once.
/// </summary>
public static class KnowledgeLoader
{
    /// <exception cref="KnowledgeValidationException">The folder has one or more problems.</exception>
    public static KnowledgeBase Load(string root)
    {
        var (kb, errors) = TryLoad(root);
        return kb ?? throw new KnowledgeValidationException(errors);
    }

    public static (KnowledgeBase? Knowledge, IReadOnlyList<KnowledgeError> Errors) TryLoad(string root)
    {
        var errors = new List<KnowledgeError>();
        if (!Directory.Exists(root))
        {
            errors.Add(new(root, 0, "the knowledge folder does not exist"));
            return (null, errors);
        }

        var files = ReadFiles(root);
        var builder = new KnowledgeBuilder(errors);
        foreach (var (path, text) in files.Where(f => f.Path.EndsWith(".kb", StringComparison.OrdinalIgnoreCase)))
        {
            builder.AddBlocks(KbFileParser.Parse(path, text, errors));
        }

        foreach (var (path, text) in files.Where(f => IsArticle(f.Path)))
        {
            var (source, passages) = ArticleReader.Read(path, text, errors);
            builder.AddArticle(path, source, passages);
        }

        var lexicon = new Lexicon(WordList(files, "language/stopwords.txt"), WordList(files, "language/followup-markers.txt"));
        var kb = builder.Build(root, lexicon, Version(files));
        return errors.Count == 0 ? (kb, errors) : (null, errors);
    }

    private static List<(string Path, string Text)> ReadFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => p.EndsWith(".kb", StringComparison.OrdinalIgnoreCase) || IsArticle(p) || p.StartsWith("language/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(Path.Combine(root, p), Encoding.UTF8)))
            .ToList();

    private static bool IsArticle(string relativePath) =>
        relativePath.StartsWith("articles/", StringComparison.Ordinal) && relativePath.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    private static HashSet<string> WordList(List<(string Path, string Text)> files, string path)
    {
        var text = files.FirstOrDefault(f => f.Path == path).Text ?? "";
        return text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string Version(List<(string Path, string Text)> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, text) in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(path + "\n" + text + "\n"));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}
