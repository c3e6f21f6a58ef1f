namespace NanshanBot.Knowledge.Model;

/// <summary>What a term names. Named things (places, people, organisations, events) constrain answers:
/// a question about one must be answered by a fact about that one, never by a neighbour's.</summary>
public enum TermKind
{
    Concept,
    Place,
    Person,
    Organisation,
    Event,

    /// <summary>What a question asks for rather than what it is about (为什么 = why = 原因): it helps find the
    /// fact that explains, but never narrows answers down.</summary>
    Question,
}

/// <summary>How a term relates to the bot's own subject.</summary>
public enum DefaultRole
{
    None,

    /// <summary>The subject itself (Nanshan): implied by every fact, so naming it constrains nothing.</summary>
    Subject,

    /// <summary>A place containing the subject (Shenzhen): in "深圳南山区" it only qualifies the subject; alone
    /// ("深圳的GDP") it is what the question is about.</summary>
    Parent,

    /// <summary>A place inside the subject (蛇口, 粤海街道): it narrows a question that names it, and a fact about
    /// Nanshan may answer it, since it is in Nanshan.</summary>
    Part,
}

/// <summary>An entity or concept with every name people use for it (the synonyms are data, not code).</summary>
public sealed record Term(string Id, TermKind Kind, DefaultRole Role, IReadOnlyList<string> Names)
{
    /// <summary>Named things (places, people, organisations, events) constrain answers; concepts and question
    /// terms do not.</summary>
    public bool IsNamedEntity => Kind is not (TermKind.Concept or TermKind.Question);
}
