using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>What a figure in a clause is: a level (501.8 billion), a change (increased by 100 billion) or a length
/// of time (over four straight years). A rank or an edition (第3位, the 13th expo) is none of them.</summary>
[Flags]
public enum FigureKinds
{
    None = 0,
    Level = 1,
    Change = 2,
    Duration = 4,

    /// <summary>Not a figure: the clause holds an enumeration (众擎、普渡、优必选), which answers "which ones".</summary>
    List = 8,
}

/// <summary>Works out, over a document's texts, which of its tokens occur only as items of an enumeration, and
/// which share a clause with a figure (so that the figure may be a count of them).</summary>
internal sealed partial class ListedTokens
{
    private readonly HashSet<string> inside = new(StringComparer.Ordinal);
    private readonly HashSet<string> outside = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FigureKinds> figures = new(StringComparer.Ordinal);

    /// <summary>For each token that shares a clause with a figure, what kinds of figure.</summary>
    public IReadOnlyDictionary<string, FigureKinds> Figures => figures;

    public bool CarriesValues { get; private set; }

    public IReadOnlySet<string> Listed => inside.Count == 0 ? inside : inside.Except(outside).ToHashSet(StringComparer.Ordinal);

    /// <param name="keys">The index keys a token stands for (itself, and for a Chinese word its English senses).</param>
    public void Add(List<Token> tokens, string normalized, Func<Token, IEnumerable<string>> keys)
    {
        AddQuantified(tokens, normalized, keys);
        var spans = Enumerations.Find(normalized, tokens);
        foreach (var token in tokens)
        {
            var listed = spans.Count > 0 && token.Start >= 0 && Enumerations.Contains(spans, token.Start);
            if (listed && token.Text[0] == '#')
            {
                CarriesValues = true;
            }
            else if (!token.IsStop)
            {
                (listed ? inside : outside).UnionWith(keys(token));
            }
        }
    }

    private void AddQuantified(List<Token> tokens, string normalized, Func<Token, IEnumerable<string>> keys)
    {
        var start = 0;
        var lists = Enumerations.Find(normalized, tokens);
        foreach (var end in ClauseBreak().Matches(normalized).Select(m => m.Index).Append(normalized.Length))
        {
            var clause = tokens.Where(t => t.Start >= start && t.Start < end).ToList();
            var kinds = lists.Any(l => l.Start < end && l.End > start) ? FigureKinds.List : FigureKinds.None;
            foreach (var figure in clause.Where(t => t.Kind is TokenKind.Number or TokenKind.Percent or TokenKind.Ordinal))
            {
                kinds |= KindOf(normalized, figure);
            }

            if (kinds != FigureKinds.None)
            {
                foreach (var key in clause.Where(t => !t.IsStop).SelectMany(keys))
                {
                    figures[key] = figures.GetValueOrDefault(key) | kinds;
                }
            }

            start = end;
        }
    }

    private static FigureKinds KindOf(string text, Token figure)
    {
        // A rank or an edition (第3位, the 13th expo, top 20) counts nothing: it is no level of what its clause names.
        if (figure.Kind == TokenKind.Ordinal)
        {
            return FigureKinds.None;
        }

        var end = figure.Start + figure.Length;
        if (ChangeCue().IsMatch(text.AsSpan(Math.Max(0, figure.Start - 24), Math.Min(24, figure.Start))))
        {
            return FigureKinds.Change;
        }

        return DurationCue().IsMatch(text.AsSpan(end, Math.Min(24, text.Length - end))) ? FigureKinds.Duration : FigureKinds.Level;
    }

    /// <summary>Words just after a figure that make it a length of time (two straight years, 5年间).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:consecutive\s+|straight\s+|full\s+)?(?:years?|months?|weeks?|days?|decades?)\b|^(?:多|余)?(?:个)?(?:年间|年来|年内|年里|个月|周|天)")]
    private static partial System.Text.RegularExpressions.Regex DurationCue();

    /// <summary>Words just before a figure that make it a change rather than a level.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:increased?|increases|grew|grow[sn]?|rose|rise[sn]?|up|added|climbed|jumped|gained|fell|dropped|decreased?)\s+(?:by\s+)?(?:more than\s+|over\s+|about\s+|nearly\s+)?$|(?:增长|增加|提高|上升|增幅|增速|同比|下降|减少|多了)了?(?:约|超过|近|逾|接近|将近|达到?|为)?$")]
    private static partial System.Text.RegularExpressions.Regex ChangeCue();

    [System.Text.RegularExpressions.GeneratedRegex(@"[，。；！？;!?]|[,.](?!\d)")]
    private static partial System.Text.RegularExpressions.Regex ClauseBreak();

    /// <summary>Tokens the document is about whatever its text lists (a fact's curated <c>about</c> terms).</summary>
    public void AddOutside(IEnumerable<string> tokens) => outside.UnionWith(tokens);
}
