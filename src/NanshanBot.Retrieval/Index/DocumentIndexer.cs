using System.Globalization;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// Turns facts and articles into indexed documents. An article's sentence keeps the context it depends on: a
/// sentence without a year of its own takes the year an earlier sentence of its paragraph set, or else the
/// headline's and the one its publication date implies; it also takes the places, people and organisations its
/// paragraph and headline named, and the bot's own subject (南山) if the article names it anywhere. Chinese words also carry their English senses (<c>~stem</c>), so that an English
/// question finds a Chinese sentence.
/// </summary>
internal sealed class DocumentIndexer(KnowledgeBase knowledge, TextAnalyzer analyzer, PersonNames persons, Places places)
{
    private readonly ValueKindReader kindReader = new(knowledge, analyzer, persons);

    public const string GlossPrefix = "~";

    /// <summary>Whether <paramref name="key"/> is an English sense of a Chinese word (<c>~stem</c>).</summary>
    public static bool IsSense(string key) => key.StartsWith(GlossPrefix, StringComparison.Ordinal);

    /// <summary>The English senses a key of a sentence carries: a Chinese word's (see <see cref="Glosses"/>), none for
    /// any other key. The index keeps a sentence's words only and works out its senses from them with this (see
    /// <see cref="Vocabulary"/>), so it must give what <see cref="Glosses"/> gives the word's tokens.</summary>
    public IEnumerable<string> SenseKeys(string key) =>
        key.Length >= 2 && !char.IsAscii(key[0]) ? Glosses(analyzer.WordToken(key)) : [];

    public DocumentDraft Fact(Fact fact)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var written = Year(knowledge.Sources[fact.SourceId].Date);
        var zh = analyzer.Analyze(fact.Zh, written, termPieces: true);
        var en = analyzer.Analyze(fact.En, written, termPieces: true);
        Count(counts, zh);
        Count(counts, en);
        var keywords = analyzer.Analyze(string.Join(" , ", fact.Keywords), termPieces: true);
        Count(counts, keywords);
        foreach (var term in fact.About)
        {
            counts.TryAdd("@" + term, 1);
        }

        if (fact.Date is { } date)
        {
            AddDate(counts, date);
        }

        var zhText = analyzer.Normalize(fact.Zh);
        var enText = analyzer.Normalize(fact.En);
        var listed = new ListedTokens();
        listed.Add(zh, zhText, t => [t.Text]);
        listed.Add(en, enText, t => [t.Text]);
        listed.AddOutside(fact.About.Select(a => "@" + a));
        var kinds = kindReader.Of(zh.Concat(en), zhText + " " + enText, fact.Zh + " " + fact.En);
        var text = analyzer.Normalize(fact.Zh + " " + fact.En + " " + string.Join(" ", fact.Keywords));
        return new DocumentDraft(fact, null, knowledge.Sources[fact.SourceId], counts, text, kinds)
        {
            Listed = listed.Listed, ListsValues = listed.CarriesValues, Figures = listed.Figures,
        };
    }

    public IEnumerable<DocumentDraft> Article(Article article, IReadOnlyList<Passage> passages)
    {
        var source = knowledge.Sources[article.SourceId];
        var written = Year(source.Date);
        var title = analyzer.Analyze(article.Title, written);
        var titleYears = title.Where(t => t.Kind == TokenKind.Year).Select(t => t.Text).ToList();
        var titleSubjects = Subjects(title, analyzer.Normalize(article.Title)).ToList();
        var texts = passages.ToDictionary(p => p, p => analyzer.Normalize(p.Text), (IEqualityComparer<Passage>)ReferenceEqualityComparer.Instance);
        var articleSubjects = places.SubjectsNamedIn(texts.Values.Select(Comparisons.Without).Prepend(article.Title)).ToList();
        var districts = EnglishDistricts.In(passages.Select(p => p.Text).Prepend(article.Title), places.KeyOfName,
            w => analyzer.Resources.Informativeness.IsEnglishWord(w));
        var titleNamed = new SentencePlaces(places, title, analyzer.Normalize(article.Title), districts);
        var titlePlaces = titleNamed.NamesSubject ? [] : titleNamed.Others;
        foreach (var paragraph in passages.GroupBy(p => p.Paragraph))
        {
            List<string>? leadYears = null;
            var leadSubjects = new HashSet<string>(titleSubjects, StringComparer.Ordinal);
            var leadPlaces = titlePlaces;
            foreach (var passage in paragraph)
            {
                var normalized = texts[passage];
                var tokens = analyzer.AnalyzeNormalized(normalized, written, termPieces: true);
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                Count(counts, tokens);
                AddGlosses(counts, tokens);

                // A place named only as what the sentence compares with (仅次于南山区) is not what it is about.
                var named = new SentencePlaces(places, tokens, normalized, districts);
                foreach (var place in named.Compared)
                {
                    counts.Remove(place);
                }

                var comparesSubject = named.ComparesSubject;

                var ownYears = tokens.Where(t => t.Kind == TokenKind.Year).Select(t => t.Text).ToList();
                var context = new List<string>(ownYears.Count > 0 ? [] : leadYears ?? titleYears.Concat(DateYears(source.Date)));
                context.AddRange(leadSubjects.Where(s => !counts.ContainsKey(s) && !(comparesSubject && places.IsSubject(s))));
                context.AddRange(articleSubjects.Where(s => !comparesSubject && !counts.ContainsKey(s) && !context.Contains(s)));
                foreach (var key in context)
                {
                    counts.TryAdd(key, 1);
                }

                leadYears = ownYears.Count > 0 ? ownYears : leadYears;
                leadSubjects.UnionWith(Subjects(named.Own, normalized));

                // A sentence that names no place is about the place its paragraph or headline is about ("全区机器人
                // 整机企业18家" in a report on another district): the places the last sentence naming any named
                // (beside Nanshan or not: "福田区……在全市仅次于南山区" is about 福田), none after one naming Nanshan alone.
                // A sentence that names the paragraph's place beside others ("Bao'an and Luohu are both among the top
                // 20") keeps the paragraph on it.
                var namesSubject = named.NamesSubject;
                var ownPlaces = named.Others;
                var contextPlaces = ownPlaces.Count > 0 || namesSubject ? [] : leadPlaces;
                leadPlaces = ownPlaces.Count == 0 ? (namesSubject ? [] : leadPlaces)
                    : ownPlaces.Overlaps(leadPlaces) ? leadPlaces.Intersect(ownPlaces).ToHashSet(StringComparer.Ordinal) : ownPlaces;
                var listed = new ListedTokens();
                listed.Add(tokens, normalized, Keys);
                yield return new DocumentDraft(null, passage, source, counts, normalized, kindReader.Of(tokens, normalized, passage.Text))
                {
                    Listed = listed.Listed, ListsValues = listed.CarriesValues, Figures = listed.Figures,
                    ContextKeys = context.ToHashSet(StringComparer.Ordinal), Length = counts.Where(c => !context.Contains(c.Key)).Sum(c => c.Value),
                    OtherPlaces = ownPlaces, ContextPlaces = contextPlaces, NamesSubject = namesSubject,
                    RelativeYear = tokens.FirstOrDefault(t => t.IsRelativeYear) is { Text: not null } y ? int.Parse(y.Text[3..], CultureInfo.InvariantCulture) : null,
                };
            }
        }
    }

    /// <summary>The years an article's date implies for a sentence that names none: its own, and the year just
    /// ended for a state of things reported early in a year.</summary>
    private static IEnumerable<string> DateYears(string date)
    {
        var year = Year(date);
        yield return $"#y:{year}";
        if (date.Length >= 7 && int.Parse(date[5..7], CultureInfo.InvariantCulture) <= 3)
        {
            yield return $"#y:{year - 1}";
        }
    }

    private void AddGlosses(Dictionary<string, int> counts, List<Token> tokens)
    {
        foreach (var token in tokens)
        {
            foreach (var key in Glosses(token))
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
    }

    private IEnumerable<string> Keys(Token token) => Glosses(token).Prepend(token.Text);

    /// <summary>What a Chinese word (or a piece of a longer one: 公立 in 公立医院) is in English, as keys: its senses'
    /// stems and, for a name, its spelling.</summary>
    private IEnumerable<string> Glosses(Token token) =>
        token is { Kind: TokenKind.Word, IsStop: false, Text.Length: >= 2 } && !token.IsEnglish
            ? analyzer.Glosses(token.Text).Concat(analyzer.Spellings(token)).Select(stem => GlossPrefix + stem)
            : [];

    /// <summary>What a sentence or headline is about, for the sentences after it: the terms it names (places,
    /// people, organisations, events and concepts) other than question words, and its informative nouns (桨板,
    /// 公开赛, container) with their English senses.</summary>
    private IEnumerable<string> Subjects(List<Token> tokens, string normalized)
    {
        var general = analyzer.Resources.Informativeness;
        foreach (var t in tokens.Where(t => !t.IsPiece && !t.IsStop))
        {
            if (t.Kind == TokenKind.Term && knowledge.Terms[t.Text[1..]] is { Kind: not TermKind.Question })
            {
                yield return t.Text;
            }
            else if (t.Kind == TokenKind.Word && t.Start >= 0 && IsSubjectWord(t, normalized, general))
            {
                foreach (var key in Keys(t))
                {
                    yield return key;
                }
            }
        }
    }

    private static bool IsSubjectWord(Token t, string normalized, Informativeness general) => t.IsEnglish
        ? general.OfEnglish(normalized.AsSpan(t.Start, t.Length)) >= SubjectInformativeness
        : t.Text.Length >= 2 && (t.Pos.StartsWith('n') || t.Pos is "x" or "vn") && general.OfChinese(t.Text) >= SubjectInformativeness;

    /// <summary>How informative a word must be to carry over to the sentences after it as their subject.</summary>
    private const double SubjectInformativeness = 0.5;

    /// <summary>A date counts as one of its document's years. A state of things reported early in a year
    /// ("目前", dated 2026-01) with no year in its text also describes the year just ended, so it answers for 2025.</summary>
    private static void AddDate(Dictionary<string, int> counts, string date)
    {
        var year = Year(date);
        var statesAYear = counts.Keys.Any(k => k.StartsWith("#y:", StringComparison.Ordinal));
        counts.TryAdd($"#y:{year}", 1);
        if (date.Length >= 7 && int.Parse(date[5..7], CultureInfo.InvariantCulture) <= 3 && !statesAYear)
        {
            counts.TryAdd($"#y:{year - 1}", 1);
        }

        if (date.Length == 10)
        {
            counts.TryAdd($"#d:{int.Parse(date[5..7], CultureInfo.InvariantCulture)}-{int.Parse(date[8..10], CultureInfo.InvariantCulture)}", 1);
            counts.TryAdd($"#dd:{int.Parse(date[8..10], CultureInfo.InvariantCulture)}", 1);
        }
    }

    private static int Year(string date) => int.Parse(date[..4], CultureInfo.InvariantCulture);

    private static void Count(Dictionary<string, int> counts, List<Token> tokens)
    {
        foreach (var token in tokens)
        {
            if (!token.IsStop)
            {
                counts[token.Text] = counts.GetValueOrDefault(token.Text) + 1;
            }
        }
    }
}
