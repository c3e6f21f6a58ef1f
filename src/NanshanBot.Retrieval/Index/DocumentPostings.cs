namespace NanshanBot.Retrieval.Index;

/// <summary>What one document posts: each key it counts, with its count (at most 15, as an entry holds it), in
/// arrays reused from one document to the next.</summary>
internal sealed class DocumentPostings(int keys)
{
    private readonly int[] senseCounts = new int[keys];
    private readonly List<int> senses = [];
    private readonly List<int> fromParagraph = [];
    private int[] keyArray = new int[256];
    private int[] frequencyArray = new int[256];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Keys => keyArray.AsSpan(0, Count);

    public ReadOnlySpan<int> Frequencies => frequencyArray.AsSpan(0, Count);

    public void Read(IndexedDocument document)
    {
        Count = 0;
        for (var k = 0; k < document.KeyCount; k++)
        {
            if (document.FrequencyAt(k) is > 0 and var frequency)
            {
                Post(document.KeyAt(k), frequency);
            }
        }

        document.CountSenses(senseCounts, senses, fromParagraph);
        foreach (var sense in senses)
        {
            Post(sense, Math.Min(senseCounts[sense], IndexedDocument.MaxFrequency));
            senseCounts[sense] = 0;
        }

        senses.Clear();
    }

    private void Post(int key, int frequency)
    {
        if (Count == keyArray.Length)
        {
            Array.Resize(ref keyArray, Count * 2);
            Array.Resize(ref frequencyArray, Count * 2);
        }

        (keyArray[Count], frequencyArray[Count]) = (key, frequency);
        Count++;
    }
}
