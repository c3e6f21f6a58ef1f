using System.Text;
using AngleSharp.Dom;

namespace NanshanBot.Curation.Import;

/// <summary>
/// Turns an article's content element into paragraphs: block elements (p, div, section, li, blockquote...) and
/// line breaks end a paragraph; headings become <c>## heading</c> lines (kept for the reader, not searched);
/// scripts, forms, figures and media are left out. Whitespace is collapsed, the spaces that HTML line breaks put
/// between two Chinese characters are dropped, and a leading <c>#</c> or <c>&gt;</c> (which Markdown would read
/// as a heading or a quote) is taken off.
/// </summary>
internal sealed class ParagraphCollector
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "input", "select", "textarea",
        "form", "nav", "img", "picture", "video", "audio", "figure", "object", "embed",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "table", "tr", "figcaption", "hr", "address", "center",
    };

    private readonly List<string> paragraphs = [];
    private readonly StringBuilder current = new();

    public static List<string> Collect(INode root)
    {
        var collector = new ParagraphCollector();
        collector.Walk(root);
        collector.Flush();
        return collector.paragraphs;
    }

    private void Walk(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    current.Append(text.Data);
                    break;
                case IElement { LocalName: "br" }:
                    Flush();
                    break;
                case IElement element when Skipped.Contains(element.LocalName) || element.HasAttribute("hidden"):
                    break;
                case IElement { LocalName: "h1" or "h2" or "h3" or "h4" or "h5" or "h6" } heading:
                    Flush();
                    current.Append(heading.TextContent);
                    Flush("## ");
                    break;
                case IElement element when Blocks.Contains(element.LocalName):
                    Flush();
                    Walk(element);
                    Flush();
                    break;
                case IElement { LocalName: "td" or "th" } cell:
                    Walk(cell);
                    current.Append(' ');
                    break;
                case IElement inline:
                    Walk(inline);
                    break;
            }
        }
    }

    private void Flush(string prefix = "")
    {
        var text = Tidy(current.ToString()).TrimStart('#', '>', ' ');
        current.Clear();
        if (text.Any(char.IsLetterOrDigit))
        {
            paragraphs.Add(prefix + text);
        }
    }

    /// <summary>One line: whitespace runs (non-breaking and ideographic spaces too) become one space, none
    /// between two Chinese characters; zero-width characters go.</summary>
    public static string Tidy(string text)
    {
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c is '\u200b' or '\u200c' or '\u200d' or '\ufeff')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '\u00a0' or '\u3000')
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (pendingSpace && !(IsChinese(result[^1]) && IsChinese(c)))
            {
                result.Append(' ');
            }

            pendingSpace = false;
            result.Append(c);
        }

        return result.ToString();
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3000' and <= '\u303f' or >= '\uff00' and <= '\uffef';
}
