namespace NanshanBot.Knowledge.Model;

/// <summary>Word lists that steer understanding: words that carry no content (stop words) and words that
/// mark a message as a follow-up to the previous one. Lower-case, simplified Chinese.</summary>
public sealed record Lexicon(IReadOnlySet<string> StopWords, IReadOnlySet<string> FollowUpMarkers);
