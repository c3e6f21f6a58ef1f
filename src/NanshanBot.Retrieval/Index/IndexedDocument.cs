using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Index;

/// <summary>A fact or an article's sentence as the index sees it: its token counts (with, for a sentence, the
/// year and entities its paragraph or headline set), the terms it names, and what it only lists.</summary>
/// <remarks>Held compactly, since a knowledge base of ten thousand articles has some 400,000 of them: each key as
/// one 32-bit entry, sorted, with the key's number in the index's <see cref="Index.Vocabulary"/> (22 bits), its
/// count (4 bits, at most 15: BM25 hardly tells more apart) and what the document does with it (took it from its
/// paragraph, only lists it, has a figure of some kind beside it); the sets it shares with many others (its value
/// kinds, the other places it names) are shared instances. A sentence does not hold the English senses of its
/// Chinese words (<c>~stem</c>, nearly half of what the indexer counts): what it has of a sense follows from the
/// words it holds that have it (<see cref="Vocabulary.SensesOf"/>), counted together, listed only if each is; or,
/// if none of its own words has it, taken from its paragraph once.</remarks>
public sealed class IndexedDocument
{
    private const uint FrequencyMask = 0xF;
    private const uint ContextFlag = 1 << 4;
    private const uint ListedFlag = 1 << 5;
    private const int FigureShift = 6;
    private const uint FigureMask = 0xF << FigureShift;
    internal const int KeyShift = 10;

    /// <summary>The highest count an entry holds.</summary>
    internal const int MaxFrequency = (int)FrequencyMask;

    /// <summary>The most keys a vocabulary may number (22 bits of an entry).</summary>
    internal const int MaxKeys = 1 << (32 - KeyShift);

    private readonly uint[] entries;

    /// <summary>For a sentence its <see cref="Article"/>, for a fact the <see cref="Fact"/>; or a <see cref="Normalized"/>
    /// with either.</summary>
    private readonly object origin;

    /// <summary>The sets the document shares with many others, and the vocabulary that numbers its keys.</summary>
    private readonly SharedTraits traits;

    /// <summary>For a sentence, its number in its article (see <see cref="SentenceText.Number"/>): the document holds
    /// no <see cref="Knowledge.Model.Passage"/> object, it makes one when asked.</summary>
    private readonly int sentence;

    /// <summary>The length (at most <see cref="MaxLength"/>) in the low bits, the two flags above it.</summary>
    private readonly ushort lengthAndFlags;

    private readonly short relativeYear;

    private const int MaxLength = (1 << 14) - 1;
    private const ushort ListsValuesFlag = 1 << 14;
    private const ushort NamesSubjectFlag = 1 << 15;

    /// <summary>A fact, or a sentence whose normalised text does not follow from it character by character (see
    /// <see cref="FoldedText"/>), with that text: most sentences keep one copy of their text, not two.</summary>
    private sealed record Normalized(object Origin, string Text);

    internal IndexedDocument(DocumentDraft draft, SharedSets shared)
    {
        var passage = draft.Passage;
        origin = passage is not null && FoldedText.FoldsTo(passage.Text, draft.NormalizedText)
            ? passage.Article : new Normalized((object?)draft.Fact ?? passage!.Article, draft.NormalizedText);
        sentence = passage?.Number ?? 0;
        Source = draft.Source;
        lengthAndFlags = Pack(draft.Length, draft.ListsValues, draft.NamesSubject);
        traits = shared.Traits(draft.ValueKinds, draft.OtherPlaces, draft.ContextPlaces);
        relativeYear = checked((short)(draft.RelativeYear ?? 0));
        var vocabulary = Vocabulary;

        // Every key the document counts, and those it only marks (a listed item that is a stop word): a mark alone
        // has count 0, which the postings leave out.
        var marks = new Dictionary<int, uint>();
        foreach (var (key, count) in draft.TermFrequencies.Where(f => !IsDerived(f.Key)))
        {
            marks[vocabulary.Add(key)] = (uint)Math.Min(count, FrequencyMask);
        }

        Mark(draft.ContextKeys.Select(k => (k, ContextFlag)));
        Mark(draft.Listed.Select(k => (k, ListedFlag)));
        Mark(draft.Figures.Select(f => (f.Key, (uint)f.Value << FigureShift)));
        entries = [.. marks.OrderBy(m => m.Key).Select(m => ((uint)m.Key << KeyShift) | m.Value)];

        bool IsDerived(string key) => passage is not null && DocumentIndexer.IsSense(key);

        void Mark(IEnumerable<(string Key, uint Flag)> flags)
        {
            foreach (var (key, flag) in flags.Where(f => !IsDerived(f.Key)))
            {
                var id = vocabulary.Add(key);
                marks[id] = marks.GetValueOrDefault(id) | flag;
            }
        }
    }

    /// <summary>Sentence <paramref name="number"/> of <paramref name="article"/> as the index cache stored it (see
    /// <see cref="IndexCache"/>).</summary>
    internal IndexedDocument(Article article, int number, Source source, Stored stored)
    {
        origin = stored.NormalizedText is { } text ? new Normalized(article, text) : article;
        sentence = number;
        Source = source;
        lengthAndFlags = Pack(stored.Length, stored.ListsValues, stored.NamesSubject);
        traits = stored.Traits;
        relativeYear = checked((short)(stored.RelativeYear ?? 0));
        entries = stored.Entries;
    }

    private static ushort Pack(int length, bool listsValues, bool namesSubject) =>
        (ushort)(Math.Min(length, MaxLength) | (listsValues ? ListsValuesFlag : 0) | (namesSubject ? NamesSubjectFlag : 0));

    /// <summary>What the index cache keeps of an article's sentence besides the sentence itself.</summary>
    internal readonly record struct Stored(string? NormalizedText, int Length, SharedTraits Traits, bool ListsValues,
        int? RelativeYear, bool NamesSubject, uint[] Entries);

    internal Stored ToStored() => new(KeptText, Length, traits, ListsValues, RelativeYear, NamesSubject, entries);

    /// <summary>The kinds of answer the document's text gives: 'n' number, 'o' ordinal, 'y' year, 'd' date,
    /// 'p' percent, 'l' a place (other than Nanshan and its parents), 'h' a person, 'g' an organisation, 'e' a list, 'u' a length of time or a frequency,
    /// 'a' premises (an office, headquarters or address: with an organisation, an answer to "where").</summary>
    public IReadOnlySet<char> ValueKinds => traits.ValueKinds;

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

    public string Id => Fact?.Id ?? Passage!.Id;

    /// <summary>Set for a curated fact (answerable in both languages).</summary>
    public Fact? Fact => (origin as Normalized)?.Origin as Fact;

    /// <summary>Set for a sentence of an uncurated article (in its own language only); made when asked for.</summary>
    public Passage? Passage => Article?.PassageAt(sentence);

    /// <summary>Whether the document is an article's sentence (<see cref="Passage"/> is set).</summary>
    public bool IsPassage => Article is not null;

    /// <summary>A sentence's article.</summary>
    private Article? Article => origin as Article ?? (origin as Normalized)?.Origin as Article;

    /// <summary>A sentence's text, made from its article's.</summary>
    private string SentenceText => Article!.Paragraphs.Sentence(sentence);

    /// <summary>A sentence's characters, without making its text (see <see cref="SentenceText.Chars"/>).</summary>
    internal ReadOnlySpan<char> SentenceChars(ref char[] buffer) => Article!.Paragraphs.Chars(sentence, ref buffer);

    public Source Source { get; }

    /// <summary>All of the document's text, normalised, for matching words the segmenter split differently (made
    /// when asked for from a sentence that folds to it; <see cref="TextContains"/> searches without making it).</summary>
    public string NormalizedText => KeptText ?? FoldedText.Folded(SentenceText);

    /// <summary>The normalised text when the document keeps it (see <see cref="Normalized"/>).</summary>
    private string? KeptText => (origin as Normalized)?.Text;

    private Vocabulary Vocabulary => traits.Vocabulary;

    /// <summary>Whether the document keeps a copy of its normalised text (see <see cref="KeptText"/>).</summary>
    internal bool KeepsNormalizedText => KeptText is not null;

    /// <summary>Whether the normalised text contains <paramref name="word"/> (itself normalised).</summary>
    public bool TextContains(string word) => TextIndexOf(word) >= 0;

    /// <summary>Where the normalised text first has <paramref name="word"/> (itself normalised), or -1.</summary>
    public int TextIndexOf(string word) => KeptText is { } kept
        ? kept.IndexOf(word, StringComparison.Ordinal)
        : FoldedText.IndexOf(SentenceText, word);

    /// <summary>How many tokens the document has of its own (what it took from its paragraph does not count).</summary>
    public int Length => lengthAndFlags & MaxLength;

    /// <summary>Whether the enumerations carry values (7所高校、9家诺奖实验室), so that each item is a statement.</summary>
    public bool ListsValues => (lengthAndFlags & ListsValuesFlag) != 0;

    /// <summary>The year the figures of an article's sentence refer to when it says so only relatively (去年, this
    /// year), for replies that must say which year a figure is for.</summary>
    public int? RelativeYear => relativeYear == 0 ? null : relativeYear;

    /// <summary>For an article's sentence: the other districts and cities it names in its own words (宝安区, 福田区),
    /// which make it about them rather than about Nanshan unless it names Nanshan too.</summary>
    public IReadOnlySet<string> OtherPlaces => traits.OtherPlaces;

    /// <summary>For an article's sentence that names no place: the other places its paragraph or headline is about
    /// ("全区机器人整机企业18家" in a report on 大鹏), so that its figures are not taken for Nanshan's.</summary>
    public IReadOnlySet<string> ContextPlaces => traits.ContextPlaces;

    /// <summary>Whether the sentence names the bot's own subject (南山) in its own words.</summary>
    public bool NamesSubject => (lengthAndFlags & NamesSubjectFlag) != 0;

    public bool Contains(string token) => (Entry(token) & FrequencyMask) > 0;

    /// <summary>What the document does with <paramref name="key"/>, found once for several questions about it.</summary>
    public KeyUse Use(string key) => new(Entry(key));

    /// <summary>What a document does with one key (see <see cref="Use"/>).</summary>
    public readonly struct KeyUse
    {
        private readonly uint entry;

        internal KeyUse(uint entry) => this.entry = entry;

        /// <inheritdoc cref="IndexedDocument.Contains"/>
        public bool IsPresent => (entry & FrequencyMask) > 0;

        /// <inheritdoc cref="IndexedDocument.IsContextKey"/>
        public bool FromContext => (entry & ContextFlag) != 0;
    }

    /// <summary>For an article's sentence, whether it took <paramref name="key"/> from its paragraph or headline
    /// (a year, an entity, a subject) rather than from its own words.</summary>
    public bool IsContextKey(string key) => (Entry(key) & ContextFlag) != 0;

    /// <summary>Whether every occurrence of <paramref name="key"/> is an item of an enumeration ("拥堵治理、电动自行车
    /// 管理等"): the document names it without saying anything about it.</summary>
    public bool IsListed(string key) => (Entry(key) & ListedFlag) != 0;

    /// <summary>What kinds of figure share a clause with <paramref name="key"/> (汇聚7所高校: 高校), so that the
    /// figure may count it: a level answers "how many", a change "how much did it grow", a length of time "how long".</summary>
    public FigureKinds FiguresOf(string key) => (FigureKinds)((Entry(key) & FigureMask) >> FigureShift);

    /// <summary>The keys that share a clause with a figure.</summary>
    public IEnumerable<string> FigureKeys => Keys(e => (e & FigureMask) != 0);

    /// <summary>Whether any of the <see cref="FigureKeys"/> satisfies <paramref name="match"/>, without listing them
    /// (asked of each of hundreds of candidates).</summary>
    public bool AnyFigureKey(Func<string, bool> match)
    {
        var vocabulary = Vocabulary;
        foreach (var entry in entries)
        {
            if ((entry & FigureMask) == 0)
            {
                continue;
            }

            var key = (int)(entry >> KeyShift);
            if (match(vocabulary[key]))
            {
                return true;
            }

            // A sentence's senses of the word whose derived entries have a figure too, as Keys lists them.
            if (IsPassage)
            {
                foreach (var sense in vocabulary.SensesOf(key))
                {
                    if ((SenseEntry(sense) & FigureMask) != 0 && match(vocabulary[sense]))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>What an article's sentence took from its paragraph and headline.</summary>
    public IEnumerable<string> ContextKeys => Keys(e => (e & ContextFlag) != 0);

    /// <summary>The keys the document only lists.</summary>
    public IEnumerable<string> Listed => Keys(e => (e & ListedFlag) != 0);

    public string Text(Language language) => Fact?.Text(language) ?? SentenceText;

    /// <summary>The language the document can be shown in for a question in <paramref name="asked"/>.</summary>
    public Language LanguageFor(Language asked) => Article?.Language ?? asked;

    /// <summary>How many keys the document has; <see cref="KeyAt"/> and <see cref="FrequencyAt"/> give each key's
    /// number and count (0 for a key it only marks), for the postings.</summary>
    internal int KeyCount => entries.Length;

    internal int KeyAt(int position) => (int)(entries[position] >> KeyShift);

    internal int FrequencyAt(int position) => (int)(entries[position] & FrequencyMask);

    /// <summary>Adds the document's senses with their counts to <paramref name="counts"/> (indexed by key number,
    /// zero where untouched), listing each sense it adds in <paramref name="touched"/>; for the postings. The senses
    /// its own words have count as often as the words do; one that only words it took from its paragraph have
    /// counts once. <paramref name="fromParagraph"/> is room for those, left empty.</summary>
    internal void CountSenses(int[] counts, List<int> touched, List<int> fromParagraph)
    {
        if (!IsPassage)
        {
            return;
        }

        var links = Vocabulary.Links.Senses;
        foreach (var entry in entries)
        {
            if ((entry & FrequencyMask) is > 0 and var frequency && links.Of((int)(entry >> KeyShift)) is { IsEmpty: false } senses)
            {
                if ((entry & ContextFlag) != 0)
                {
                    fromParagraph.AddRange(senses);
                    continue;
                }

                foreach (var sense in senses)
                {
                    if (counts[sense] == 0)
                    {
                        touched.Add(sense);
                    }

                    counts[sense] += (int)frequency;
                }
            }
        }

        foreach (var sense in fromParagraph)
        {
            if (counts[sense] == 0)
            {
                touched.Add(sense);
                counts[sense] = 1;
            }
        }

        fromParagraph.Clear();
    }

    private uint Entry(string key)
    {
        if (!Vocabulary.TryGetId(key, out var id))
        {
            return 0;
        }

        return IsPassage && DocumentIndexer.IsSense(key) ? SenseEntry(id) : Find(id);
    }

    private uint Find(int id)
    {
        int low = 0, high = entries.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var found = (int)(entries[middle] >> KeyShift);
            if (found == id)
            {
                return entries[middle];
            }

            (low, high) = found < id ? (middle + 1, high) : (low, middle - 1);
        }

        return 0;
    }

    /// <summary>The entry a sentence would hold for sense <paramref name="id"/>: from its own words that have it,
    /// or else from its paragraph's (see <see cref="CountSenses"/>). A sense of a few words has each searched among
    /// the sentence's keys; one of many, the two lists are walked together.</summary>
    private uint SenseEntry(int id)
    {
        var words = Vocabulary.WordsOf(id);
        uint frequency = 0, unlisted = 0, figures = 0;
        var fromParagraph = false;
        if (words.Length * 4 <= entries.Length)
        {
            foreach (var word in words)
            {
                Add(Find(word));
            }
        }
        else
        {
            // Both sorted, of similar lengths: one walk through the two.
            for (int w = 0, e = 0; w < words.Length && e < entries.Length;)
            {
                var key = (int)(entries[e] >> KeyShift);
                if (key < words[w])
                {
                    e++;
                }
                else if (key > words[w])
                {
                    w++;
                }
                else
                {
                    Add(entries[e++]);
                    w++;
                }
            }
        }

        return frequency > 0 ? Math.Min(frequency, FrequencyMask) | (unlisted == 0 ? ListedFlag : 0) | figures
            : fromParagraph ? 1 | ContextFlag : 0;

        void Add(uint entry)
        {
            if ((entry & FrequencyMask) is > 0 and var count)
            {
                if ((entry & ContextFlag) != 0)
                {
                    fromParagraph = true;
                    return;
                }

                frequency += count;
                unlisted |= ~entry & ListedFlag;
                figures |= entry & FigureMask;
            }
        }
    }

    /// <summary>The keys whose entries <paramref name="which"/> picks, the senses' among them: a sense whose derived
    /// entry is picked has a word whose entry is (a flag of its own words or, for one taken from the paragraph, of a
    /// paragraph's word), so only those words' senses are looked at.</summary>
    private IEnumerable<string> Keys(Func<uint, bool> which)
    {
        var vocabulary = Vocabulary;
        var picked = new List<string>();
        List<int>? senses = null;
        foreach (var entry in entries)
        {
            if (which(entry))
            {
                picked.Add(vocabulary[(int)(entry >> KeyShift)]);
                if (IsPassage && vocabulary.SensesOf((int)(entry >> KeyShift)) is { IsEmpty: false } of)
                {
                    (senses ??= []).AddRange(of);
                }
            }
        }

        return senses is null ? picked
            : picked.Concat(senses.Distinct().Order().Where(sense => which(SenseEntry(sense))).Select(sense => vocabulary[sense]));
    }
}

/// <summary>A document as the indexer describes it, before the index stores it compactly.</summary>
internal sealed class DocumentDraft(Fact? fact, Passage? passage, Source source,
    Dictionary<string, int> termFrequencies, string normalizedText, IReadOnlySet<char> valueKinds)
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    public Fact? Fact => fact;

    public Passage? Passage => passage;

    public Source Source => source;

    public Dictionary<string, int> TermFrequencies => termFrequencies;

    public string NormalizedText => normalizedText;

    public IReadOnlySet<char> ValueKinds => valueKinds;

    public int Length { get; init; } = termFrequencies.Values.Sum();

    public IReadOnlySet<string> Listed { get; init; } = None;

    public bool ListsValues { get; init; }

    public IReadOnlyDictionary<string, FigureKinds> Figures { get; init; } = new Dictionary<string, FigureKinds>();

    public int? RelativeYear { get; init; }

    public IReadOnlySet<string> ContextKeys { get; init; } = None;

    public IReadOnlySet<string> OtherPlaces { get; init; } = None;

    public IReadOnlySet<string> ContextPlaces { get; init; } = None;

    public bool NamesSubject { get; init; }
}

/// <summary>The sets a document shares with many others: what kinds of value it gives, the other places it names
/// and those its paragraph is about; and the vocabulary of its index.</summary>
internal sealed record SharedTraits(Vocabulary Vocabulary, IReadOnlySet<char> ValueKinds, IReadOnlySet<string> OtherPlaces, IReadOnlySet<string> ContextPlaces);

/// <summary>One instance of each distinct small set the documents of an index hold (a few dozen combinations of
/// value kinds, a few hundred of places), instead of one per document, and of each combination of them.</summary>
internal sealed class SharedSets(Vocabulary vocabulary)
{
    private readonly Dictionary<string, IReadOnlySet<char>> kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlySet<string>> places = new(StringComparer.Ordinal);
    private readonly Dictionary<(object, object, object), SharedTraits> traits = [];

    public IReadOnlySet<char> Kinds(IReadOnlySet<char> set)
    {
        var key = new string([.. set.Order()]);
        return kinds.TryGetValue(key, out var shared) ? shared : kinds[key] = new HashSet<char>(set);
    }

    public IReadOnlySet<string> Places(IReadOnlySet<string> set)
    {
        var key = string.Join('\n', set.Order(StringComparer.Ordinal));
        return places.TryGetValue(key, out var shared) ? shared : places[key] = new HashSet<string>(set, StringComparer.Ordinal);
    }

    public SharedTraits Traits(IReadOnlySet<char> valueKinds, IReadOnlySet<string> otherPlaces, IReadOnlySet<string> contextPlaces)
    {
        var (kindSet, placeSet, contextSet) = (Kinds(valueKinds), Places(otherPlaces), Places(contextPlaces));
        var key = ((object)kindSet, (object)placeSet, (object)contextSet);
        return traits.TryGetValue(key, out var shared) ? shared : traits[key] = new SharedTraits(vocabulary, kindSet, placeSet, contextSet);
    }
}
