using NanshanBot.Curation;
using NanshanBot.Curation.Import;
using NanshanBot.Retrieval;

namespace NanshanBot.Operations;

/// <summary>
/// <c>/import URL [--date YYYY-MM-DD] [--publisher NAME] [--lang zh|en] [--title TITLE]</c> for admins in a
/// private chat: the page becomes an article (<see cref="ArticleImporter"/>), the knowledge is reloaded at once,
/// and the reply gives the title, date, publisher and how many of its sentences are now searchable, or why not.
/// A chat never lifts the private-address rule (only <c>Import:AllowPrivateAddresses</c> does).
/// </summary>
public sealed class ImportCommand(ArticleImporter importer, KnowledgeReloader reloader, KnowledgeState knowledge)
{
    public async Task<string> RunAsync(string text, CancellationToken cancellationToken)
    {
        var args = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        if (args.Count == 0)
        {
            return "Send /import and the page's address: /import https://... (add --date YYYY-MM-DD or --publisher NAME where the page lacks them).";
        }

        ImportedArticle article;
        try
        {
            article = await importer.ImportAsync(ImportRequest.Parse(args, mayAllowPrivate: false), cancellationToken);
        }
        catch (CurationRefusedException e)
        {
            return "Not imported: " + e.Message;
        }

        var (ok, report) = await reloader.ReloadAsync(cancellationToken);
        var searchable = knowledge.Current.Knowledge.Passages.Count(p => p.SourceId == article.SourceId);
        return ok
            ? $"Imported: {article.Title}\n{article.Publisher}, {article.Date}\n{searchable} sentences are now searchable ({article.File})."
            : $"Imported as {article.File}, but the knowledge did not reload: {report}";
    }
}
