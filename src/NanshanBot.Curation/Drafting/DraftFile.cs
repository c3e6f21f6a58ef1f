using System.Text;
using NanshanBot.Knowledge.Loading;

namespace NanshanBot.Curation.Drafting;

/// <summary>What a draft says about itself: where it comes from, whether a model wrote part of it, and when.</summary>
public sealed record DraftHeader(string Article, string Title, string Publisher, string Date, string Drafted, string ModelNote);

/// <summary>
/// The text of <c>facts/drafts/&lt;article&gt;.kb</c>: a header that tells the reviewer what to do, then one
/// <c>[fact]</c> per statement, each with a comment naming its sentence, why it was picked and where its date came
/// from, and the model's lines that were left out. Moved out of drafts/ with its TODOs filled, it loads as it is.
/// </summary>
internal static class DraftFile
{
    public static string Render(DraftHeader header, IReadOnlyList<DraftFact> facts)
    {
        var text = new StringBuilder()
            .AppendLine($"# Drafted by `kb draft` on {header.Drafted} from {header.Article}:")
            .AppendLine($"#   \"{header.Title}\" ({header.Publisher}, {header.Date})")
            .AppendLine("# Not served while it is in facts/drafts/. For each fact: put the text in your own words (never the")
            .AppendLine("# article's), fill every TODO, delete what is not worth asking about; then move the facts into a file")
            .AppendLine("# in facts/ and run `kb validate` (a running service reloads by itself).")
            .AppendLine($"# {header.ModelNote}");
        foreach (var fact in facts)
        {
            Fact(text, fact);
        }

        return text.ToString();
    }

    private static void Fact(StringBuilder text, DraftFact fact)
    {
        var statement = fact.Statement;
        text.AppendLine()
            .AppendLine($"[fact {fact.Id}]")
            .AppendLine($"# sentence {statement.Place} ({string.Join(", ", statement.Signals)}); date from {statement.DateFrom}")
            .AppendLine($"source: {fact.Source}")
            .AppendLine($"about: {fact.About}")
            .AppendLine($"date: {statement.Date}")
            .AppendLine($"zh: {fact.Zh}")
            .AppendLine($"en: {fact.En}");
        Optional(text, "ask_zh", fact.AskZh);
        Optional(text, "ask_en", fact.AskEn);
        Optional(text, "keywords", fact.Keywords.Count > 0 ? string.Join(", ", fact.Keywords) : null);
        foreach (var line in fact.LeftOut)
        {
            text.AppendLine($"# left out, {line}");
        }
    }

    private static void Optional(StringBuilder text, string key, string? value)
    {
        if (value is not null && !value.StartsWith(KnowledgeFiles.TodoMarker, StringComparison.Ordinal))
        {
            text.AppendLine($"{key}: {value}");
        }
    }
}
