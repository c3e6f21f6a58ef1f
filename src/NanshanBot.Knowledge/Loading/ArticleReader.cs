using System.Text;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Knowledge.Loading;

/// <summary>
/// Reads an article an admin dropped into knowledge/articles: Markdown with front matter (title, publisher,
/// date, url, optional lang). Its body becomes passages of a few sentences each, searchable at once.
/// </summary>
internal static class ArticleReader
{
    public const int MaxPassageLength = 220;
    private static readonly string[] Keys = ["title", "publisher", "date", "url", "lang"];

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

        var body = string.Join('\n', lines[(close + 1)..]);
        var language = meta.TryGetValue("lang", out var lang) ? (lang.StartsWith("en") ? Language.English : Language.Chinese)
            : LooksChinese(body) ? Language.Chinese : Language.English;
        var passages = Split(body).Select((t, i) => new Passage($"{id}#{i + 1}", id, language, t)).ToList();
        if (passages.Count == 0)
        {
            errors.Add(new(displayPath, close + 2, "the article has no text after its front matter"));
        }

        if (!meta.ContainsKey("title") || !meta.ContainsKey("publisher") || date is null)
        {
            return (null, passages);
        }

        var source = new Source(id, meta["title"], null, meta["publisher"], meta["publisher"], date, meta.GetValueOrDefault("url"));
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

    /// <summary>Paragraphs, with long ones cut at sentence ends into passages of bounded length.</summary>
    internal static IEnumerable<string> Split(string body)
    {
        var paragraph = new StringBuilder();
        foreach (var raw in body.Split('\n').Append(""))
        {
            var line = raw.Trim().TrimStart('>', ' ');
            if (line.StartsWith("![", StringComparison.Ordinal) || line.StartsWith('#'))
            {
                continue;
            }

            if (line.Length > 0)
            {
                paragraph.Append(paragraph.Length > 0 && !LooksChinese(line) ? " " : "").Append(line);
                continue;
            }

            foreach (var chunk in Chunk(paragraph.ToString()))
            {
                yield return chunk;
            }

            paragraph.Clear();
        }
    }

    private static IEnumerable<string> Chunk(string paragraph)
    {
        var chunk = new StringBuilder();
        foreach (var sentence in Sentences(paragraph))
        {
            if (chunk.Length > 0 && chunk.Length + sentence.Length > MaxPassageLength)
            {
                yield return chunk.ToString().Trim();
                chunk.Clear();
            }

            chunk.Append(sentence);
        }

        if (chunk.ToString().Trim() is { Length: > 0 } rest)
        {
            yield return rest;
        }
    }

    internal static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c is '。' or '！' or '？' or '；' || (c is '.' or '!' or '?' && (i + 1 == text.Length || text[i + 1] == ' '));
            if (end)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static bool LooksChinese(string text) => text.Count(c => c >= '\u4e00' && c <= '\u9fff') * 4 > text.Length;
}
