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
        var folder = path ?? new Answering.KnowledgeOptions().ResolvePath();
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
                output.WriteLine($"{services.Get<Answering.KnowledgeFactory>().Path}: {Describe(index.Knowledge)}, version {index.Knowledge.Version}");
                return 0;
            case "unanswered":
                Unanswered(services.Get<Operations.UnansweredReport>(), services.Get<TimeProvider>(), args, output);
                return 0;
            case "search" when args.Length > 1:
                Search(services.Get<Retriever>(), index, string.Join(' ', args.Skip(1)), services.Get<TimeProvider>().GetLocalNow().Year, output);
                return 0;
            default:
                Console.Error.WriteLine("kb needs: validate [PATH] | search \"query\" | stats | unanswered [--days N]");
                return 64;
        }
    }

    private static void Search(Retriever retriever, KnowledgeIndex index, string query, int year, TextWriter output)
    {
        var parsed = index.Parse(query, year);
        var result = retriever.Search(index, parsed, null);
        foreach (var correction in parsed.Corrections)
        {
            output.WriteLine($"read as: {correction}");
        }

        output.WriteLine($"tokens: {string.Join(" ", result.Tokens.Select(t => Describe(t, parsed)))}");
        output.WriteLine($"verdict: {result.Verdict}{(result.UnknownWords.Count > 0 ? " (unknown: " + string.Join(", ", result.UnknownWords) + ")" : "")}"
            + (result.ExpectedKinds.Count > 0 ? $"; asks for: {string.Join("|", result.ExpectedKinds)}" : "")
            + (result.RelaxedYear ? "; the year said relatively was given up" : ""));
        foreach (var c in result.Ranked.Take(12))
        {
            var chosen = result.Answers.Contains(c) ? "*" : " ";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{chosen}{c.Rank,6:0.00}  score {c.Score:0.00}  coverage {c.Coverage:0.00}  {c.Document.Source.Date}  {c.Document.Id}: {Shorten(c.Document.Text(result.Language))}"));
            output.WriteLine($"         matched {string.Join(" ", c.Hits)}; gives {Kinds(c.Document)}"
                + (c.Document.Listed.Count > 0 ? $"; only lists {string.Join(" ", c.Document.Listed.Take(12))}" : ""));
            if (c.Document.Passage is { } passage)
            {
                output.WriteLine($"         sentence {passage.Paragraph + 1}.{passage.Sentence + 1} of \"{passage.Article.Title}\"; from its paragraph and headline: {string.Join(" ", c.Document.ContextKeys)}");
            }
        }
    }

    private static string Describe(Retrieval.Text.Token t, Query parsed) =>
        t.IsStop ? $"({t.Text})" : t.IsPiece ? $"~{t.Text}" : string.Create(CultureInfo.InvariantCulture, $"{t.Text}:{parsed.Weight(t.Text):0.00}");

    private static string Kinds(IndexedDocument document) => string.Join(", ", document.ValueKinds.Order().Select(k => k switch
    {
        'n' => "number", 'p' => "percent", 'o' => "ordinal", 'y' => "year", 'd' => "date", 'l' => "place", 'h' => "person",
        'g' => "organisation", 'e' => "list", 'u' => "length of time", 'a' => "premises", _ => k.ToString(),
    }));

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
