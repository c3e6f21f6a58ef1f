namespace NanshanBot.Knowledge.Model;

/// <summary>Where facts come from. Recorded once, referenced by id from every fact.</summary>
public sealed record Source(
    string Id,
    string Title,
    string? TitleEn,
    string Publisher,
    string PublisherEn,
    string Date,
    string? Url)
{
    /// <summary>The short citation a reply ends with: publisher and date, in the reply's language.</summary>
    public string Cite(Language language) =>
        language == Language.English ? $"{PublisherEn}, {Date}" : $"{Publisher}，{Date}";
}
