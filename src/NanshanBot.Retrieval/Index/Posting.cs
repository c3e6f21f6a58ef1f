namespace NanshanBot.Retrieval.Index;

/// <summary>A document (by its position in <see cref="KnowledgeIndex.Documents"/>) that contains a token, and how
/// often (at most 15 counted), as a <see cref="PostingList"/> gives them.</summary>
public readonly record struct Posting(int Document, byte Frequency);
