using NanshanBot.Retrieval.Search;

namespace NanshanBot.Tests.Retrieval;

/// <summary>The documents a question found are taken as sorting them all would give them (best score first, the
/// earlier document first among equal scores), never more than may be taken, whatever their number and however
/// well the threshold estimated from a sample of them turns out, and none the caller would pass over; and none is
/// lost from the list, whose scores are cleared from it afterwards.</summary>
public sealed class BestFirstTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(50, 3200)]
    [InlineData(5000, 3200)]
    [InlineData(20_000, 3200)]
    [InlineData(20_000, 1)]
    public void DocumentsComeBestFirstAndTheEarlierFirstAmongEqualScores(int count, int most)
    {
        var random = new Random(count + most);
        var documents = Enumerable.Range(0, count).Select(i => 3 * i + random.Next(3)).ToArray();
        var scores = new double[3 * count + 3];
        foreach (var document in documents)
        {
            // A quarter tie at one score, the rest at a few hundred others.
            scores[document] = random.Next(4) == 0 ? 5 : Math.Round(random.NextDouble() * 10, 2);
        }

        Assert.Equal(SortedBest(documents, scores, most), Take(documents, scores, most));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(39)]
    [InlineData(40)]
    [InlineData(1000)]
    public void DocumentsScoredInAPatternASampleMisjudgesStillComeBestFirst(int period)
    {
        // Only every period-th document scores high: a sample read at a like stride sees many more of them (or
        // fewer) than there are, and the threshold it sets keeps too few (or too many).
        var documents = Enumerable.Range(0, 10_000).ToArray();
        var scores = documents.Select(d => d % period == 0 ? 100.0 + d % 3 : d % 7).ToArray();
        foreach (var most in new[] { 100, 300, 3200 })
        {
            Assert.Equal(SortedBest(documents, scores, most), Take(documents, scores, most));
        }
    }

    [Fact]
    public void DocumentsInAscendingOrDescendingScoreComeBestFirst()
    {
        var documents = Enumerable.Range(0, 30_000).ToArray();
        foreach (var scores in new[] { documents.Select(d => (double)d).ToArray(), documents.Select(d => 30_000.0 - d).ToArray() })
        {
            Assert.Equal(SortedBest(documents, scores, 3200), Take(documents, scores, 3200));
        }
    }

    [Theory]
    [InlineData(20_000, 3200, 2)]
    [InlineData(20_000, 3200, 50)]
    [InlineData(5000, 3200, 3)]
    [InlineData(2000, 3200, 3)]
    [InlineData(20_000, 1, 2)]
    public void DocumentsThatWouldFailAreNeverTakenAndStillCountAmongTheBest(int count, int most, int failing)
    {
        // All but one in `failing` would fail (as most of a common question's best lack a concept it requires):
        // what is taken is what sorting them all, keeping the best `most` and dropping those that fail would give.
        var random = new Random(count + failing);
        var documents = Enumerable.Range(0, count).Select(i => 2 * i + random.Next(2)).ToArray();
        var scores = new double[2 * count + 2];
        foreach (var document in documents)
        {
            scores[document] = random.Next(4) == 0 ? 5 : Math.Round(random.NextDouble() * 10, 2);
        }

        bool Fails(int document) => document % failing != 0;
        var best = SortedBest(documents, scores, most);
        Assert.Contains(best, Fails);
        var expected = best.Where(d => !Fails(d)).ToList();
        Assert.Equal(expected, Take(documents, scores, most, Fails));
    }

    private static List<int> SortedBest(int[] documents, double[] scores, int most) =>
        [.. documents.OrderByDescending(d => scores[d]).ThenBy(d => d).Take(most)];

    /// <summary>Takes everything there is to take from documents placed after some others (as the sentences are
    /// after the facts), and checks that the list still holds every document and the others are untouched.</summary>
    private static List<int> Take(int[] documents, double[] scores, int most, Func<int, bool>? fails = null)
    {
        int[] before = [-1, -2, -3];
        var list = before.Concat(documents).ToArray();
        var best = new BestFirst(new ArraySegment<int>(list, before.Length, documents.Length), new double[documents.Length], scores, most, fails);
        var taken = new List<int>();
        while (best.TryPop(out var document))
        {
            taken.Add(document);
        }

        Assert.Equal(before, list[..before.Length]);
        Assert.Equal(documents.Order(), list[before.Length..].Order());
        return taken;
    }
}
