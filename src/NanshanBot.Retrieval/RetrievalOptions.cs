namespace NanshanBot.Retrieval;

/// <summary>How sure retrieval must be before a document counts as an answer.</summary>
public sealed class RetrievalOptions
{
    /// <summary>The idf-weighted share of the question's content words the best document must contain.</summary>
    public double MinCoverage { get; set; } = 0.5;
}
