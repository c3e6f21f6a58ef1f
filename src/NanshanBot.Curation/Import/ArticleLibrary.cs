using System.Security.Cryptography;
using System.Text;
using NanshanBot.Knowledge.Loading;

namespace NanshanBot.Curation.Import;

/// <summary>
/// The articles already in a knowledge folder's <c>articles/</c>, for refusing the same page twice: the same
/// address (scheme, fragment, a trailing slash and the host's case aside) or the same text (letters and digits, whatever the
/// markup, spacing and headings around them). New articles are written whole or not at all.
/// </summary>
public sealed class ArticleLibrary(string root)
{
    public string Folder => Path.Combine(root, "articles");

    /// <summary>The existing article (relative path) with one of these addresses or this text, and which.</summary>
    public (string File, string Reason)? FindDuplicate(IEnumerable<string?> urls, string fingerprint)
    {
        var wanted = urls.OfType<string>().Select(Comparable).ToHashSet(StringComparer.Ordinal);
        if (!Directory.Exists(Folder))
        {
            return null;
        }

        foreach (var path in Directory.EnumerateFiles(Folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (KnowledgeFiles.IsIgnored(Path.GetFileName(path)))
            {
                continue;
            }

            var (url, body) = Split(File.ReadAllText(path));
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (url is not null && wanted.Contains(Comparable(url)))
            {
                return (relative, "the same address");
            }

            if (Fingerprint(body) == fingerprint)
            {
                return (relative, "the same text");
            }
        }

        return null;
    }

    /// <summary>Writes <c>articles/&lt;stem&gt;.md</c> (or <c>&lt;stem&gt;-2.md</c>... if taken) through a hidden
    /// temporary file, so that the watcher of a running service never reads half an article.</summary>
    public string Write(string stem, string text)
    {
        Directory.CreateDirectory(Folder);
        var temporary = Path.Combine(Folder, $".{stem}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        for (var n = 1; ; n++)
        {
            var name = n == 1 ? $"{stem}.md" : $"{stem}-{n}.md";
            try
            {
                File.Move(temporary, Path.Combine(Folder, name), overwrite: false);
                return "articles/" + name;
            }
            catch (IOException) when (File.Exists(Path.Combine(Folder, name)) && n < 100)
            {
            }
        }
    }

    public static string Fingerprint(IEnumerable<string> lines)
    {
        var letters = new StringBuilder();
        foreach (var line in lines.Where(l => !l.TrimStart().StartsWith('#')))
        {
            letters.Append(line.Normalize(NormalizationForm.FormKC).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(letters.ToString())));
    }

    private static (string? Url, IEnumerable<string> Body) Split(string text)
    {
        var lines = text.Replace("\r", "").Split('\n');
        var close = lines.Length > 0 && lines[0].Trim() == "---" ? Array.FindIndex(lines, 1, l => l.Trim() == "---") : -1;
        var url = lines.Take(Math.Max(close, 0)).Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("url:", StringComparison.OrdinalIgnoreCase))?[4..].Trim().Trim('"');
        return (url, lines.Skip(close + 1));
    }

    private static string Comparable(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            ? (uri.Host + uri.PathAndQuery).TrimEnd('/')
            : url.Trim();
}
