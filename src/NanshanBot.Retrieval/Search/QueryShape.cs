using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// What a question asks for (its content tokens, how much each says, and the kind of value it wants) and what
/// narrows it down (its years, dates and named entities other than the bot's own subject). "福田区2025年GDP"
/// shares GDP and 2025 with the Nanshan GDP fact but names another district: only a fact about 福田 may answer it.
/// A year said relatively (去年) narrows only while something of that year answers.
/// </summary>
internal sealed partial class QueryShape
{
    private readonly KnowledgeBase knowledge;

    public QueryShape(KnowledgeIndex index, Query query)
    {
        knowledge = index.Knowledge;
        Query = query;
        var tokens = query.Tokens;
        var implied = ImpliedTerms(knowledge, tokens);
        Content = tokens.Where(t => t.IsContent && !implied.Contains(t.Text)).DistinctBy(t => t.Text).ToList();
        names = Content.Where(t => IsName(index, query, t)).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var entities = Content.Where(t => IsEntity(t) || names.Contains(t.Text)).Select(t => t.Text).ToList();
        Covered = Content.Count > entities.Count ? Content.Where(t => !entities.Contains(t.Text)).ToList() : Content;
        places = index.Places.Others(tokens);
        placeIndex = index.Places;
        Constraints = tokens.Where(t => t.IsConstraint && !t.IsRelativeYear).Select(t => t.Text).Concat(entities).Concat(places).Distinct().ToList();
        namedThings = entities.Where(e => e[0] == '@').Concat(places).Distinct().ToList();
        RelativeYears = tokens.Where(t => t.IsRelativeYear).Select(t => t.Text).Distinct().ToList();
        NamesEntity = entities.Any(c => c[0] == '@');
        // Nanshan may be said inside another term's name ("the mayor of Nanshan"): the question still names it.
        namesSubject = tokens.Any(t => t.Kind == TokenKind.Term && knowledge.Terms[t.Text[1..]].Role == DefaultRole.Subject)
            || index.Places.SubjectsNamedIn([query.Normalized]).Any();
        AsksAboutAnotherPlace = !namesSubject
            && entities.Any(c => c[0] == '@' && knowledge.Terms[c[1..]] is { Kind: TermKind.Place, Role: not DefaultRole.Part });
        RequiredConcepts = NamesEntity
            ? Content.Where(t => t.Kind == TokenKind.Term && knowledge.Terms[t.Text[1..]].Kind == TermKind.Concept).Select(t => t.Text).ToList()
            : [];
        kinds = new AskedKinds(index, query, Covered);
        surfaces = new KeySurfaces(index);
        figures = new FigureOwners(index, kinds, namedThings, surfaces);
        holdsToArticlesOnSubject = !NamesEntity && names.Count == 0 && places.Count == 0 && !AsksAboutAnotherPlace
            && (namesSubject || ExpectedKinds.Count == 0 || ExpectedKinds.Overlaps("nop"));
    }

    private readonly FigureOwners figures;
    private readonly KeySurfaces surfaces;

    private readonly AskedKinds kinds;

    /// <summary>Whether the document gives exactly the kind asked (a place for "where"), not a stand-in for it.</summary>
    public bool GivesExactKind(IndexedDocument document) => kinds.GivesExactly(document);

    public Query Query { get; }

    /// <summary>Whether the question asks for several things at once ("人均GDP和单位面积GDP分别是多少"), which
    /// several documents may answer together.</summary>
    public bool AsksSeveral => Several().IsMatch(Query.Normalized);

    /// <summary>Whether the question asks about now in so many words (现在, latest): then only the newest figure
    /// is given, without the older one beside it.</summary>
    public bool AsksNow => Now().IsMatch(Query.Normalized);

    [System.Text.RegularExpressions.GeneratedRegex(@"现在|目前|如今|当前|最新|\b(?:now|latest|currently|current|today|these days)\b")]
    private static partial System.Text.RegularExpressions.Regex Now();

    [System.Text.RegularExpressions.GeneratedRegex(@"和|与|及|分别|各自|各是|、|\b(?:and|both|respectively|as well as)\b")]
    private static partial System.Text.RegularExpressions.Regex Several();

    /// <summary>Every content token: what the question is about and what it asks.</summary>
    public IReadOnlyList<Token> Content { get; }

    /// <summary>The content a document must cover: the named entities are constraints, not coverage, unless the
    /// question names nothing else ("黄仁勋呢").</summary>
    public IReadOnlyList<Token> Covered { get; }

    /// <summary>What a document must contain: stated years and dates, and named entities.</summary>
    public IReadOnlyList<string> Constraints { get; }

    /// <summary>Years said relatively (今年, 去年): preferred, given up when nothing of that year answers.</summary>
    public IReadOnlyList<string> RelativeYears { get; }

    /// <summary>Whether the question names a specific place, person, organisation or event.</summary>
    public bool NamesEntity { get; }

    /// <summary>Whether the question states a year or date, so that the newest source is not simply preferred.</summary>
    public bool NamesTime => Constraints.Any(c => c[0] == '#') || RelativeYears.Count > 0;

    /// <summary>When a question names an entity, every concept it asks about must be in the answer too:
    /// "Futian's GDP" is not answered by a fact about Futian that says nothing of GDP.</summary>
    public IReadOnlyList<string> RequiredConcepts { get; }

    /// <summary>The value kinds (as in <see cref="IndexedDocument.ValueKinds"/>) the question asks for.</summary>
    public IReadOnlySet<char> ExpectedKinds => kinds.Expected;

    /// <summary>Whether the question is about a place other than Nanshan without naming Nanshan ("海淀区的GDP",
    /// "深圳的GDP").</summary>
    public bool AsksAboutAnotherPlace { get; }

    /// <summary>Whether the fact is about (not merely mentions) every entity the question names: its curated
    /// <c>about</c> list has them all. "黄仁勋来南山做了什么" is about a fact on his visit, not one that mentions
    /// him in passing.</summary>
    public bool IsAbout(IndexedDocument document) =>
        NamesEntity && document.Fact is { } fact && Constraints.Where(c => c[0] == '@').All(c => fact.About.Contains(c[1..]));

    /// <param name="holdsRequired">Whether the document is known to have every year, date and entity the question
    /// requires (one of the documents a walk within them found): those are not looked up again.</param>
    public bool IsSatisfiedBy(IndexedDocument document, bool holdsRequired = false) =>
        HasConstraints(document, holdsRequired)
        && ContainsAll(document, RequiredConcepts)
        && !(AsksAboutAnotherPlace && IsAboutTheSubject(document))
        && !IsAboutAnotherPlace(document)
        && !IsFromAnArticleOnSomethingElse(document);

    /// <summary>Whether the document has the question's years, dates and entities, and each name it gives that no
    /// term defines (曦潮, Universiade) in its own words or in its text. Written as loops: ranking asks this of
    /// thousands of documents per question.</summary>
    private bool HasConstraints(IndexedDocument document, bool holdsRequired)
    {
        foreach (var c in Constraints)
        {
            var met = c[0] is '#' or '@'
                ? holdsRequired || document.Contains(c)
                : (document.Contains(c) && !document.IsContextKey(c)) || document.TextContains(c);
            if (!met)
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsAll(IndexedDocument document, IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            if (!document.Contains(key))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A question about Nanshan itself (it names 南山, or asks for a figure and names nothing else: its GDP,
    /// its population, when it was founded; no other place, person, organisation or event) is answered from an
    /// article's sentence only if the article names Nanshan somewhere and the sentence is not about another place
    /// by its paragraph or headline ("全区常住人口约100万人" in a report on 福田): news about other places says
    /// nothing about Nanshan, however alike its sentences are. A question about something else that it does not
    /// place (an event's date) is not held to this: what it asks about identifies the sentence.</summary>
    private bool IsFromAnArticleOnSomethingElse(IndexedDocument document) =>
        document.IsPassage && holdsToArticlesOnSubject
        && (!placeIndex.FromArticleOnSubject(document) || (document.ContextPlaces.Count > 0 && !document.NamesSubject));

    /// <summary>A sentence that names the place asked beside others is about the one it names first ("徐汇区与罗湖区
    /// 一同进入百强区前30名，徐汇区长……表示" is 徐汇's).</summary>
    private bool NamesAnotherFirst(IndexedDocument document)
    {
        if (document.OtherPlaces.Count < 2)
        {
            return false;
        }

        var other = surfaces.FirstOf(document, document.OtherPlaces.Where(p => !places.Contains(p)));
        var asked = surfaces.FirstOf(document, document.OtherPlaces.Where(places.Contains));
        return other >= 0 && asked >= 0 && other < asked;
    }

    /// <summary>Whether the question is about Nanshan itself, as <see cref="IsFromAnArticleOnSomethingElse"/> says.</summary>
    private readonly bool holdsToArticlesOnSubject;

    /// <summary>Whether a document placed as <paramref name="placing"/> may satisfy the question at all: what
    /// <see cref="IsSatisfiedBy"/> rules out by place alone (a report on another district, for a question about
    /// Nanshan), read for every document before it is scored. Never false for one that satisfies it.</summary>
    public bool MayAdmit(Placing placing) =>
        (placing & Placing.Curated) != 0
        || !((places.Count == 0 && (placing & Placing.NamesOnlyOtherPlaces) != 0)
            || (holdsToArticlesOnSubject && ((placing & Placing.FromArticleOnSubject) == 0 || (placing & Placing.PlacedElsewhere) != 0)));

    /// <summary>Whether the document has the years the question said relatively (去年): preferred, not required.</summary>
    public bool HasRelativeYears(IndexedDocument document) => RelativeYears.All(document.Contains);

    /// <summary>An article's sentence that names another district and not Nanshan ("福田区2025年预算支出约495亿元")
    /// is about that district: it answers only a question that names it. One that names no place is about its
    /// paragraph's: it answers a question about a district only if that is the place its paragraph is about
    /// ("District head … said" in a report on Bao'an that ranks Luohu beside it is not Luohu's).</summary>
    private bool IsAboutAnotherPlace(IndexedDocument document) =>
        (document.OtherPlaces.Count > 0 && !document.NamesSubject && (!document.OtherPlaces.Overlaps(places) || NamesAnotherFirst(document)))
        || (places.Count > 0 && document.OtherPlaces.Count == 0 && !document.NamesSubject
            && document.ContextPlaces.Count > 0 && !document.ContextPlaces.IsSubsetOf(places));

    private readonly HashSet<string> places;
    private readonly Places placeIndex;
    private readonly bool namesSubject;
    private readonly HashSet<string> names;
    private readonly List<string> namedThings;

    /// <summary>Whether the document states a value of the kind the question asks for (or it asks for none).</summary>
    public bool WantsValueOf(IndexedDocument document) => ExpectedKinds.Count == 0 || kinds.GivenBy(document);

    /// <summary>Whether every word of the question the document matched is only an item of a list in it
    /// ("回应了拥堵治理、电动自行车管理等问题"): it names them but says nothing about them, unless its items carry
    /// the values asked for ("7所高校、9家诺奖实验室").</summary>
    public bool OnlyLists(IndexedDocument document, DocumentMatch match) =>
        match.ListedShare >= ListedShare && !(document.ListsValues && ExpectedKinds.Overlaps("nop"));

    /// <summary>The share of the matched words' weight that, only listed, makes a document a mention.</summary>
    private const double ListedShare = 0.5;

    /// <inheritdoc cref="FigureOwners"/>
    public bool CountsWhatIsAsked(IndexedDocument document, IReadOnlySet<string> hits) => figures.CountsWhatIsAsked(document, hits);

    /// <summary>A word no dictionary has that the knowledge uses (曦潮, BlueWake, Universiade) is a name: like a
    /// named entity it narrows answers down rather than counting towards coverage.</summary>
    private static bool IsName(KnowledgeIndex index, Query query, Token token)
    {
        if (token.Kind != TokenKind.Word || token.Start < 0 || token.Text.Length < 2)
        {
            return false;
        }

        if (token.IsEnglish)
        {
            var surface = query.Normalized.Substring(token.Start, token.Length);
            return surface.Length > Informativeness.NoiseLength && !index.Analyzer.Resources.Informativeness.IsEnglishWord(surface)
                && index.DocumentFrequency(token.Text) + index.DocumentFrequency(DocumentIndexer.GlossPrefix + token.Text) > 0;
        }

        return !index.Analyzer.Segmenter.IsKnown(token.Text) && index.Analyzer.Resources.Bilingual.Senses(token.Text).Length == 0
            && index.AnyTextContains(token.Text);
    }

    private bool IsEntity(Token token) => token.Kind == TokenKind.Term && knowledge.Terms[token.Text[1..]].IsNamedEntity;

    /// <summary>A fact whose first <c>about</c> term is Nanshan is Nanshan's: it may mention 海淀 as a comparison,
    /// but it does not answer a question about 海淀.</summary>
    private bool IsAboutTheSubject(IndexedDocument document) =>
        document.Fact?.About.FirstOrDefault() is { } first && knowledge.Terms[first].Role == DefaultRole.Subject;

    /// <summary>The subject (南山) narrows nothing; a parent place (深圳) only when it qualifies the subject
    /// next to it ("深圳南山区", "Shenzhen's Nanshan"), not when it is what is asked about ("占深圳的多少").</summary>
    private static HashSet<string> ImpliedTerms(KnowledgeBase knowledge, List<Token> tokens)
    {
        var named = tokens.Where(t => !t.IsPiece && !t.IsStop).ToList();
        var implied = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < named.Count; i++)
        {
            if (named[i].Kind != TokenKind.Term)
            {
                continue;
            }

            var role = knowledge.Terms[named[i].Text[1..]].Role;
            if (role == DefaultRole.Subject || (role == DefaultRole.Parent && (IsSubject(i - 1) || IsSubject(i + 1))))
            {
                implied.Add(named[i].Text);
            }
        }

        return implied;

        bool IsSubject(int i) => i >= 0 && i < named.Count && named[i].Kind == TokenKind.Term
            && knowledge.Terms[named[i].Text[1..]].Role == DefaultRole.Subject;
    }
}
