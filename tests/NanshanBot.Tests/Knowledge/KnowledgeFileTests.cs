using NanshanBot.Knowledge.Loading;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Knowledge;

/// <summary>What a knowledge folder holds besides knowledge: editors' files, links, files that cannot be read.</summary>
public sealed class KnowledgeFileTests : IDisposable
{
    private readonly string folder = Repository.CopyKnowledge();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void EditorAndTemporaryFilesAreNotKnowledge()
    {
        var facts = Path.Combine(folder, "facts");
        var before = KnowledgeLoader.Load(folder).Version;
        // Emacs's lock file: a dangling symlink, there the moment someone starts editing economy.kb.
        File.CreateSymbolicLink(Path.Combine(facts, ".#economy.kb"), "root@host.4242:1770000000");
        File.WriteAllText(Path.Combine(facts, "economy.kb~"), "[fact backup\nnot valid");
        File.WriteAllText(Path.Combine(facts, "#economy.kb#"), "[fact autosave\nnot valid");
        File.WriteAllText(Path.Combine(facts, ".economy.kb.swp"), "\0\0vim swap");
        Directory.CreateDirectory(Path.Combine(folder, ".git"));
        File.WriteAllText(Path.Combine(folder, ".git", "HEAD.kb"), "not knowledge");

        var (kb, errors) = KnowledgeLoader.TryLoad(folder);

        Assert.Empty(errors);
        Assert.Equal(before, kb!.Version);
    }

    [Fact]
    public void AFileThatCannotBeReadOrLeadsOutsideIsAProblemNotAnException()
    {
        var outside = Repository.TempPath("outside") + ".kb";
        File.WriteAllText(outside, "[fact outside]\nsource: szmeng-2026-01-28\nzh: 外面\nen: Outside\n");
        File.CreateSymbolicLink(Path.Combine(folder, "facts", "gone.kb"), Path.Combine(folder, "facts", "deleted-meanwhile.kb"));
        File.CreateSymbolicLink(Path.Combine(folder, "facts", "elsewhere.kb"), outside);
        try
        {
            var (kb, errors) = KnowledgeLoader.TryLoad(folder);

            Assert.Null(kb);
            Assert.Contains(errors, e => e.ToString().StartsWith("facts/gone.kb: cannot be read", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.ToString().StartsWith("facts/elsewhere.kb: is a symbolic link to", StringComparison.Ordinal)
                && e.Problem.Contains("outside the knowledge folder"));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void ASymlinkToAFileInsideTheFolderIsReadLikeTheFile()
    {
        Directory.CreateDirectory(Path.Combine(folder, "drafts"));
        File.WriteAllText(Path.Combine(folder, "drafts", "ferry.txt"), "[fact linked-ferry]\nsource: szmeng-2026-01-28\nzh: 测试：渡轮。\nen: Test: a ferry.\n");
        File.CreateSymbolicLink(Path.Combine(folder, "facts", "ferry.kb"), Path.Combine("..", "drafts", "ferry.txt"));

        Assert.Contains(KnowledgeLoader.Load(folder).Facts, f => f.Id == "linked-ferry");
    }

    [Fact]
    public void TheWatchersFingerprintChangesWithWhatTheLoaderReadsAndWithNothingElse()
    {
        var facts = Path.Combine(folder, "facts");
        var article = Path.Combine(folder, "articles", "ferry.md");
        var start = KnowledgeFiles.Fingerprint(folder);
        Assert.Equal(start, KnowledgeFiles.Fingerprint(folder));

        File.WriteAllText(Path.Combine(facts, ".economy.kb.swp"), "\0\0vim swap");
        File.WriteAllText(Path.Combine(facts, "economy.kb~"), "backup");
        Directory.CreateDirectory(Path.Combine(facts, "drafts"));
        File.WriteAllText(Path.Combine(facts, "drafts", "ferry.kb"), "[fact draft]");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not knowledge");
        Assert.Equal(start, KnowledgeFiles.Fingerprint(folder));

        File.AppendAllText(Path.Combine(facts, "economy.kb"), "\n");
        var edited = KnowledgeFiles.Fingerprint(folder);
        Assert.NotEqual(start, edited);

        Directory.CreateDirectory(Path.GetDirectoryName(article)!);
        File.WriteAllText(article, "---\ntitle: 渡轮\n---\n渡轮。\n");
        var added = KnowledgeFiles.Fingerprint(folder);
        File.Move(article, Path.Combine(folder, "articles", "ferries.md"));
        var renamed = KnowledgeFiles.Fingerprint(folder);
        File.Delete(Path.Combine(folder, "articles", "ferries.md"));
        Assert.Equal(edited, KnowledgeFiles.Fingerprint(folder));
        Assert.Equal(4, new HashSet<ulong> { start, edited, added, renamed }.Count);

        Directory.CreateDirectory(Path.Combine(folder, "drafts"));
        File.WriteAllText(Path.Combine(folder, "drafts", "ferry.txt"), "[fact linked-ferry]");
        File.CreateSymbolicLink(Path.Combine(facts, "ferry.kb"), Path.Combine("..", "drafts", "ferry.txt"));
        var linked = KnowledgeFiles.Fingerprint(folder);
        File.AppendAllText(Path.Combine(folder, "drafts", "ferry.txt"), "\nzh: 渡轮");
        var linkedEdited = KnowledgeFiles.Fingerprint(folder);
        File.CreateSymbolicLink(Path.Combine(facts, "gone.kb"), Path.Combine(facts, "deleted-meanwhile.kb"));
        var dangling = KnowledgeFiles.Fingerprint(folder);
        Assert.Equal(4, new HashSet<ulong> { edited, linked, linkedEdited, dangling }.Count);
    }
}
