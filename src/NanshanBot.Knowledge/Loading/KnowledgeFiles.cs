using System.IO.Enumeration;
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
        var roots = Roots(root);
        Walk(roots[0], "", roots, (prefix, name, _, _) => files.Add(string.Concat(prefix, name)), errors);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>A number that changes when a file to read is added, removed, renamed, resized or written, or when
    /// what cannot be read changes; 0 for a folder that does not exist (see <see cref="FolderFingerprint"/>).</summary>
    public static ulong Fingerprint(string root) => FolderFingerprint.Of(root);

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

    /// <summary>What a walk tells of each file to read: its folder ("" or ending in '/'), its name (where the
    /// listing holds it: nothing is allocated per file), its size and write time.</summary>
    internal delegate void FileVisitor(string prefix, ReadOnlySpan<char> name, long length, long writeTicks);

    private static readonly EnumerationOptions Listing = new() { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };

    /// <summary>Visits the files to read of a folder and its subfolders. Only folders and links (few) are made
    /// into strings and objects; only a link is asked for its target (a system call per entry).</summary>
    internal static void Walk(string folder, string prefix, string[] roots, FileVisitor visit, List<KnowledgeError> errors)
    {
        var later = new List<(string Name, bool IsLink, bool IsDirectory)>();
        try
        {
            var entries = new FileSystemEnumerable<bool>(folder, (ref FileSystemEntry entry) =>
            {
                var isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
                if (isLink || entry.IsDirectory)
                {
                    later.Add((entry.FileName.ToString(), isLink, entry.IsDirectory));
                }
                else if (IsKnowledge(prefix, entry.FileName))
                {
                    visit(prefix, entry.FileName, entry.Length, entry.LastWriteTimeUtc.UtcTicks);
                }

                return true;
            }, Listing)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !IsIgnored(entry.FileName),
            };
            foreach (var _ in entries)
            {
                // The transform above visits each entry as the listing reads it.
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new(prefix.Length == 0 ? "." : prefix.TrimEnd('/'), 0, $"cannot be listed ({e.Message})"));
            return;
        }

        foreach (var (name, isLink, isDirectory) in later)
        {
            var path = Path.Combine(folder, name);
            if (isLink && new FileInfo(path) is { LinkTarget: not null } link)
            {
                Link(link, prefix, name, roots, visit, errors);
            }
            else if (isDirectory)
            {
                if (prefix + name != DraftsFolder)
                {
                    Walk(path, prefix + name + "/", roots, visit, errors);
                }
            }
            else if (IsKnowledge(prefix, name) && new FileInfo(path) is var file)
            {
                visit(prefix, name, file.Length, file.LastWriteTimeUtc.Ticks);
            }
        }
    }

    /// <summary>A symlink to a file inside the folder is read like the file; one to a folder inside it is not
    /// followed (the folder is walked where it is).</summary>
    private static void Link(FileSystemInfo link, string prefix, string name, string[] roots, FileVisitor visit, List<KnowledgeError> errors)
    {
        var relative = prefix + name;
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
            visit(prefix, name, file.Length, file.LastWriteTimeUtc.Ticks);
        }
    }
}
