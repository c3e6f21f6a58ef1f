using NanshanBot.Knowledge.Loading;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Knowledge;

public sealed class KnowledgeLoaderTests : IDisposable
{
    private readonly string folder = Repository.CopyKnowledge();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void BundledKnowledgeLoadsWithFactsInBothLanguages()
    {
        var kb = KnowledgeLoader.Load(Repository.Knowledge);

        Assert.True(kb.Facts.Count >= 40);
        Assert.All(kb.Facts, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Zh));
            Assert.False(string.IsNullOrWhiteSpace(f.En));
            Assert.Contains(f.SourceId, kb.Sources.Keys);
        });
    }

    [Fact]
    public void BrokenLineIsReportedWithFileAndLine()
    {
        File.AppendAllText(Path.Combine(folder, "facts", "economy.kb"), "\n[fact broken-one]\nthis line has no colon\n");
        var lineOfProblem = File.ReadAllLines(Path.Combine(folder, "facts", "economy.kb")).Length;

        var (kb, errors) = KnowledgeLoader.TryLoad(folder);

        Assert.Null(kb);
        Assert.Contains(errors, e => e.File == "facts/economy.kb" && e.Line == lineOfProblem && e.Problem.Contains("key: value"));
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        File.WriteAllText(Path.Combine(folder, "facts", "bad.kb"), """
            [fact gdp-2025]
            source: szmeng-2026-01-28
            zh: 重复的编号
            en: A duplicate id

            [fact orphan]
            source: no-such-source
            zh: 来源不存在
            en: Unknown source

            [fact half]
            source: szmeng-2026-01-28
            zh: 只有中文
            about: no-such-term
            """);

        var (_, errors) = KnowledgeLoader.TryLoad(folder);

        Assert.Contains(errors, e => e.Problem.Contains("duplicate id: [fact gdp-2025]")
            && $"{e.File} {e.Problem}".Contains("facts/bad.kb:1") == (e.File != "facts/bad.kb"));
        Assert.Contains(errors, e => e.Line == 7 && e.Problem.Contains("unknown source 'no-such-source'"));
        Assert.Contains(errors, e => e.Line == 11 && e.Problem.Contains("missing its English text"));
        Assert.Contains(errors, e => e.Line == 14 && e.Problem.Contains("unknown term 'no-such-term'"));
    }

    [Fact]
    public void MisspelledFieldAndBadDateAreErrors()
    {
        File.WriteAllText(Path.Combine(folder, "facts", "typo.kb"), """
            [fact typo]
            surce: szmeng-2026-01-28
            source: szmeng-2026-01-28
            date: 28/01/2026
            zh: 文字
            en: Text
            """);

        var (_, errors) = KnowledgeLoader.TryLoad(folder);

        Assert.Contains(errors, e => e.Line == 2 && e.Problem.Contains("unknown field 'surce'"));
        Assert.Contains(errors, e => e.Line == 4 && e.Problem.Contains("is not YYYY"));
    }

    [Fact]
    public void NameSharedByTwoTermsIsAnError()
    {
        File.AppendAllText(Path.Combine(folder, "terms.kb"), "\n[term other-gdp]\nnames: 经济总量\n");

        var (_, errors) = KnowledgeLoader.TryLoad(folder);

        Assert.Contains(errors, e => e.File == "terms.kb" && e.Problem.Contains("'经济总量' belongs to both"));
    }

    [Fact]
    public void ValidationExceptionListsEveryProblem()
    {
        File.WriteAllText(Path.Combine(folder, "x.kb"), "[fact a]\nzh: 一\n[fact b]\nen: two\n");

        var error = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(folder));

        Assert.Contains("x.kb:1:", error.Message);
        Assert.Contains("x.kb:3:", error.Message);
        Assert.Equal(error.Errors.Count, error.Message.Split('\n').Length - 1);
    }

    [Fact]
    public void DroppedInArticleBecomesOnePassagePerSentenceWithItsSource()
    {
        Directory.CreateDirectory(Path.Combine(folder, "articles"));
        File.WriteAllText(Path.Combine(folder, "articles", "harbour.md"), """
            ---
            title: Shekou harbour notes
            publisher: Test Gazette
            date: 2026-02-03
            url: https://example.invalid/shekou
            ---
            # Shekou

            The Shekou ferry terminal added a route to Zhuhai this spring. Ferries leave every hour.

            A second paragraph about the pier.
            """);

        var kb = KnowledgeLoader.Load(folder);

        var passages = kb.Passages.Where(p => p.SourceId == "article-harbour").ToList();
        Assert.Equal(
            ["The Shekou ferry terminal added a route to Zhuhai this spring.", "Ferries leave every hour.", "A second paragraph about the pier."],
            passages.Select(p => p.Text));
        Assert.Equal([(0, 0), (0, 1), (1, 0)], passages.Select(p => (p.Paragraph, p.Sentence)));
        Assert.Equal("Test Gazette", kb.Sources["article-harbour"].Publisher);
    }

    [Fact]
    public void ArticleWithoutFrontMatterIsAnError()
    {
        Directory.CreateDirectory(Path.Combine(folder, "articles"));
        File.WriteAllText(Path.Combine(folder, "articles", "plain.md"), "Just text.\n");

        var (_, errors) = KnowledgeLoader.TryLoad(folder);

        Assert.Contains(errors, e => e.File == "articles/plain.md" && e.Line == 1 && e.Problem.Contains("front matter"));
    }

    [Fact]
    public void ASourceUrlThatIsNotHttpIsAProblemAtItsLine()
    {
        File.AppendAllText(Path.Combine(folder, "sources.kb"), "\n[source evil-link]\ntitle: 链接\npublisher: 某报\ndate: 2026-01-01\nurl: javascript:alert(document.cookie)\n");
        var urlLine = File.ReadAllLines(Path.Combine(folder, "sources.kb")).Length;
        Directory.CreateDirectory(Path.Combine(folder, "articles"));
        File.WriteAllText(Path.Combine(folder, "articles", "data.md"), "---\ntitle: T\npublisher: P\ndate: 2026-02-03\nurl: data:text/html,<script>alert(1)</script>\n---\nSome text about the pier.\n");

        var (kb, errors) = KnowledgeLoader.TryLoad(folder);

        Assert.Null(kb);
        Assert.Contains(errors, e => e.File == "sources.kb" && e.Line == urlLine && e.Problem.Contains("must be an absolute http:// or https:// address"));
        Assert.Contains(errors, e => e.File == "articles/data.md" && e.Line == 5 && e.Problem.Contains("url 'data:text/html"));
    }

    [Fact]
    public void AnHttpsSourceUrlIsKept()
    {
        File.AppendAllText(Path.Combine(folder, "sources.kb"), "\n[source linked]\ntitle: 链接\npublisher: 某报\ndate: 2026-01-01\nurl: https://example.org/a?b=1\n");

        Assert.Equal("https://example.org/a?b=1", KnowledgeLoader.Load(folder).Sources["linked"].Url);
    }

    [Fact]
    public void SameFilesGiveSameVersionAndAnEditChangesIt()
    {
        var before = KnowledgeLoader.Load(folder).Version;
        Assert.Equal(before, KnowledgeLoader.Load(folder).Version);

        File.AppendAllText(Path.Combine(folder, "terms.kb"), "\n# a comment\n");

        Assert.NotEqual(before, KnowledgeLoader.Load(folder).Version);
    }
}
