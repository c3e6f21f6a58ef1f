using NanshanBot.Knowledge.Model;

namespace NanshanBot.Retrieval.Index;

/// <summary>A fact or an article passage as the index sees it: its token counts and the terms it names.</summary>
public sealed class IndexedDocument
{
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
    /// 'p' percent, 'l' a place (other than Nanshan and its parents), 'h' a person, 'g' an organisation.</summary>
    public IReadOnlySet<char> ValueKinds { get; }

    /// <summary>The code of an answer kind of language/answer-types.txt.</summary>
    public static char KindCode(string kind) => kind switch
    {
        "ordinal" => 'o',
        "place" => 'l',
        "person" => 'h',
        "organisation" => 'g',
        _ => kind[0],
    };

    public string Id { get; }

    /// <summary>Set for a curated fact (answerable in both languages).</summary>
    public Fact? Fact { get; }

    /// <summary>Set for a passage of an uncurated article (in its own language only).</summary>
    public Passage? Passage { get; }

    public Source Source { get; }

    public Dictionary<string, int> TermFrequencies { get; }

    /// <summary>All of the document's text, normalised, for matching words the segmenter split differently.</summary>
    public string NormalizedText { get; }

    public int Length { get; }

    public bool Contains(string token) => TermFrequencies.ContainsKey(token);

    public string Text(Language language) => Fact?.Text(language) ?? Passage!.Text;

    /// <summary>The language the document can be shown in for a question in <paramref name="asked"/>.</summary>
    public Language LanguageFor(Language asked) => Fact is not null ? asked : Passage!.Language;
}
