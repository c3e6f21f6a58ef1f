using System.Text;

namespace NanshanBot.Curation.Import;

/// <summary>
/// A local Markdown or text file as an article. Markdown may carry front matter (the article format's keys) and a
/// first <c># heading</c> as its title; text has its title on its first line. Paragraphs are separated by blank
/// lines (a text file without any has one paragraph a line); images are left out, other headings kept as
/// <c>## heading</c>.
/// </summary>
public static class TextArticleReader
{
    public static ExtractedArticle Read(string text, bool markdown)
    {
        var lines = text.Replace("\r", "").Split('\n').ToList();
        var meta = markdown ? FrontMatter(lines) : [];
        var title = meta.GetValueOrDefault("title");
        if (!markdown && lines.FindIndex(l => l.Trim().Length > 0) is var first and >= 0)
        {
            title = PageMetadata.Clean(lines[first]);
            lines.RemoveRange(0, first + 1);
        }

        var blankLines = lines.SkipWhile(IsBlank).Reverse().SkipWhile(IsBlank).Any(IsBlank);
        var paragraphs = Paragraphs(lines, markdown || blankLines);
        if (title is null && paragraphs.Count > 0 && paragraphs[0].StartsWith("## ", StringComparison.Ordinal))
        {
            title = paragraphs[0][3..];
            paragraphs.RemoveAt(0);
        }

        return new ExtractedArticle(title, meta.GetValueOrDefault("publisher"), DateText.Normalize(meta.GetValueOrDefault("date")),
            meta.GetValueOrDefault("url"), PageMetadata.LanguageOf(meta.GetValueOrDefault("lang")), paragraphs)
        {
            TitleEn = meta.GetValueOrDefault("title_en"),
            PublisherEn = meta.GetValueOrDefault("publisher_en"),
        };
    }

    /// <summary>Takes the front matter off the lines and returns its keys.</summary>
    private static Dictionary<string, string> FrontMatter(List<string> lines)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var close = lines.Count > 0 && lines[0].Trim() == "---" ? lines.FindIndex(1, l => l.Trim() == "---") : -1;
        if (close < 0)
        {
            return meta;
        }

        foreach (var line in lines.Take(close).Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && PageMetadata.Clean(line[(colon + 1)..].Trim().Trim('"')) is { } value)
            {
                meta[line[..colon].Trim()] = value;
            }
        }

        lines.RemoveRange(0, close + 1);
        return meta;
    }

    private static List<string> Paragraphs(List<string> lines, bool blankLineSeparated)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in lines.Append(""))
        {
            var line = ParagraphCollector.Tidy(raw);
            if (line.StartsWith("![", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                End(paragraphs, current);
                paragraphs.Add("## " + line.TrimStart('#', ' '));
                continue;
            }

            if (line.Length > 0)
            {
                NanshanBot.Knowledge.Loading.SentenceSplitter.AppendLine(current, line.TrimStart('>', ' '), IsChinese(line));
            }

            if (line.Length == 0 || !blankLineSeparated)
            {
                End(paragraphs, current);
            }
        }

        return paragraphs;
    }

    private static void End(List<string> paragraphs, StringBuilder current)
    {
        if (current.Length > 0)
        {
            paragraphs.Add(current.ToString());
            current.Clear();
        }
    }

    private static bool IsBlank(string line) => line.Trim().Length == 0;

    private static bool IsChinese(string text) => text.Count(c => c is >= '\u4e00' and <= '\u9fff') * 4 > text.Length;
}
