using Microsoft.Extensions.Options;
using NanshanBot.Answering;
using NanshanBot.Knowledge.Model;
using NanshanBot.Evaluation;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Retrieval;

/// <summary>The compact index holds what a plain one would: each key's compressed postings are the documents that
/// have it, in order, with their counts; and what ranking rules out by place before it scores a document is never
/// one the question's constraints would admit. The knowledge is the bundled one with our own generalisation
/// articles and look-alike reports on other places written here (invented figures).</summary>
public sealed class CompactIndexTests : IDisposable
{
    private readonly string folder = Repository.CopyKnowledge();

    public CompactIndexTests()
    {
        var articles = Directory.CreateDirectory(Path.Combine(folder, "articles")).FullName;
        foreach (var file in Directory.GetFiles(Repository.Data(Path.Combine("generalisation", "articles")), "*.md"))
        {
            File.Copy(file, Path.Combine(articles, Path.GetFileName(file)));
        }

        var places = new[] { ("福田区", "Futian"), ("海淀区", "Haidian"), ("天河区", "Tianhe") };
        for (var i = 0; i < 60; i++)
        {
            var (zh, en) = places[i % places.Length];
            var year = 2019 + (i % 6);
            var body = i % 2 == 0
                ? $"{year}年，{zh}地区生产总值达到{2000 + i}亿元，在全市仅次于南山区。\n\n全区常住人口约{90 + i}万人，公园{150 + i}个。"
                : $"In {year}, {en}'s GDP reached {250 + i} billion yuan. The district had about {80 + i} parks and {i} listed companies.";
            TestKnowledge.WriteArticle(folder, $"other-{i}.md", $"{en} {year}", $"{year}-05-1{i % 10}", body, i % 2 == 0 ? "zh" : "en");
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void EachKeysPostingsAreTheDocumentsThatHaveItInOrderWithTheirCounts()
    {
        var index = KnowledgeFactory.Load(folder);
        var vocabulary = index.Seed().Vocabulary;
        var expected = new Dictionary<int, List<Posting>>();
        for (var d = 0; d < index.Documents.Count; d++)
        {
            // A key the document holds, and (for an article's sentence) the senses of its words, counted together;
            // a sense only a key taken from its paragraph has, once.
            var document = index.Documents[d];
            var counts = new SortedDictionary<int, int>();
            var fromParagraph = new HashSet<int>();
            for (var k = 0; k < document.KeyCount; k++)
            {
                if (document.FrequencyAt(k) is > 0 and var frequency)
                {
                    counts[document.KeyAt(k)] = frequency;
                    foreach (var sense in document.Passage is null ? [] : vocabulary.SensesOf(document.KeyAt(k)).ToArray())
                    {
                        if (document.IsContextKey(vocabulary[document.KeyAt(k)]))
                        {
                            fromParagraph.Add(sense);
                        }
                        else
                        {
                            counts[sense] = counts.GetValueOrDefault(sense) + frequency;
                        }
                    }
                }
            }

            foreach (var sense in fromParagraph)
            {
                counts.TryAdd(sense, 1);
            }

            foreach (var (key, count) in counts)
            {
                (expected.TryGetValue(key, out var list) ? list : expected[key] = []).Add(new Posting(d, (byte)Math.Min(count, 15)));
            }
        }

        var (longGaps, counted) = (0, 0);
        foreach (var (key, postings) in expected)
        {
            var read = new List<Posting>();
            foreach (var posting in index.Postings(vocabulary[key]))
            {
                read.Add(posting);
            }

            Assert.Equal(postings, read);
            Assert.Equal(postings.Count, index.DocumentFrequency(vocabulary[key]));
            longGaps += postings.Zip(postings.Skip(1)).Count(p => p.Second.Document - p.First.Document >= 128);
            counted += postings.Count(p => p.Frequency > 1);
        }

        Assert.Equal(expected.Count, index.IndexedWords.Count());
        Assert.True(longGaps > 0 && counted > 0, "the knowledge should have gaps of several bytes and counts above one");
        Assert.Contains(expected.Keys, key => DocumentIndexer.IsSense(vocabulary[key]));
        Assert.Equal(0, index.DocumentFrequency("no-such-key"));
    }

    [Fact]
    public void AReloadSplicesThePostingsABuildFromEveryDocumentWouldGive()
    {
        var first = KnowledgeFactory.Load(folder);
        var articles = Path.Combine(folder, "articles");
        var unchanged = KnowledgeFactory.TryLoad(folder, first).Index!;
        Assert.True(unchanged.PostingsSpliced);
        AssertSamePostings(first, unchanged);

        // An article added among the others, one grown by a paragraph, one removed: every later document renumbered.
        TestKnowledge.WriteArticle(folder, "other-30b.md", "Futian 2031", "2031-05-10", "2031年，福田区地区生产总值达到9999亿元。\n\n全区公园300个。", "zh");
        File.AppendAllText(Path.Combine(articles, "other-12.md"), "\n2030年，全区新增公园12个，常住人口102万人。\n");
        File.Delete(Path.Combine(articles, "other-45.md"));
        var edited = KnowledgeFactory.TryLoad(folder, unchanged).Index!;
        var rebuilt = KnowledgeFactory.Load(folder);

        Assert.True(edited.PostingsSpliced);
        Assert.False(rebuilt.PostingsSpliced);
        AssertSamePostings(rebuilt, edited);
        Assert.Contains(edited.Documents, d => d.Text(d.LanguageFor(Language.Chinese)).Contains("9999亿元", StringComparison.Ordinal));

        // One added after all the others: its postings follow those of the last articles taken over, which are
        // copied whole up to there.
        TestKnowledge.WriteArticle(folder, "zz-last.md", "Futian 2032", "2032-05-10", "2032年，福田区常住人口达到160万人，全区公园310个。", "zh");
        var appended = KnowledgeFactory.TryLoad(folder, edited).Index!;
        Assert.True(appended.PostingsSpliced);
        AssertSamePostings(KnowledgeFactory.Load(folder), appended);
    }

    [Fact]
    public void AStartFromTheIndexCacheSplicesItsPostingsAsABuildFromEveryDocumentWouldGive()
    {
        var cache = Path.Combine(folder, "cache");
        var factory = new KnowledgeFactory(Options.Create(new KnowledgeOptions { Path = folder, CacheFolder = cache }));
        factory.Load();
        // The last article removed, so that the documents taken over end before the old index's did; and one added
        // after all the others, whose postings follow those of the last articles taken over.
        File.Delete(Directory.GetFiles(Path.Combine(folder, "articles")).Order(StringComparer.Ordinal).Last());
        TestKnowledge.WriteArticle(folder, "zz-last.md", "Futian 2031", "2031-05-10", "2031年，福田区地区生产总值达到9999亿元。", "zh");

        var started = factory.Load();

        Assert.Equal(1, started.AnalysedArticles);
        Assert.True(started.PostingsSpliced);
        AssertSamePostings(KnowledgeFactory.Load(folder), started);
    }

    [Fact]
    public void AStartFromTheIndexCacheTakesTheArticlesEnglishWordsOnlyWhileItTakesEveryArticleAndNoOther()
    {
        var cache = Path.Combine(folder, "cache");
        var factory = new KnowledgeFactory(Options.Create(new KnowledgeOptions { Path = folder, CacheFolder = cache }));
        factory.Load();

        var unchanged = factory.Load();
        Assert.True(unchanged.ArticleWordsTakenOver);
        Assert.Equal(TypoCorrector.ArticleWordsOf(unchanged), unchanged.ArticleWords);
        Assert.Contains("haidian", unchanged.ArticleWords);
        // A typo of a word only the articles have is read as that word, as a start that read them would.
        Assert.Contains("haidian", unchanged.Typos.Correct("haidain gdp", unchanged.Analyzer.AnalyzeNormalized("haidain gdp", null)));

        // Every article that names Haidian removed: its words go with it, though the others are taken over.
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "articles")).Where(f => File.ReadAllText(f).Contains("Haidian")))
        {
            File.Delete(file);
        }

        var removed = factory.Load();
        Assert.Equal(0, removed.AnalysedArticles);
        Assert.False(removed.ArticleWordsTakenOver);
        Assert.DoesNotContain("haidian", removed.ArticleWords);
        Assert.Equal(TypoCorrector.ArticleWordsOf(KnowledgeFactory.Load(folder)), removed.ArticleWords);
    }

    /// <summary>The two indexes hold the same documents in the same order, and each key the same postings.</summary>
    private static void AssertSamePostings(KnowledgeIndex expected, KnowledgeIndex actual)
    {
        Assert.Equal(expected.Documents.Select(d => d.Id), actual.Documents.Select(d => d.Id));
        var (expectedKeys, actualKeys) = (expected.Seed().Vocabulary, actual.Seed().Vocabulary);
        for (var key = 0; key < actualKeys.Count; key++)
        {
            var word = actualKeys[key];
            Assert.True(expectedKeys.TryGetId(word, out _) || actual.Postings(word).Count == 0, $"{word} is posted but no longer in the knowledge");
        }

        for (var key = 0; key < expectedKeys.Count; key++)
        {
            var word = expectedKeys[key];
            Assert.True(Read(expected.Postings(word)).SequenceEqual(Read(actual.Postings(word))), $"the postings of {word} differ");
        }

        static List<Posting> Read(PostingList list)
        {
            var read = new List<Posting>();
            foreach (var posting in list)
            {
                read.Add(posting);
            }

            return read;
        }
    }

    private static readonly (string Kind, Func<string, bool> Probe)[] Probes =
        [("sense", DocumentIndexer.IsSense), ("entity", key => key.StartsWith('@')), ("two-character", key => key.Length == 2)];

    [Fact]
    public void ASentenceHasTheEnglishSensesOfItsWordsAsTheIndexerCountedThem()
    {
        // The index keeps a sentence's words only and works out their senses; the indexer still counts the senses
        // of every token it reads. What a sentence has of each sense must be what the indexer counted, whether
        // its keys are listed or asked about.
        var index = KnowledgeFactory.Load(folder);
        var indexer = new DocumentIndexer(index.Knowledge, index.Analyzer, index.Persons, index.Places);
        var documents = index.Documents.Where(d => d.IsPassage).ToDictionary(d => d.Passage!);
        var (senses, differing) = (0, new List<string>());
        foreach (var article in index.Knowledge.Passages.GroupBy(p => p.Article))
        {
            foreach (var draft in indexer.Article(article.Key, [.. article]))
            {
                var document = documents[draft.Passage!];
                var counted = draft.TermFrequencies.Keys.Where(DocumentIndexer.IsSense).ToList();
                senses += counted.Count;
                differing.AddRange(counted
                    .Where(key => !document.Contains(key) || document.IsContextKey(key) != draft.ContextKeys.Contains(key)
                        || document.IsListed(key) != draft.Listed.Contains(key) || document.FiguresOf(key) != draft.Figures.GetValueOrDefault(key))
                    .Select(key => $"{draft.Passage!.Id} {key} contains {document.Contains(key)} context {document.IsContextKey(key)}/{draft.ContextKeys.Contains(key)} listed {document.IsListed(key)}/{draft.Listed.Contains(key)} figures {document.FiguresOf(key)}/{draft.Figures.GetValueOrDefault(key)}"));
                differing.AddRange(document.FigureKeys.Concat(document.ContextKeys).Concat(document.Listed)
                    .Where(key => DocumentIndexer.IsSense(key) && !counted.Contains(key)).Select(key => $"{draft.Passage!.Id} {key} (not counted)"));
                // Asking whether any key beside a figure is of a kind finds what listing them would.
                foreach (var (kind, probe) in Probes)
                {
                    if (document.AnyFigureKey(probe) != document.FigureKeys.Any(probe))
                    {
                        differing.Add($"{draft.Passage!.Id}: any {kind} key beside a figure {document.AnyFigureKey(probe)}, listed {document.FigureKeys.Any(probe)}");
                    }
                }
            }
        }

        Assert.True(senses > 1000, $"the knowledge should have many senses ({senses})");
        Assert.True(differing.Count == 0, string.Join("\n", differing));
    }

    [Fact]
    public void ASentenceSearchedWithoutACopyOfItsNormalisedTextFindsWhatTheCopyWouldWhereItWould()
    {
        var index = KnowledgeFactory.Load(folder);
        var sentences = index.Documents.Where(d => d.Passage is not null).ToList();
        var words = new List<string> { "gdp", "南山区", "2025年", "1万亿", "nanshan's", "“", ",", "...", "ｇｄｐ" };
        words.AddRange(sentences.Take(200).Select(d => index.Analyzer.Normalize(d.Passage!.Text)).Where(t => t.Length > 12).SelectMany(t => new[] { t[..4], t[5..9], t[^6..] }));
        foreach (var document in sentences)
        {
            var normalized = index.Analyzer.Normalize(document.Passage!.Text);
            Assert.Equal(normalized, document.NormalizedText);
            foreach (var word in words)
            {
                Assert.True(normalized.Contains(word, StringComparison.Ordinal) == document.TextContains(word), $"{document.Id} and \"{word}\"");
                Assert.True(normalized.IndexOf(word, StringComparison.Ordinal) == document.TextIndexOf(word), $"{document.Id}: where \"{word}\" is");
            }
        }

        // Most sentences (simplified Chinese with full-width punctuation, English) need no copy; those in
        // traditional characters do.
        Assert.True(sentences.Count(d => !d.KeepsNormalizedText) > sentences.Count * 3 / 4);
        Assert.Contains(sentences, d => d.KeepsNormalizedText);
    }

    [Fact]
    public void WhatRankingRulesOutByPlaceIsNeverADocumentTheQuestionAdmits()
    {
        var index = KnowledgeFactory.Load(folder);
        var questions = new[] { "understanding.jsonl", Path.Combine("generalisation", "drop.jsonl"), Path.Combine("generalisation", "noise.jsonl") }
            .SelectMany(f => EvalCase.ReadAll(Repository.Data(f)))
            .SelectMany(c => c.Turns)
            .Distinct();
        var ruledOut = 0;
        foreach (var question in questions)
        {
            var shape = new QueryShape(index, index.Parse(question));
            for (var d = 0; d < index.Documents.Count; d++)
            {
                if (!shape.MayAdmit(index.Placings[d]))
                {
                    ruledOut++;
                    Assert.False(shape.IsSatisfiedBy(index.Documents[d]), $"{question}: {index.Documents[d].Id} is ruled out by place but admitted");
                }
            }
        }

        Assert.True(ruledOut > 1000, $"only {ruledOut} documents were ruled out by place");
    }
}
