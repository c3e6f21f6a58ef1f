using System.Runtime.InteropServices;

namespace NanshanBot.Retrieval.Index;

/// <summary>A document (by its position in <see cref="KnowledgeIndex.Documents"/>) that contains a token, and how
/// often (at most 15 counted). Packed in five bytes: ten thousand articles have millions.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct Posting(int Document, byte Frequency);
