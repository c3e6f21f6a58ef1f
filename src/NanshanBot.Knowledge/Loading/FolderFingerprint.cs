using System.IO.Enumeration;

namespace NanshanBot.Knowledge.Loading;

/// <summary>
/// What <see cref="KnowledgeFiles.List"/> would find, with each file's size and write time, as one 64-bit number
/// (FNV-1a of each file's path, size and time, summed, so that the listing's order does not matter; two
/// different folders give the same number about once in 10^19). A watcher takes it every few seconds of a
/// folder of tens of thousands of articles, so it allocates nothing per file: names are read where the listing
/// holds them, and only folders and links (few) are made into strings.
/// </summary>
internal static class FolderFingerprint
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;
    private static readonly EnumerationOptions Listing = new() { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };

    public static ulong Of(string root)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var roots = KnowledgeFiles.Roots(root);
        var errors = new List<KnowledgeError>();
        var sum = Folder(roots[0], "", roots, errors);
        foreach (var error in errors)
        {
            sum += Hash(Offset, error.ToString());
        }

        return sum;
    }

    private static ulong Folder(string folder, string prefix, string[] roots, List<KnowledgeError> errors)
    {
        var sum = 0UL;
        var later = new List<(string Name, bool IsLink, bool IsDirectory)>();
        try
        {
            var entries = new FileSystemEnumerable<ulong>(folder, (ref FileSystemEntry entry) =>
            {
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 || entry.IsDirectory)
                {
                    later.Add((entry.FileName.ToString(), (entry.Attributes & FileAttributes.ReparsePoint) != 0, entry.IsDirectory));
                    return 0;
                }

                return KnowledgeFiles.IsKnowledge(prefix, entry.FileName)
                    ? File(prefix, entry.FileName, entry.Length, entry.LastWriteTimeUtc.UtcTicks)
                    : 0;
            }, Listing)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !KnowledgeFiles.IsIgnored(entry.FileName),
            };
            foreach (var file in entries)
            {
                sum += file;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // KnowledgeFiles.List reports it; what matters here is that the folder's state shows in the number.
            return Hash(Offset, prefix + "\ncannot be listed\n" + e.Message);
        }

        foreach (var (name, isLink, isDirectory) in later)
        {
            var relative = prefix + name;
            var path = Path.Combine(folder, name);
            var file = new FileInfo(path);
            if (isLink && file.LinkTarget is not null)
            {
                KnowledgeFiles.Link(file, relative, roots, (_, target) => sum += File(prefix, name, target.Length, target.LastWriteTimeUtc.Ticks), errors);
            }
            else if (isDirectory)
            {
                sum += relative == KnowledgeFiles.DraftsFolder ? 0 : Folder(path, relative + "/", roots, errors);
            }
            else if (KnowledgeFiles.IsKnowledge(prefix, name))
            {
                sum += File(prefix, name, file.Length, file.LastWriteTimeUtc.Ticks);
            }
        }

        return sum;
    }

    private static ulong File(string prefix, ReadOnlySpan<char> name, long length, long ticks)
    {
        var hash = Hash(Hash(Offset, prefix), name);
        hash = Hash(hash, length);
        return Hash(hash, ticks);
    }

    private static ulong Hash(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return (hash ^ 0xFFFF) * Prime;
    }

    private static ulong Hash(ulong hash, long number)
    {
        for (var i = 0; i < 8; i++, number >>= 8)
        {
            hash = (hash ^ (byte)number) * Prime;
        }

        return hash;
    }
}
