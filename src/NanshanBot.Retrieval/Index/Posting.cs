namespace NanshanBot.Retrieval.Index;

/// <summary>A document (by its position in <see cref="KnowledgeIndex.Documents"/>) that contains a token, and how often.</summary>
public readonly record struct Posting(int Document, int Frequency);
