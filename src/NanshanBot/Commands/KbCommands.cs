using System.Globalization;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;

namespace NanshanBot.Commands;

/// <summary>Tools for admins: validate a knowledge folder, see why a question finds what it finds, count.</summary>
public static class KbCommands
{
    public static int Validate(string? path)
    {
        var folder = path ?? new Hosting.KnowledgeOptions().ResolvePath();
        var (knowledge, errors) = KnowledgeLoader.TryLoad(folder);
        if (knowledge is null)
        {
            Console.Error.WriteLine(new KnowledgeValidationException(errors).Message);
            return 1;
        }

        Console.Out.WriteLine($"{folder}: valid ({Describe(knowledge)})");
        return 0;
    }

    public static int Run(IServiceProvider services, string[] args, TextWriter output)
    {
        var index = services.Get<KnowledgeState>().Current;
        switch (args.FirstOrDefault())
        {
            case "stats":
                output.WriteLine($"{services.Get<Hosting.KnowledgeSource>().Path}: {Describe(index.Knowledge)}, version {index.Knowledge.Version}");
                return 0;
            case "unanswered":
                Unanswered(services.Get<Operations.UnansweredReport>(), services.Get<TimeProvider>(), args, output);
                return 0;
            case "search" when args.Length > 1:
                Search(services.Get<Retriever>(), index, string.Join(' ', args.Skip(1)), output);
                return 0;
            default:
                Console.Error.WriteLine("kb needs: validate [PATH] | search \"query\" | stats | unanswered [--days N]");
                return 64;
        }
    }

    private static void Search(Retriever retriever, KnowledgeIndex index, string query, TextWriter output)
    {
        var result = retriever.Search(index, query);
        output.WriteLine($"tokens: {string.Join(" ", result.Tokens.Select(t => t.IsStop ? $"({t.Text})" : t.IsPiece ? $"~{t.Text}" : t.Text))}");
        output.WriteLine($"verdict: {result.Verdict}{(result.UnknownWords.Count > 0 ? " (unknown: " + string.Join(", ", result.UnknownWords) + ")" : "")}");
        foreach (var c in result.Ranked.Take(12))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Rank,7:0.00}  score {c.Score:0.00}  coverage {c.Coverage:0.00}  {c.Document.Id}: {Shorten(c.Document.Text(result.Language))}"));
        }
    }

    private static void Unanswered(Operations.UnansweredReport report, TimeProvider time, string[] args, TextWriter output)
    {
        var i = Array.IndexOf(args, "--days");
        var days = i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var d) ? d : 30;
        var groups = report.Top(time.GetUtcNow().AddDays(-days), 50);
        output.WriteLine(groups.Count == 0 ? $"No declined questions in the last {days} days." : $"Declined questions in the last {days} days, grouped by wording:");
        foreach (var g in groups)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{g.Count,5}  {g.Example}  (last {g.LastAsked:yyyy-MM-dd HH:mm}){(g.Variants.Count > 1 ? "; also: " + string.Join(" | ", g.Variants.Where(v => v != g.Example).Take(3)) : "")}"));
        }
    }

    private static string Describe(Knowledge.Model.KnowledgeBase kb) =>
        $"{kb.Sources.Count} sources, {kb.Facts.Count} facts, {kb.Passages.Count} passages, {kb.Terms.Count} terms, "
        + $"{kb.Terms.Values.Sum(t => t.Names.Count)} names, {kb.Lexicon.StopWords.Count} stop words";

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..70] + "…";
}
