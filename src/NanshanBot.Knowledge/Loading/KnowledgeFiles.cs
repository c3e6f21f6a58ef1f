using System.Text;

namespace NanshanBot.Knowledge.Loading;

/// <summary>
/// The files of a knowledge folder that the loader reads (<c>*.kb</c>, <c>articles/**/*.md</c>,
/// <c>language/*</c>), found without ever throwing. Editor and temporary files are not knowledge: dotfiles and
/// dot-folders (Emacs's <c>.#economy.kb</c> lock, a dangling symlink, appears the moment someone edits a file),
/// <c>*~</c>, <c>#*#</c> and <c>*.swp</c>. Drafted facts (<c>facts/drafts/</c>) wait for review and are not served
/// until an admin moves them out. A symlink that leads outside the folder, a dangling one, a folder that
/// cannot be listed and a file that cannot be read are problems, reported like any other.
/// </summary>
public static class KnowledgeFiles
{
    /// <summary>The relative paths ('/'-separated, sorted) of the files to read.</summary>
    public static List<string> List(string root, List<KnowledgeError> errors)
    {
        var files = new List<string>();
        Visit(root, (relative, _) => files.Add(relative), errors);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>A number that changes when a file to read is added, removed, renamed, resized or written, or when
    /// what cannot be read changes; 0 for a folder that does not exist (see <see cref="FolderFingerprint"/>).</summary>
    public static ulong Fingerprint(string root) => FolderFingerprint.Of(root);

    private static void Visit(string root, Action<string, FileInfo> visit, List<KnowledgeError> errors)
    {
        var roots = Roots(root);
        Walk(roots[0], "", roots, visit, errors);
    }

    /// <summary>The folder's full path, and where it really is if it is a link: what a link may lead into.</summary>
    internal static string[] Roots(string root)
    {
        var full = Path.GetFullPath(root);
        return [full, new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full];
    }

    /// <summary>The text of a listed file, or null with the problem added.</summary>
    public static string? Read(string root, string relativePath, List<KnowledgeError> errors)
    {
        try
        {
            return File.ReadAllText(Path.Combine(root, relativePath), Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new(relativePath, 0, $"cannot be read ({e.Message})"));
            return null;
        }
    }

    /// <summary>Where <c>kb draft</c> writes facts for review; the loader does not read it.</summary>
    public const string DraftsFolder = "facts/drafts";

    /// <summary>What a drafted field that needs a person starts with; the loader refuses it anywhere it reads.</summary>
    public const string TodoMarker = "TODO";

    /// <summary>The drafts waiting for review (relative paths, sorted).</summary>
    public static List<string> Drafts(string root)
    {
        var folder = Path.Combine(root, DraftsFolder);
        return !Directory.Exists(folder) ? [] : Directory.EnumerateFiles(folder, "*.kb")
            .Where(f => !IsIgnored(Path.GetFileName(f)))
            .Select(f => DraftsFolder + "/" + Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static bool IsIgnored(string name) => IsIgnored(name.AsSpan());

    public static bool IsIgnored(ReadOnlySpan<char> name) =>
        name.StartsWith('.') || name.EndsWith('~') || (name.StartsWith('#') && name.EndsWith('#'))
        || name.EndsWith(".swp", StringComparison.OrdinalIgnoreCase);

    public static bool IsKnowledge(string relativePath) =>
        relativePath.EndsWith(".kb", StringComparison.OrdinalIgnoreCase) || IsArticle(relativePath)
        || relativePath.StartsWith("language/", StringComparison.Ordinal);

    /// <summary><see cref="IsKnowledge(string)"/> of the file <paramref name="name"/> in the folder
    /// <paramref name="prefix"/> ("" or ending in '/').</summary>
    internal static bool IsKnowledge(string prefix, ReadOnlySpan<char> name) =>
        name.EndsWith(".kb", StringComparison.OrdinalIgnoreCase)
        || (prefix.StartsWith("articles/", StringComparison.Ordinal) && name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        || prefix.StartsWith("language/", StringComparison.Ordinal);

    public static bool IsArticle(string relativePath) =>
        relativePath.StartsWith("articles/", StringComparison.Ordinal) && relativePath.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    private static void Walk(string folder, string prefix, string[] roots, Action<string, FileInfo> visit, List<KnowledgeError> errors)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(folder).EnumerateFileSystemInfos().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new(prefix.Length == 0 ? "." : prefix.TrimEnd('/'), 0, $"cannot be listed ({e.Message})"));
            return;
        }

        foreach (var entry in entries.Where(e => !IsIgnored(e.Name)))
        {
            // Only a link (a reparse point) is asked for its target: that is a system call per entry.
            var relative = prefix + entry.Name;
            if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint) && entry.LinkTarget is not null)
            {
                Link(entry, relative, roots, visit, errors);
            }
            else if (entry is DirectoryInfo directory)
            {
                if (relative != DraftsFolder)
                {
                    Walk(directory.FullName, relative + "/", roots, visit, errors);
                }
            }
            else if (entry is FileInfo file && IsKnowledge(relative))
            {
                visit(relative, file);
            }
        }
    }

    /// <summary>A symlink to a file inside the folder is read like the file; one to a folder inside it is not
    /// followed (the folder is walked where it is).</summary>
    internal static void Link(FileSystemInfo link, string relative, string[] roots, Action<string, FileInfo> visit, List<KnowledgeError> errors)
    {
        var target = link.ResolveLinkTarget(returnFinalTarget: true);
        if (target is null || !target.Exists)
        {
            if (IsKnowledge(relative))
            {
                errors.Add(new(relative, 0, $"cannot be read: it is a symbolic link to '{link.LinkTarget}', which does not exist"));
            }

            return;
        }

        if (!roots.Any(r => target.FullName.StartsWith(r.TrimEnd('/') + "/", StringComparison.Ordinal)))
        {
            errors.Add(new(relative, 0, $"is a symbolic link to '{target.FullName}', outside the knowledge folder"));
            return;
        }

        if (target is FileInfo file && IsKnowledge(relative))
        {
            visit(relative, file);
        }
    }
}
