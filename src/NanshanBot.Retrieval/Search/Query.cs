using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>A question as read once and used by every later step: its normalised text (markup removed, typos
/// read as the words they stand for), tokens and language, and how much each token says.</summary>
public sealed record Query(string Text, string Normalized, List<Token> Tokens, Language Language)
{
    /// <summary>How informative each token is (0..1), by its text; a token not listed weighs 1.</summary>
    public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double>();

    /// <summary>The words the reader changed, as "typed → read", for explaining an answer.</summary>
    public IReadOnlyList<string> Corrections { get; init; } = [];

    /// <summary>The tokens that only name the kind of answer ("which <b>districts</b>", "哪家<b>公司</b>").</summary>
    public IReadOnlySet<string> Categories { get; init; } = new HashSet<string>();

    public double Weight(string token) => Weights.TryGetValue(token, out var w) ? w : 1.0;
}
