using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NanshanBot.Knowledge.Loading;

namespace NanshanBot.Curation.Import;

/// <summary>An article as imported: its file, the source id the loader gives it, and what an admin is told.</summary>
public sealed record ImportedArticle(string File, string SourceId, string Title, string Publisher, string Date, string Language, int Sentences);

/// <summary>
/// <c>kb import</c> and <c>/import</c>: a web page (fetched by <see cref="PageFetcher"/>) or a local .html, .md or
/// .txt file becomes <c>articles/&lt;date&gt;-&lt;slug&gt;.md</c>, unless the folder already has the same address or
/// text. The result is loaded with the whole folder before it is kept: an article the loader would refuse is
/// deleted again, so a running service never sees it.
/// </summary>
public sealed class ArticleImporter(PageFetcher fetcher, KnowledgeFolder folder, IOptions<ImportOptions> options, ILogger<ArticleImporter> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <exception cref="CurationRefusedException">Why the article was not imported.</exception>
    public async Task<ImportedArticle> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var (extracted, urls) = await ReadAsync(request, cancellationToken);
            var article = ArticleCompletion.Complete(extracted, request);
            await gate.WaitAsync(cancellationToken);
            try
            {
                var imported = Keep(article, urls);
                Log.Imported(logger, request.Target, imported.File, imported.Sentences);
                return imported;
            }
            finally
            {
                gate.Release();
            }
        }
        catch (CurationRefusedException e)
        {
            Log.ImportRefused(logger, request.Target, e.Message);
            throw;
        }
    }

    private ImportedArticle Keep(ArticleText article, IReadOnlyList<string?> urls)
    {
        var library = new ArticleLibrary(folder.Path);
        if (library.FindDuplicate(urls.Append(article.Url), ArticleLibrary.Fingerprint(article.Paragraphs)) is { } duplicate)
        {
            throw new CurationRefusedException($"{duplicate.File} already holds this article ({duplicate.Reason})");
        }

        var file = library.Write(article.Stem(), article.Markdown());
        var (knowledge, errors) = KnowledgeLoader.TryLoad(folder.Path);
        if (knowledge is null)
        {
            File.Delete(Path.Combine(folder.Path, file));
            throw new CurationRefusedException("with it the knowledge folder would not load, so it was not kept:\n"
                + string.Join("\n", errors.Take(5).Select(e => e.ToString())));
        }

        var id = "article-" + Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
        return new ImportedArticle(file, id, article.Title, article.Publisher, article.Date, article.Language,
            knowledge.Passages.Count(p => p.SourceId == id));
    }

    private async Task<(ExtractedArticle Article, IReadOnlyList<string?> Urls)> ReadAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var target = request.Target.Trim();
        if (!target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return (await ReadFileAsync(target, request, cancellationToken), []);
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var url))
        {
            throw new CurationRefusedException($"'{target}' is not a web address");
        }

        var page = await fetcher.FetchAsync(url, request.AllowPrivate, cancellationToken);
        var article = page.IsHtml
            ? HtmlArticleExtractor.Extract(page.Body, page.Charset, page.Url)
            : TextArticleReader.Read(Decode(page.Body, page.Charset), markdown: page.MediaType == "text/markdown") with { Url = page.Url.ToString() };
        return (article, [url.ToString(), page.Url.ToString()]);
    }

    private async Task<ExtractedArticle> ReadFileAsync(string path, ImportRequest request, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CurationRefusedException($"there is no file '{path}'");
        }

        if (info.Length > options.Value.MaxBytes)
        {
            throw new CurationRefusedException($"'{path}' is larger than {options.Value.MaxBytes / 1024} KB (Import:MaxBytes)");
        }

        var extension = info.Extension.ToLowerInvariant();
        if (extension == ".txt" && (request.Date is null || request.Publisher is null))
        {
            throw new CurationRefusedException("a .txt file says nothing about itself: give --date YYYY-MM-DD and --publisher NAME");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return extension switch
        {
            ".html" or ".htm" => HtmlArticleExtractor.Extract(bytes, null, null),
            ".md" or ".markdown" => TextArticleReader.Read(Decode(bytes, null), markdown: true),
            ".txt" => TextArticleReader.Read(Decode(bytes, null), markdown: false),
            _ => throw new CurationRefusedException($"'{path}' is not an .html, .md or .txt file"),
        };
    }

    private static string Decode(byte[] bytes, string? charset)
    {
        try
        {
            return (charset is null ? Encoding.UTF8 : Encoding.GetEncoding(charset)).GetString(bytes).TrimStart('\ufeff');
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8.GetString(bytes).TrimStart('\ufeff');
        }
    }
}

/// <summary>The knowledge folder that import and draft write into (<c>Knowledge:Path</c>).</summary>
public sealed record KnowledgeFolder(string Path);
