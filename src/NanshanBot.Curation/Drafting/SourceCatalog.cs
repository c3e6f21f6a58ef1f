using System.Text;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Curation.Drafting;

/// <summary>
/// The <c>[source]</c> a draft's facts cite: one in the .kb files with the article's address (or, without one, its
/// title and date), else a new one appended to <c>sources.kb</c> with the article's front matter. The source the
/// loader makes for an article in <c>articles/</c> does not count: it goes when the article file goes.
/// </summary>
internal static class SourceCatalog
{
    public static (string Id, bool Added) FindOrAdd(string root, KnowledgeBase knowledge, Source article, string stem)
    {
        var ofArticles = knowledge.Passages.Select(p => p.SourceId).ToHashSet(StringComparer.Ordinal);
        if (knowledge.Sources.Values.FirstOrDefault(s => !ofArticles.Contains(s.Id) && Same(s, article)) is { } existing)
        {
            return (existing.Id, false);
        }

        var id = Id(stem);
        for (var n = 2; knowledge.Sources.ContainsKey(id); n++)
        {
            id = $"{Id(stem)}-{n}";
        }

        var block = new StringBuilder("\n[source ").Append(id).Append("]\n");
        foreach (var (key, value) in new[]
        {
            ("title", article.Title), ("title_en", article.TitleEn), ("publisher", article.Publisher),
            ("publisher_en", article.PublisherEn == article.Publisher ? null : article.PublisherEn), ("date", article.Date), ("url", article.Url),
        })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                block.Append(key).Append(": ").Append(value).Append('\n');
            }
        }

        File.AppendAllText(Path.Combine(root, "sources.kb"), block.ToString(), new UTF8Encoding(false));
        return (id, true);
    }

    /// <summary>A source id from a file name: lower-case letters, digits, '-' and '_'.</summary>
    public static string Id(string stem)
    {
        var id = new StringBuilder();
        foreach (var c in stem.ToLowerInvariant())
        {
            id.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '-');
        }

        var text = string.Join('-', id.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 0 ? text : "source";
    }

    private static bool Same(Source known, Source article) =>
        known.Url is not null && article.Url is not null
            ? Comparable(known.Url) == Comparable(article.Url)
            : known.Title == article.Title && known.Date == article.Date;

    private static string Comparable(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ? (uri.Host + uri.PathAndQuery).TrimEnd('/') : url.Trim();
}
