using NanshanBot.Knowledge.Model;

namespace NanshanBot.Retrieval.Index;

/// <summary>A fact or an article's sentence as the index sees it: its token counts (with, for a sentence, the
/// year and entities its paragraph or headline set), the terms it names, and what it only lists.</summary>
public sealed class IndexedDocument
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    public IndexedDocument(string id, Fact? fact, Passage? passage, Source source,
        Dictionary<string, int> termFrequencies, string normalizedText, IReadOnlySet<char> valueKinds)
    {
        Id = id;
        Fact = fact;
        Passage = passage;
        Source = source;
        TermFrequencies = termFrequencies;
        NormalizedText = normalizedText;
        Length = termFrequencies.Values.Sum();
        ValueKinds = valueKinds;
    }

    /// <summary>The kinds of answer the document's text gives: 'n' number, 'o' ordinal, 'y' year, 'd' date,
    /// 'p' percent, 'l' a place (other than Nanshan and its parents), 'h' a person, 'g' an organisation, 'e' a list, 'u' a length of time or a frequency,
    /// 'a' premises (an office, headquarters or address: with an organisation, an answer to "where").</summary>
    public IReadOnlySet<char> ValueKinds { get; }

    /// <summary>The code of an answer kind of language/answer-types.txt.</summary>
    public static char KindCode(string kind) => kind switch
    {
        "ordinal" => 'o',
        "place" => 'l',
        "person" => 'h',
        "organisation" => 'g',
        "list" => 'e',
        "duration" => 'u',
        _ => kind[0],
    };

    public string Id { get; }

    /// <summary>Set for a curated fact (answerable in both languages).</summary>
    public Fact? Fact { get; }

    /// <summary>Set for a sentence of an uncurated article (in its own language only).</summary>
    public Passage? Passage { get; }

    public Source Source { get; }

    public Dictionary<string, int> TermFrequencies { get; }

    /// <summary>All of the document's text, normalised, for matching words the segmenter split differently.</summary>
    public string NormalizedText { get; }

    /// <summary>How many tokens the document has of its own (what it took from its paragraph does not count).</summary>
    public int Length { get; init; }

    /// <summary>Tokens whose every occurrence is an item of an enumeration ("拥堵治理、电动自行车管理等"): the
    /// document names them without saying anything about them.</summary>
    public IReadOnlySet<string> Listed { get; init; } = None;

    /// <summary>Whether the enumerations carry values (7所高校、9家诺奖实验室), so that each item is a statement.</summary>
    public bool ListsValues { get; init; }

    /// <summary>Tokens that share a clause with a figure (汇聚7所高校: 高校), so that the figure may count them, and
    /// what kind of figure: a level answers "how many", a change "how much did it grow", a length of time "how long".</summary>
    public IReadOnlyDictionary<string, FigureKinds> Figures { get; init; } = NoFigures;

    private static readonly Dictionary<string, FigureKinds> NoFigures = [];

    /// <summary>The year the figures of an article's sentence refer to when it says so only relatively (去年, this
    /// year), for replies that must say which year a figure is for.</summary>
    public int? RelativeYear { get; init; }

    /// <summary>For an article's sentence, what it took from its paragraph and headline (years, entities,
    /// subjects) rather than from its own words.</summary>
    public IReadOnlySet<string> ContextKeys { get; init; } = None;

    /// <summary>For an article's sentence: the other districts and cities it names in its own words (宝安区, 福田区),
    /// which make it about them rather than about Nanshan unless it names Nanshan too.</summary>
    public IReadOnlySet<string> OtherPlaces { get; init; } = None;

    /// <summary>Whether the sentence names the bot's own subject (南山) in its own words.</summary>
    public bool NamesSubject { get; init; }

    public bool Contains(string token) => TermFrequencies.ContainsKey(token);

    public string Text(Language language) => Fact?.Text(language) ?? Passage!.Text;

    /// <summary>The language the document can be shown in for a question in <paramref name="asked"/>.</summary>
    public Language LanguageFor(Language asked) => Fact is not null ? asked : Passage!.Language;
}
