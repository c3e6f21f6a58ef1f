using System.Globalization;
using Microsoft.Extensions.Logging;
using NanshanBot.Curation.Import;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;

namespace NanshanBot.Curation.Drafting;

/// <summary>What <c>kb draft</c> did: the draft file, its source (and whether it was added to sources.kb), how many
/// facts and TODOs it has, the model's lines left out, and why the model could not help, if it could not.</summary>
public sealed record DraftResult(string File, string Title, string SourceId, bool SourceAdded, int Facts, int Todos,
    IReadOnlyList<string> LeftOut, bool ModelUsed, string? ModelProblem);

/// <summary>
/// <c>kb draft ARTICLE</c>: the article's statements worth asking about (<see cref="StatementFinder"/>) become
/// <c>[fact]</c>s in <c>facts/drafts/&lt;article&gt;.kb</c>, read by the served knowledge's analyser. With a model,
/// it writes the other language, the questions and keywords in batches (<see cref="DraftModel"/>), each line
/// checked against its sentence (<see cref="DraftAssembler"/>); a model that fails leaves an offline draft.
/// </summary>
public sealed class FactDrafter(KnowledgeFolder folder, KnowledgeState state, DraftModel? model, TimeProvider time, ILogger<FactDrafter> logger)
{
    /// <exception cref="CurationRefusedException">The article cannot be read, is drafted already, or has nothing to ask about.</exception>
    public async Task<DraftResult> DraftAsync(string articlePath, CancellationToken cancellationToken)
    {
        var path = Resolve(articlePath);
        var stem = Path.GetFileNameWithoutExtension(path);
        var (source, article) = Read(path);
        var relative = $"{KnowledgeFiles.DraftsFolder}/{stem}.kb";
        var target = Path.Combine(folder.Path, relative);
        if (File.Exists(target))
        {
            throw new CurationRefusedException($"{relative} exists already: review it, or delete it to draft again");
        }

        var index = state.Current;
        var statements = StatementFinder.Find(article, source.Date, index);
        if (statements.Count == 0)
        {
            throw new CurationRefusedException("no sentence of the article states a figure, date, name, ranking or event");
        }

        var (lines, problem) = await WriteWithModelAsync(article, statements, path, cancellationToken);
        var (sourceId, added) = SourceCatalog.FindOrAdd(folder.Path, index.Knowledge, source, stem);
        var facts = Facts(statements, sourceId, source with { Id = sourceId }, article.Language, lines, index);
        var note = model is null ? "No model configured (Llm:*): the other language is left to you."
            : problem is null ? "The model wrote the other language, questions and keywords; each line kept appears in its sentence's terms."
            : $"The model could not help ({problem}): the other language is left to you.";
        var header = new DraftHeader(articlePath, source.Title, source.Publisher, source.Date,
            time.GetLocalNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target, DraftFile.Render(header, facts), cancellationToken);
        Log.Drafted(logger, articlePath, relative, facts.Count);
        return new DraftResult(relative, source.Title, sourceId, added, facts.Count, facts.Sum(f => f.Todos),
            facts.SelectMany(f => f.LeftOut.Select(l => $"{f.Id} {l}")).ToList(), model is not null && problem is null, problem);
    }

    private static List<DraftFact> Facts(List<Statement> statements, string sourceId, Source source, Language language,
        Dictionary<Statement, ModelLines> lines, KnowledgeIndex index)
    {
        var taken = index.Knowledge.Facts.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        return statements.Select(s =>
        {
            var id = $"{sourceId}-{s.Paragraph}-{s.Sentence}";
            while (!taken.Add(id))
            {
                id += "-draft";
            }

            return DraftAssembler.Build(id, s, source, language, lines.GetValueOrDefault(s), index);
        }).ToList();
    }

    private async Task<(Dictionary<Statement, ModelLines> Lines, string? Problem)> WriteWithModelAsync(
        Article article, List<Statement> statements, string path, CancellationToken cancellationToken)
    {
        var lines = new Dictionary<Statement, ModelLines>();
        if (model is null)
        {
            return (lines, null);
        }

        try
        {
            foreach (var batch in statements.Chunk(DraftModel.BatchSize))
            {
                var written = await model.WriteAsync(article, batch, cancellationToken);
                for (var i = 0; i < batch.Length; i++)
                {
                    if (written.TryGetValue(i + 1, out var line))
                    {
                        lines[batch[i]] = line;
                    }
                }
            }

            return (lines, null);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or OperationCanceledException
            or Microsoft.SemanticKernel.KernelException && !cancellationToken.IsCancellationRequested)
        {
            Log.ModelFailed(logger, path, e);
            return (lines, e.Message);
        }
    }

    private string Resolve(string articlePath)
    {
        foreach (var candidate in new[] { articlePath, Path.Combine(folder.Path, articlePath), Path.Combine(folder.Path, "articles", articlePath) })
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new CurationRefusedException($"there is no article '{articlePath}' (here or in {folder.Path}/articles)");
    }

    private static (Source Source, Article Article) Read(string path)
    {
        var errors = new List<KnowledgeError>();
        var (source, passages) = ArticleReader.Read(Path.GetFileName(path), File.ReadAllText(path), errors);
        var article = passages.FirstOrDefault()?.Article;
        if (errors.Count > 0 || source is null || article is null)
        {
            throw new CurationRefusedException("the article is not in the article format (knowledge/README.md): "
                + string.Join("; ", errors.Select(e => e.ToString())));
        }

        return (source, article);
    }
}
