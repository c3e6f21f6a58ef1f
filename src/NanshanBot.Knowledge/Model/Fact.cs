namespace NanshanBot.Knowledge.Model;

/// <summary>One curated statement, in both languages, with what it is about and where it comes from.</summary>
public sealed record Fact(
    string Id,
    string SourceId,
    string? Date,
    IReadOnlyList<string> About,
    string Zh,
    string En,
    IReadOnlyList<string> Keywords)
{
    public string Text(Language language) => language == Language.English ? En : Zh;
}
