namespace NanshanBot.Knowledge.Model;

/// <summary>
/// Word lists that steer understanding, lower case and simplified: words that carry no content (stop words),
/// words that mark a message as a follow-up, and question words with the kind of value they ask for
/// (多少 = number, 什么时候 = year or date), phrases that make a message small talk (你喜欢, tell me a joke), and
/// the titles that come before a person's name in Chinese text (区长, 董事长), so that articles name people.
/// </summary>
public sealed record Lexicon(
    IReadOnlySet<string> StopWords,
    IReadOnlySet<string> FollowUpMarkers,
    IReadOnlyDictionary<string, IReadOnlyList<string>> AnswerTypes,
    IReadOnlySet<string> SmallTalk,
    IReadOnlySet<string> PersonTitles);
