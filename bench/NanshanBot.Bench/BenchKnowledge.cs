namespace NanshanBot.Bench;

/// <summary>
/// The knowledge folders the bench answers from: the bundled one, and temporary copies of it with articles
/// added. The drop articles are read from ../shared/eval beside the repository, never copied into it.
/// </summary>
public static class BenchKnowledge
{
    public static string Bundled => Path.Combine(Repo.Root, "knowledge");

    public static string DropQuestions => Repo.Shared("eval", "drop-dev.jsonl");

    private static string DropArticles => Repo.Shared("eval", "drop-articles");

    /// <summary>A temporary copy of the bundled knowledge with the four drop articles in its articles/ folder;
    /// the caller deletes it.</summary>
    public static string WithDropArticles()
    {
        var folder = CopyOfBundled();
        foreach (var article in Directory.EnumerateFiles(DropArticles, "*.md"))
        {
            File.Copy(article, Path.Combine(folder, "articles", Path.GetFileName(article)));
        }

        return folder;
    }

    /// <summary>A temporary copy of the bundled knowledge with <paramref name="count"/> generated articles about
    /// other places (and the four drop articles when asked) in its articles/ folder; the caller deletes it.</summary>
    public static string WithGeneratedArticles(int count, bool withDropArticles)
    {
        var folder = withDropArticles ? WithDropArticles() : CopyOfBundled();
        Generated.GeneratedArticles.WriteInto(Path.Combine(folder, "articles"), count);
        return folder;
    }

    /// <summary>A temporary copy of the bundled knowledge with an articles/ folder (empty unless the bundled
    /// knowledge has one); the caller deletes it.</summary>
    public static string CopyOfBundled()
    {
        var folder = Directory.CreateTempSubdirectory("nanshanbot-knowledge-").FullName;
        foreach (var file in Directory.EnumerateFiles(Bundled, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Bundled, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Directory.CreateDirectory(Path.Combine(folder, "articles"));
        return folder;
    }
}
