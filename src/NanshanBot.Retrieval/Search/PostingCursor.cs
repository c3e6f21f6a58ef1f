using NanshanBot.Retrieval.Index;

namespace NanshanBot.Retrieval.Search;

/// <summary>Reads a posting list forward to a document, for intersections.</summary>
internal sealed class PostingCursor(PostingList list)
{
    private PostingList.Enumerator reader = list.GetEnumerator();
    private int current = -1;
    private bool ended;

    /// <summary>How often the document found last has the key.</summary>
    public int Frequency => reader.Current.Frequency;

    /// <summary>Whether the list holds <paramref name="document"/>, which must not be before the one asked last.</summary>
    public bool SkipTo(int document)
    {
        while (!ended && current < document)
        {
            ended = !reader.MoveNext();
            current = ended ? int.MaxValue : reader.Current.Document;
        }

        return current == document;
    }
}
