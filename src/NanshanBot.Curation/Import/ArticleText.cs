using System.Security.Cryptography;
using System.Text;

namespace NanshanBot.Curation.Import;

/// <summary>An article ready to be written: its front matter, complete, and its paragraphs.</summary>
public sealed record ArticleText(string Title, string Publisher, string Date, string? Url, string Language, IReadOnlyList<string> Paragraphs)
{
    public string? TitleEn { get; init; }

    public string? PublisherEn { get; init; }

    /// <summary>The article in the format of <c>knowledge/articles</c> (see knowledge/README.md).</summary>
    public string Markdown()
    {
        var text = new StringBuilder("---\n");
        foreach (var (key, value) in new[]
        {
            ("title", Title), ("title_en", TitleEn), ("publisher", Publisher), ("publisher_en", PublisherEn), ("date", Date), ("url", Url),
            ("lang", Language),
        })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                text.Append(key).Append(": ").Append(ParagraphCollector.Tidy(value)).Append('\n');
            }
        }

        text.Append("---\n");
        return text.Append(string.Join("\n\n", Paragraphs)).Append('\n').ToString();
    }

    /// <summary>The file name without <c>.md</c>: the date, then the title's Latin words (or the address's last
    /// segment's, or a short hash of a Chinese title), so that files sort by date and say what they hold.</summary>
    public string Stem()
    {
        var slug = Words(Title, 8);
        if (slug.Count(char.IsAsciiLetter) < 3 && Url is not null && Uri.TryCreate(Url, UriKind.Absolute, out var uri))
        {
            slug = Words(Path.GetFileNameWithoutExtension(uri.AbsolutePath), 6);
        }

        if (slug.Count(char.IsAsciiLetter) < 3)
        {
            slug = "article-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Title)))[..8];
        }

        return $"{Date}-{slug}";
    }

    private static string Words(string text, int max)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        var slug = string.Join('-', words.Take(max));
        return slug.Length <= 60 ? slug : slug[..60].TrimEnd('-');
    }
}
