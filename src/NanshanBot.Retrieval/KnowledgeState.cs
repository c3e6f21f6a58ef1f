using NanshanBot.Retrieval.Index;

namespace NanshanBot.Retrieval;

/// <summary>The knowledge every question is answered from right now. A reload builds a complete new index
/// and swaps it in with one reference write: a question in flight keeps the index it started with.</summary>
public sealed class KnowledgeState(KnowledgeIndex initial)
{
    private KnowledgeIndex current = initial;

    public KnowledgeIndex Current => Volatile.Read(ref current);

    public void Replace(KnowledgeIndex index) => Volatile.Write(ref current, index);
}
