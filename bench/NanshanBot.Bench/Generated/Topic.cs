using System.Globalization;

namespace NanshanBot.Bench.Generated;

/// <summary>
/// One kind of paragraph (economy, population, parks…): a headline, an opening sentence that sets the year the
/// rest refer back to (当年, that year), and sentences drawn from a pool to follow it.
/// </summary>
public sealed record Topic(Func<ArticleDraft, string> Headline, Func<ArticleDraft, string> Opener, Func<ArticleDraft, string?>[] Rest)
{
    /// <summary>The opener and three or more of the rest, in their order (a "其中" or "Of them" follows what it
    /// refers to); a sentence that does not apply to the place (null) is left out.</summary>
    public IEnumerable<string> Paragraph(ArticleDraft draft)
    {
        var chosen = draft.Some(Enumerable.Range(0, Rest.Length).ToList(), draft.Int(3, Rest.Length)).Order();
        return new[] { Opener(draft) }.Concat(chosen.Select(i => Rest[i](draft)).OfType<string>());
    }

    /// <summary>A figure as the articles print it: invariant, at most one decimal.</summary>
    public static string F(double value) => value.ToString("#,0.#", CultureInfo.InvariantCulture);

    /// <summary>A figure without thousands separators, as Chinese text prints it.</summary>
    public static string Z(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
