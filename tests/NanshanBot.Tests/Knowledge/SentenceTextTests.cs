using NanshanBot.Knowledge.Model;

namespace NanshanBot.Tests.Knowledge;

/// <summary>An article's sentences held in one array give back exactly the strings they were made from, in any mix
/// of one-byte and two-byte text, through every way of reading them, and survive the index cache's round trip.</summary>
public sealed class SentenceTextTests
{
    private static readonly string[][] Paragraphs =
    [
        ["Nanshan's GDP grew 6.1% in 2024.", "南山区GDP增长6.1%。", "Café — naïve “quotes” and ½ × 2."],
        [],
        ["", "ÿ is the last one-byte letter; Ā is not.", "𠀀 outside the basic plane, \u0000 and \uFFFF."],
        ["odd", "偶", "x", "中文 and English", "plain ascii at the end"],
    ];

    [Fact]
    public void EverySentenceReadsBackAsItWasGiven()
    {
        var text = SentenceText.From(Paragraphs);

        Assert.Equal(Paragraphs.Length, text.Count);
        Assert.Equal(Paragraphs.Sum(p => p.Length), text.SentenceCount);
        var number = 0;
        for (var p = 0; p < Paragraphs.Length; p++)
        {
            Assert.Equal(Paragraphs[p], text[p]);
            for (var s = 0; s < Paragraphs[p].Length; s++, number++)
            {
                Assert.Equal(Paragraphs[p][s], text.Sentence(p, s));
                Assert.Equal(number, text.Number(p, s));
                Assert.Equal((p, s), text.Locate(number));
                Assert.Equal(Paragraphs[p][s], text.Sentence(number));
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => text.Sentence(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => text.Sentence(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => text.Locate(number));
    }

    [Fact]
    public void AnArticlesPassagesAreItsSentencesInOrder()
    {
        var article = new Article("article-x", "X", Language.English, Paragraphs);
        var expected = Paragraphs.SelectMany((sentences, p) => sentences.Select((t, s) => (p, s, t))).ToList();

        Assert.Equal(expected.Count, article.Passages.Count);
        Assert.Equal(expected, article.Passages.Select(x => (x.Paragraph, x.Sentence, x.Text)));
        Assert.Equal(expected, Enumerable.Range(0, expected.Count).Select(i => article.PassageAt(i)).Select(x => (x.Paragraph, x.Sentence, x.Text)));
        Assert.Equal("article-x#3.3", article.PassageAt(5).Id);
        Assert.Equal("article-x#4.2", article.PassageAt(7).Id);
    }

    [Fact]
    public void PassagesOfSeveralArticlesAreFoundByTheirPlaceInTheSequence()
    {
        var articles = new[] { Paragraphs, [], [["one"]], [[], ["two", "three"]] }
            .Select((paragraphs, i) => new Article($"article-{i}", "", Language.English, paragraphs)).ToList();
        var sequence = new PassageSequence(articles);
        var expected = articles.SelectMany(a => a.Passages).ToList();

        Assert.Equal(expected.Count, sequence.Count);
        Assert.Equal(expected, sequence);
        Assert.Equal(expected, Enumerable.Range(0, expected.Count).Select(i => sequence[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sequence[expected.Count]);
    }

    [Fact]
    public void TheWrittenFormReadsBackAndADamagedOneIsRefused()
    {
        var text = SentenceText.From(Paragraphs);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            text.WriteTo(writer);
        }

        var written = stream.ToArray();
        var read = SentenceText.ReadFrom(new BinaryReader(new MemoryStream(written)));
        Assert.Equal(text.Select(p => p.ToList()), read.Select(p => p.ToList()));

        // The first sentence's start moved past the second's: out of order.
        var damaged = (byte[])written.Clone();
        var startsAt = sizeof(int) * (1 + Paragraphs.Length + 1 + 1);
        BitConverter.TryWriteBytes(damaged.AsSpan(startsAt + sizeof(int)), 1 << 20);
        Assert.Throws<InvalidDataException>(() => SentenceText.ReadFrom(new BinaryReader(new MemoryStream(damaged))));
    }
}
