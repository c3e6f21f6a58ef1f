using System.Text;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Knowledge.Loading;

/// <summary>
/// Reads an article an admin dropped into knowledge/articles: Markdown with front matter (title, publisher,
/// date, url, optional lang, title_en, publisher_en). Its body becomes sentences, paragraph by paragraph, each
/// searchable at once.
/// </summary>
public static class ArticleReader
{
    private static readonly string[] Keys = ["title", "publisher", "date", "url", "lang", "title_en", "publisher_en"];

    public static (Source? Source, IReadOnlyList<Passage> Passages) Read(
        string displayPath, string text, List<KnowledgeError> errors)
    {
        var lines = text.Replace("\r", "").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            errors.Add(new(displayPath, 1, "an article must start with front matter: a line '---', then title:, publisher:, date:, then '---'"));
            return (null, []);
        }

        var close = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (close < 0)
        {
            errors.Add(new(displayPath, 1, "the front matter is not closed by a line '---'"));
            return (null, []);
        }

        var meta = ReadFrontMatter(displayPath, lines, close, errors);
        var id = "article-" + Path.GetFileNameWithoutExtension(displayPath).ToLowerInvariant();
        foreach (var key in new[] { "title", "publisher", "date" }.Where(k => !meta.ContainsKey(k)))
        {
            errors.Add(new(displayPath, 1, $"the front matter is missing '{key}:'"));
        }

        if (meta.TryGetValue("date", out var date) && !BlockReader.IsDate(date))
        {
            errors.Add(new(displayPath, 1, $"date '{date}' is not YYYY, YYYY-MM or YYYY-MM-DD"));
        }

        var body = lines[(close + 1)..];
        var language = meta.TryGetValue("lang", out var lang) ? (lang.StartsWith("en") ? Language.English : Language.Chinese)
            : LooksChinese(string.Join('\n', body)) ? Language.Chinese : Language.English;
        var article = new Article(id, meta.GetValueOrDefault("title") ?? "", language, Paragraphs(body, language == Language.Chinese));
        var passages = article.Passages;
        if (passages.Count == 0)
        {
            errors.Add(new(displayPath, close + 2, "the article has no text after its front matter"));
        }

        if (!meta.ContainsKey("title") || !meta.ContainsKey("publisher") || date is null)
        {
            return (null, passages);
        }

        var source = new Source(id, meta["title"], meta.GetValueOrDefault("title_en"), meta["publisher"],
            meta.GetValueOrDefault("publisher_en") ?? meta["publisher"], date, meta.GetValueOrDefault("url"));
        return (source, passages);
    }

    private static Dictionary<string, string> ReadFrontMatter(string file, string[] lines, int close, List<KnowledgeError> errors)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < close; i++)
        {
            var line = lines[i].Trim();
            var colon = line.IndexOf(':');
            if (line.Length == 0)
            {
                continue;
            }

            var key = colon > 0 ? line[..colon].Trim().ToLowerInvariant() : "";
            if (!Keys.Contains(key))
            {
                errors.Add(new(file, i + 1, $"front matter line '{line}' is not one of {string.Join(", ", Keys)}"));
                continue;
            }

            meta[key] = line[(colon + 1)..].Trim().Trim('"');
        }

        return meta;
    }

    /// <summary>Paragraphs (separated by blank lines; headings and images skipped), each as its sentences.</summary>
    private static List<IReadOnlyList<string>> Paragraphs(string[] body, bool chinese)
    {
        var paragraphs = new List<IReadOnlyList<string>>();
        var paragraph = new StringBuilder();
        foreach (var raw in body.Append(""))
        {
            var line = raw.Trim().TrimStart('>', ' ');
            if (line.StartsWith("![", StringComparison.Ordinal) || line.StartsWith('#'))
            {
                continue;
            }

            if (line.Length > 0)
            {
                SentenceSplitter.AppendLine(paragraph, line, LooksChinese(line));
                continue;
            }

            if (paragraph.Length > 0)
            {
                paragraphs.Add(SentenceSplitter.Split(paragraph.ToString(), chinese).ToList());
                paragraph.Clear();
            }
        }

        return paragraphs;
    }

    private static bool LooksChinese(string text) => text.Count(c => c >= '\u4e00' && c <= '\u9fff') * 4 > text.Length;
}
