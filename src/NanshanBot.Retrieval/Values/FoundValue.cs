using NanshanBot.Knowledge.Model;

namespace NanshanBot.Retrieval.Values;

public enum ValueKind
{
    Figure,
    Year,
    Date,
    Person,
    Place,
}

/// <summary>
/// The value a sentence gives for what a question asks, as found in it: its kind, its text as written, the
/// canonical token of a figure, year or date (<c>#n:13000</c>), and for a figure the words around it that qualify
/// it (超, more than; 元, yuan). Replies in the other language are built from this and nothing else.
/// </summary>
public sealed record FoundValue(ValueKind Kind, string Written, string? Canonical, Language Language)
{
    /// <summary>Whether the figure was said as a bound: "more than" (1), "about" (0), "fewer than" (-1), or exact (null).</summary>
    public int? Bound { get; init; }

    /// <summary>The measure word or unit written right after a Chinese figure (座, 家, 万人次), for a reply in Chinese.</summary>
    public string Unit { get; init; } = "";

    /// <summary>Whether the figure is money in yuan (元, yuan, RMB).</summary>
    public bool Yuan { get; init; }

    /// <summary>Whether the figure is a percentage.</summary>
    public bool Percent => Canonical?.StartsWith("#p:", StringComparison.Ordinal) == true;

    /// <summary>The number a figure token stands for.</summary>
    public decimal? Number => Canonical is { Length: > 3 } c && c[0] == '#' && c[1] is 'n' or 'p' or 'o'
        && decimal.TryParse(c[3..], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool SameAs(FoundValue other) => Kind == other.Kind && (Canonical ?? Written) == (other.Canonical ?? other.Written) && Bound == other.Bound;
}
