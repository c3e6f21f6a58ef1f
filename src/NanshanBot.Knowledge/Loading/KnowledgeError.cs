namespace NanshanBot.Knowledge.Loading;

/// <summary>One problem in the knowledge files, precise enough to fix without reading code.</summary>
public sealed record KnowledgeError(string File, int Line, string Problem)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Problem}" : $"{File}: {Problem}";
}

/// <summary>Thrown when a knowledge folder is invalid; carries every problem found, not just the first.</summary>
public sealed class KnowledgeValidationException(IReadOnlyList<KnowledgeError> errors)
    : Exception(Describe(errors))
{
    public IReadOnlyList<KnowledgeError> Errors { get; } = errors;

    private static string Describe(IReadOnlyList<KnowledgeError> errors) =>
        $"The knowledge base is invalid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):"
        + Environment.NewLine
        + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
