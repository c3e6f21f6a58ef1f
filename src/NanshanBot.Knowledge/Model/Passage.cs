namespace NanshanBot.Knowledge.Model;

/// <summary>A piece of an article an admin dropped into knowledge/articles, searchable before anyone
/// curates facts from it. It exists in the article's language only.</summary>
public sealed record Passage(string Id, string SourceId, Language Language, string Text);
