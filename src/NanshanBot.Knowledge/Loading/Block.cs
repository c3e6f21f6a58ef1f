namespace NanshanBot.Knowledge.Loading;

/// <summary>A field of a block, with the line it starts on so that errors can point at it.</summary>
public sealed record Field(string Value, int Line);

/// <summary>One <c>[type id]</c> section of a .kb file and its <c>key: value</c> fields.</summary>
public sealed class Block(string file, int line, string type, string id)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Type { get; } = type;

    public string Id { get; } = id;

    /// <summary>The header as written: <c>[fact gdp-2025]</c>, or <c>[bot]</c> for a section without an id.</summary>
    public string Header => Type == Id ? $"[{Type}]" : $"[{Type} {Id}]";

    public Dictionary<string, Field> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);
}
