using System.Runtime.InteropServices;

namespace NanshanBot.Retrieval.Index;

/// <summary>A document (by its position in <see cref="KnowledgeIndex.Documents"/>) that contains a token, and how
/// often (at most 255 counted). Packed in five bytes: ten thousand articles have some 17 million.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct Posting(int Document, byte Frequency);
