namespace NanshanBot.Knowledge.Model;

/// <summary>One curated statement, in both languages, with what it is about and where it comes from.
/// <see cref="AskZh"/> and <see cref="AskEn"/> are a question the fact answers, offered as a suggestion.</summary>
public sealed record Fact(
    string Id,
    string SourceId,
    string? Date,
    IReadOnlyList<string> About,
    string Zh,
    string En,
    IReadOnlyList<string> Keywords,
    string? AskZh = null,
    string? AskEn = null)
{
    public string Text(Language language) => language == Language.English ? En : Zh;

    public string? Ask(Language language) => language == Language.English ? AskEn : AskZh;
}
