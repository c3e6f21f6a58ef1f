using NanshanBot.Curation;
using NanshanBot.Curation.Drafting;
using NanshanBot.Curation.Import;

namespace NanshanBot.Commands;

/// <summary><c>kb import</c> and <c>kb draft</c>: grow the knowledge folder (<c>Knowledge:Path</c>) from a web page
/// or file, and draft its facts for review. A refusal is printed on stderr with exit code 1.</summary>
public static class CurationCommands
{
    public static async Task<int> ImportAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        try
        {
            var request = ImportRequest.Parse(args, mayAllowPrivate: true);
            var article = await services.Get<ArticleImporter>().ImportAsync(request, CancellationToken.None);
            output.WriteLine($"{article.File}: \"{article.Title}\" ({article.Publisher}, {article.Date}, {article.Language}), "
                + $"{article.Sentences} sentences searchable");
            output.WriteLine($"next: kb draft {article.File}");
            return 0;
        }
        catch (CurationRefusedException e)
        {
            Console.Error.WriteLine($"not imported: {e.Message}");
            return 1;
        }
    }

    public static async Task<int> DraftAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("kb draft needs: ARTICLE... (a file in the article format, e.g. articles/2026-01-27-x.md)");
            return 64;
        }

        var code = 0;
        foreach (var article in args)
        {
            try
            {
                Print(await services.Get<FactDrafter>().DraftAsync(article, CancellationToken.None), output);
            }
            catch (CurationRefusedException e)
            {
                Console.Error.WriteLine($"{article}: not drafted: {e.Message}");
                code = 1;
            }
        }

        return code;
    }

    private static void Print(DraftResult draft, TextWriter output)
    {
        output.WriteLine($"{draft.File}: {draft.Facts} facts drafted from \"{draft.Title}\", {draft.Todos} fields say TODO; "
            + $"source {draft.SourceId}{(draft.SourceAdded ? " (added to sources.kb)" : "")}");
        if (draft.ModelProblem is not null)
        {
            output.WriteLine($"the model could not help: {draft.ModelProblem}");
        }

        if (draft.LeftOut.Count > 0)
        {
            output.WriteLine($"left out, failing the grounding check ({draft.LeftOut.Count}):");
            foreach (var line in draft.LeftOut)
            {
                output.WriteLine("  " + line);
            }
        }
    }
}
