using System.Text.RegularExpressions;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Knowledge.Loading;

/// <summary>Turns parsed blocks into sources, terms, facts and the bot's texts, reporting every problem.</summary>
internal sealed partial class BlockReader(List<KnowledgeError> errors)
{
    private static readonly string[] SourceFields = ["title", "title_en", "publisher", "publisher_en", "date", "url"];
    private static readonly string[] TermFields = ["names", "kind", "default"];
    private static readonly string[] FactFields = ["source", "date", "about", "zh", "en", "keywords", "ask_zh", "ask_en"];
    private static readonly string[] BotFields =
        ["intro_zh", "intro_en", "decline_zh", "decline_en", "examples_zh", "examples_en", "greetings", .. NoticeFields.All(), .. CommandDescription.AllFields()];

    public Source? ReadSource(Block b)
    {
        CheckFields(b, SourceFields);
        var title = Required(b, "title");
        var publisher = Required(b, "publisher");
        var date = Required(b, "date");
        if (date is not null && !IsDate(date))
        {
            Error(b, "date", $"date '{date}' is not YYYY, YYYY-MM or YYYY-MM-DD");
        }

        var url = Optional(b, "url");
        if (url is not null && !SourceUrl.IsAcceptable(url))
        {
            Error(b, "url", SourceUrl.Problem(url));
        }

        if (title is null || publisher is null || date is null)
        {
            return null;
        }

        return new Source(b.Id, title, Optional(b, "title_en"), publisher,
            Optional(b, "publisher_en") ?? publisher, date, url);
    }

    public Term? ReadTerm(Block b)
    {
        CheckFields(b, TermFields);
        var names = List(b, "names");
        if (names.Count == 0)
        {
            errors.Add(new(b.File, b.Line, $"term '{b.Id}' needs 'names:' with at least one name"));
            return null;
        }

        var kindText = Optional(b, "kind") ?? "concept";
        if (!TryKind(kindText, out var kind))
        {
            Error(b, "kind", $"kind '{kindText}' is not one of concept, place, person, organisation, event, question");
        }

        var roleText = (Optional(b, "default") ?? "no").ToLowerInvariant();
        var role = roleText switch
        {
            "yes" or "subject" => DefaultRole.Subject,
            "parent" => DefaultRole.Parent,
            "part" => DefaultRole.Part,
            _ => DefaultRole.None,
        };
        if (roleText is not ("yes" or "subject" or "parent" or "part" or "no"))
        {
            Error(b, "default", $"default '{roleText}' is not one of yes, parent, part, no");
        }

        return new Term(b.Id, kind, role, names);
    }

    public Fact? ReadFact(Block b)
    {
        CheckFields(b, FactFields);
        var source = Required(b, "source");
        var zh = Optional(b, "zh");
        var en = Optional(b, "en");
        if (zh is null)
        {
            errors.Add(new(b.File, b.Line, $"fact '{b.Id}' is missing its Chinese text (zh:)"));
        }

        if (en is null)
        {
            errors.Add(new(b.File, b.Line, $"fact '{b.Id}' is missing its English text (en:)"));
        }

        var date = Optional(b, "date");
        if (date is not null && !IsDate(date))
        {
            Error(b, "date", $"date '{date}' is not YYYY, YYYY-MM or YYYY-MM-DD");
        }

        // A fact missing a language is kept (and its references checked) so that every problem is reported;
        // the knowledge base is not built while any error stands.
        return source is null ? null : new Fact(b.Id, source, date, List(b, "about"), zh ?? "", en ?? "", List(b, "keywords"),
            Optional(b, "ask_zh"), Optional(b, "ask_en"));
    }

    public BotTexts? ReadBot(Block b)
    {
        CheckFields(b, BotFields);
        var texts = new[] { "intro_zh", "intro_en", "decline_zh", "decline_en" }.Select(k => Required(b, k)).ToArray();
        if (texts.Any(t => t is null))
        {
            return null;
        }

        var notices = new Dictionary<Notice, (string, string)>();
        foreach (var notice in Enum.GetValues<Notice>())
        {
            var key = NoticeFields.Key(notice);
            if (Required(b, key + "_zh") is { } zh && Required(b, key + "_en") is { } en)
            {
                notices[notice] = (zh, en);
            }
        }

        CheckHeard(b);
        var commands = Commands(b);
        return notices.Count < Enum.GetValues<Notice>().Length || commands is null ? null : new BotTexts(texts[0]!, texts[1]!, texts[2]!, texts[3]!,
            List(b, "examples_zh", '|'), List(b, "examples_en", '|'), List(b, "greetings", '|')) { Notices = notices, Commands = commands };
    }

    public void Unknown(Block b) =>
        errors.Add(new(b.File, b.Line, $"unknown section type '{b.Type}' (expected source, term, fact, bot or menu)"));

    /// <param name="allowed">The fields the section may have; null: any key (the menu's).</param>
    private void CheckFields(Block b, string[]? allowed)
    {
        foreach (var (key, field) in b.Fields)
        {
            if (allowed is not null && !allowed.Contains(key))
            {
                errors.Add(new(b.File, field.Line,
                    $"unknown field '{key}' in {b.Header} (allowed: {string.Join(", ", allowed)})"));
            }

            // kb draft marks what a person must write; a draft moved out of facts/drafts/ too early is caught here.
            if (field.Value.StartsWith(KnowledgeFiles.TodoMarker, StringComparison.Ordinal))
            {
                errors.Add(new(b.File, field.Line, $"'{key}:' of {b.Header} still says {KnowledgeFiles.TodoMarker}: write it, or delete the line if it is optional"));
            }
        }
    }

    private string? Required(Block b, string key)
    {
        var value = Optional(b, key);
        if (value is null)
        {
            errors.Add(new(b.File, b.Line, $"{b.Header} is missing '{key}:'"));
        }

        return value;
    }

    private static string? Optional(Block b, string key) =>
        b.Fields.TryGetValue(key, out var f) && f.Value.Length > 0 ? f.Value : null;

    /// <summary>A list field: items separated by commas (ASCII or Chinese) or 、, or by <paramref name="separator"/>.</summary>
    private static IReadOnlyList<string> List(Block b, string key, char? separator = null)
    {
        var value = Optional(b, key);
        if (value is null)
        {
            return [];
        }

        char[] separators = separator is { } s ? [s] : [',', '，', '、'];
        return value.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private void Error(Block b, string key, string problem) =>
        errors.Add(new(b.File, b.Fields.TryGetValue(key, out var f) ? f.Line : b.Line, problem));

    private static bool TryKind(string text, out TermKind kind)
    {
        kind = text.ToLowerInvariant() switch
        {
            "concept" => TermKind.Concept,
            "place" => TermKind.Place,
            "person" => TermKind.Person,
            "organisation" or "organization" or "org" or "company" => TermKind.Organisation,
            "event" => TermKind.Event,
            "question" => TermKind.Question,
            _ => (TermKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    internal static bool IsDate(string text) => DatePattern().IsMatch(text);

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2})?)?$")]
    private static partial Regex DatePattern();
}
