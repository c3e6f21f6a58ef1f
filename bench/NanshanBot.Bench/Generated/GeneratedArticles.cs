using System.Text;

namespace NanshanBot.Bench.Generated;

/// <summary>
/// Real-size news articles (about 4 KB each, so 10,000 make about 40 MB) about other places than Nanshan: the
/// other districts of Shenzhen and districts of other cities, two in three in Chinese, dated 2018 to 2026,
/// full of the figures users ask about Nanshan (GDP, population, parks, hospital beds, listed companies) so
/// that they compete with the right answer. Deterministic: the same seed writes the same files.
/// </summary>
public static class GeneratedArticles
{
    private static readonly string[] PublishersZh = ["湾区城事通讯", "城区经济观察", "南方产业快报", "都市发展周刊"];
    private static readonly string[] PublishersEn = ["Bay Area City Desk", "District Economy Weekly", "Pearl River Business Wire"];

    /// <summary>Writes <paramref name="count"/> articles into <paramref name="articlesFolder"/> as gen-NNNNN-place.md.</summary>
    public static void WriteInto(string articlesFolder, int count, int seed = 42)
    {
        Directory.CreateDirectory(articlesFolder);
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var place = Place.All[random.Next(Place.All.Count)];
            var year = random.Next(2018, 2027);
            var date = new DateOnly(year, random.Next(1, year == 2026 ? 11 : 13), random.Next(1, 29));
            var draft = new ArticleDraft(random, place, date);
            var english = random.Next(3) == 0;
            var slug = place.ShortEn.Replace("the ", "").Replace("'", "").Replace(' ', '-').ToLowerInvariant();
            File.WriteAllText(Path.Combine(articlesFolder, $"gen-{i:D5}-{slug}.md"), Write(draft, english));
        }
    }

    /// <summary>Front matter, then a paragraph for each topic in random order (the first one's headline is the
    /// title), each ending with a sentence without figures, until the article is between 3.6 and 4.4 KB of UTF-8.</summary>
    private static string Write(ArticleDraft draft, bool english)
    {
        var topics = draft.Some(english ? EnglishTopics.All : ChineseTopics.All, int.MaxValue);
        var lead = topics[0];
        var target = draft.Int(3600, 4400);
        var body = new StringBuilder();
        var narrative = english ? EnglishTopics.Narrative : ChineseTopics.Narrative;
        foreach (var topic in topics.TakeWhile(_ => Encoding.UTF8.GetByteCount(body.ToString()) < target))
        {
            var sentences = topic.Paragraph(draft).ToList();
            body.Append(english ? string.Join(' ', sentences) : JoinClauses(draft, sentences))
                .Append(english ? " " : "").Append(draft.Pick(narrative)(draft)).Append("\n\n");
        }

        var publisher = english ? draft.Pick(PublishersEn) : draft.Pick(PublishersZh);
        return $"---\ntitle: {lead.Headline(draft)}\npublisher: {publisher}\ndate: {draft.Date:yyyy-MM-dd}\nlang: {(english ? "en" : "zh")}\n---\n{body}";
    }

    /// <summary>Chinese sentences as reports write them: often several statements joined by commas into one
    /// sentence of 60 to 140 characters, not a full stop after every figure.</summary>
    private static string JoinClauses(ArticleDraft draft, List<string> sentences)
    {
        var text = new StringBuilder(sentences[0]);
        var current = sentences[0].Length;
        foreach (var sentence in sentences.Skip(1))
        {
            if (current + sentence.Length < 140 && draft.Chance(0.7))
            {
                text[^1] = '，';
                current += sentence.Length;
            }
            else
            {
                current = sentence.Length;
            }

            text.Append(sentence);
        }

        return text.ToString();
    }
}
