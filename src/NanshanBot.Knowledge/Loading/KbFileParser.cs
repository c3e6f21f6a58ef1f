namespace NanshanBot.Knowledge.Loading;

/// <summary>
/// Reads the admin-friendly .kb format: <c>[type id]</c> headers, <c>key: value</c> lines (a full-width
/// colon works too), indented lines continuing the previous value, and <c>#</c> comments.
/// </summary>
public static class KbFileParser
{
    public static IReadOnlyList<Block> Parse(string displayPath, string text, List<KnowledgeError> errors)
    {
        var blocks = new List<Block>();
        Block? current = null;
        string? lastKey = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNo = i + 1;
            var raw = lines[i].TrimEnd('\r');
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (trimmed.StartsWith('['))
            {
                current = ParseHeader(displayPath, lineNo, trimmed, errors);
                if (current is not null)
                {
                    blocks.Add(current);
                }

                lastKey = null;
                continue;
            }

            if (char.IsWhiteSpace(raw[0]) && current is not null && lastKey is not null)
            {
                var previous = current.Fields[lastKey];
                current.Fields[lastKey] = previous with { Value = previous.Value + " " + trimmed };
                continue;
            }

            lastKey = ParseField(displayPath, lineNo, trimmed, current, errors);
        }

        return blocks;
    }

    private static Block? ParseHeader(string file, int line, string text, List<KnowledgeError> errors)
    {
        if (!text.EndsWith(']'))
        {
            errors.Add(new(file, line, $"a section header must look like [fact some-id]; found '{text}'"));
            return null;
        }

        var parts = text[1..^1].Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The sections there is one of, [bot] and [menu], have no id.
        if (parts.Length == 1 && parts[0].ToLowerInvariant() is "bot" or "menu")
        {
            var type = parts[0].ToLowerInvariant();
            return new Block(file, line, type, type);
        }

        if (parts.Length != 2 || !IsValidId(parts[1]))
        {
            errors.Add(new(file, line,
                $"a section header needs a type and an id of letters, digits, '-' or '_' (like [fact gdp-2025]); found '{text}'"));
            return null;
        }

        return new Block(file, line, parts[0].ToLowerInvariant(), parts[1]);
    }

    private static string? ParseField(string file, int line, string text, Block? block, List<KnowledgeError> errors)
    {
        var colon = text.IndexOfAny([':', '：']);
        if (colon <= 0)
        {
            errors.Add(new(file, line, $"expected 'key: value'; found '{Shorten(text)}'"));
            return null;
        }

        if (block is null)
        {
            errors.Add(new(file, line, "a field must follow a section header such as [fact some-id]"));
            return null;
        }

        var key = text[..colon].Trim().ToLowerInvariant();
        if (block.Fields.ContainsKey(key))
        {
            errors.Add(new(file, line, $"'{key}' is given twice in {block.Header}"));
            return null;
        }

        block.Fields[key] = new Field(text[(colon + 1)..].Trim(), line);
        return key;
    }

    public static bool IsValidId(string id) =>
        id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
