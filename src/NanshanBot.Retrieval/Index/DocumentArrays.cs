namespace NanshanBot.Retrieval.Index;

/// <summary>
/// Arrays of one value per document of an index, for the questions in flight to reuse: ten thousand articles have
/// some 325,000 documents, and an array of that length is a large object every question would otherwise make.
/// Exactly that long (a shared pool rounds the length up to a power of two, up to twice as long), and at most
/// <see cref="Kept"/> of them are kept: a burst of questions at once makes more, which are dropped when given back,
/// so that the process does not hold a set per question of the burst for the rest of its life.
/// </summary>
internal sealed class DocumentArrays<T>(int length, int kept)
{
    private readonly T[]?[] shelf = new T[]?[kept];

    /// <summary>How many arrays are kept for reuse at most.</summary>
    public int Kept => shelf.Length;

    /// <summary>An array of <c>length</c> values: one given back before (as its renter left it), or a new one.</summary>
    public T[] Rent()
    {
        for (var i = 0; i < shelf.Length; i++)
        {
            if (Interlocked.Exchange(ref shelf[i], null) is { } array)
            {
                return array;
            }
        }

        return new T[length];
    }

    /// <summary>Keeps <paramref name="array"/> for the next renter if there is room, as it is: a renter that needs
    /// it cleared clears what it wrote before giving it back.</summary>
    public void Return(T[] array)
    {
        for (var i = 0; i < shelf.Length; i++)
        {
            if (Interlocked.CompareExchange(ref shelf[i], array, null) is null)
            {
                return;
            }
        }
    }
}
