using System.CommandLine;
using System.Globalization;
using NanshanBot.Answering;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;

namespace NanshanBot.Commands;

/// <summary>Tools for admins: validate a knowledge folder, see why a question finds what it finds, count, import an
/// article and draft its facts (<see cref="CurationCommands"/>).</summary>
public static class KbCommands
{
    /// <summary><c>kb</c> and its subcommands; a new one is one more <see cref="Command"/> here.</summary>
    public static Command Create(string[] settings)
    {
        var kb = new Command("kb", "Tools for admins: check a knowledge folder, see why a question finds what it finds, count, "
            + "list what was declined.");
        var path = new Argument<string?>("path") { Description = "The knowledge folder (default: Knowledge:Path, else the bundled knowledge/).", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "Check a knowledge folder; print every problem as file:line: problem, exit 1 if there is any.") { path };
        validate.SetAction(result => Validate(result.GetValue(path) ?? Configured(settings)));
        var query = new Argument<string[]>("query") { Description = "A question, as a user would ask it.", Arity = ArgumentArity.OneOrMore };
        var search = new Command("search", "How a question is read and the ranked facts and sentences it finds, with scores, and why.") { query };
        CommandLine.RefuseUnknownOptions(query, search);
        search.SetAction((result, _) => Run(settings, services => Search(services, string.Join(' ', result.GetValue(query) ?? []), Console.Out)));
        var stats = new Command("stats", "Counts of sources, facts, passages, terms, names and stop words, and the knowledge version.");
        stats.SetAction((_, _) => Run(settings, services => Stats(services, Console.Out)));
        var days = new Option<int>("--days") { Description = "How many days back (default 30).", DefaultValueFactory = _ => 30 };
        var unanswered = new Command("unanswered", "The declined questions (service and chat), grouped by wording, with counts.") { days };
        unanswered.SetAction((result, _) => Run(settings, services => Unanswered(services, result.GetValue(days), Console.Out)));
        kb.Subcommands.Add(validate);
        kb.Subcommands.Add(search);
        kb.Subcommands.Add(stats);
        kb.Subcommands.Add(unanswered);
        kb.Subcommands.Add(Import(settings));
        kb.Subcommands.Add(Draft(settings));
        return kb;
    }

    private static Command Import(string[] settings)
    {
        var target = new Argument<string>("source") { Description = "A web page (http or https) or a saved .html, .md or .txt file." };
        var publisher = new Option<string?>("--publisher") { Description = "Who published it (needed for a .txt file)." };
        var date = new Option<string?>("--date") { Description = "When it was published, YYYY-MM-DD (needed for a .txt file)." };
        var lang = new Option<string?>("--lang") { Description = "zh or en (default: detected)." };
        var title = new Option<string?>("--title") { Description = "Its title, when the page does not say." };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Fetch from loopback or a private network (a test server)." };
        var import = new Command("import", "Save a web page or file as articles/<date>-<slug>.md, searchable at once.")
        {
            target, publisher, date, lang, title, allowPrivate,
        };
        import.SetAction((result, _) => CommandHost.RunAsync(settings, services =>
        {
            var args = new List<string> { result.GetValue(target)! };
            foreach (var (option, value) in new[] { ("--publisher", result.GetValue(publisher)), ("--date", result.GetValue(date)),
                         ("--lang", result.GetValue(lang)), ("--title", result.GetValue(title)) })
            {
                if (value is not null)
                {
                    args.AddRange([option, value]);
                }
            }

            if (result.GetValue(allowPrivate))
            {
                args.Add("--allow-private");
            }

            return CurationCommands.ImportAsync(services, [.. args], Console.Out);
        }));
        return import;
    }

    private static Command Draft(string[] settings)
    {
        var articles = new Argument<string[]>("article") { Description = "Article files (articles/2026-01-27-x.md).", Arity = ArgumentArity.OneOrMore };
        var draft = new Command("draft", "Draft an article's facts into facts/drafts/<article>.kb for review.") { articles };
        draft.SetAction((result, _) => CommandHost.RunAsync(settings, services =>
            CurationCommands.DraftAsync(services, result.GetValue(articles) ?? [], Console.Out)));
        return draft;
    }

    public static int Validate(string folder)
    {
        var (knowledge, errors) = KnowledgeLoader.TryLoad(folder);
        if (knowledge is null)
        {
            Console.Error.WriteLine(new KnowledgeValidationException(errors).Message);
        }
        else
        {
            Console.Out.WriteLine($"{folder}: valid ({Describe(knowledge)})");
        }

        Drafts(folder);
        return knowledge is null ? 1 : 0;
    }

    /// <summary>Drafts in facts/drafts/, which are not served until an admin moves their facts out.</summary>
    private static void Drafts(string folder)
    {
        foreach (var draft in KnowledgeFiles.Drafts(folder))
        {
            var lines = File.ReadAllLines(Path.Combine(folder, draft));
            Console.Out.WriteLine($"waiting for review: {draft} ({lines.Count(l => l.StartsWith("[fact ", StringComparison.Ordinal))} facts, "
                + $"{lines.Count(l => l.Contains(": " + KnowledgeFiles.TodoMarker, StringComparison.Ordinal))} TODO)");
        }
    }

    /// <summary>The folder <c>Knowledge:Path</c> names (environment or command line), else the bundled one.</summary>
    private static string Configured(string[] settings) =>
        new KnowledgeOptions { Path = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(settings).Build()["Knowledge:Path"] }.ResolvePath();

    private static Task<int> Run(string[] settings, Action<IServiceProvider> command) =>
        CommandHost.RunAsync(settings, services =>
        {
            command(services);
            return Task.FromResult(0);
        });

    private static void Stats(IServiceProvider services, TextWriter output)
    {
        var index = services.Get<KnowledgeState>().Current;
        output.WriteLine($"{services.Get<KnowledgeFactory>().Path}: {Describe(index.Knowledge)}, version {index.Knowledge.Version}");
    }

    private static void Search(IServiceProvider services, string query, TextWriter output) =>
        Search(services.Get<Retriever>(), services.Get<KnowledgeState>().Current, query, services.Get<TimeProvider>().GetLocalNow().Year, output);

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
                + (c.Document.Listed.Any() ? $"; only lists {string.Join(" ", c.Document.Listed.Take(12))}" : ""));
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

    private static void Unanswered(IServiceProvider services, int days, TextWriter output)
    {
        var (report, time) = (services.Get<Operations.UnansweredReport>(), services.Get<TimeProvider>());
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
