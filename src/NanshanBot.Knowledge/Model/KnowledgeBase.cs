namespace NanshanBot.Knowledge.Model;

/// <summary>A loaded, validated knowledge base. Immutable: a reload builds a new one and swaps it in whole.</summary>
public sealed class KnowledgeBase
{
    public KnowledgeBase(
        IReadOnlyDictionary<string, Source> sources,
        IReadOnlyDictionary<string, Term> terms,
        IReadOnlyList<Fact> facts,
        IReadOnlyList<Passage> passages,
        Lexicon lexicon,
        BotTexts bot,
        string version)
    {
        Sources = sources;
        Terms = terms;
        Facts = facts;
        Passages = passages;
        Lexicon = lexicon;
        Bot = bot;
        Version = version;
    }

    public IReadOnlyDictionary<string, Source> Sources { get; }

    public IReadOnlyDictionary<string, Term> Terms { get; }

    public IReadOnlyList<Fact> Facts { get; }

    /// <summary>Every sentence of every article, in order.</summary>
    public IReadOnlyList<Passage> Passages { get; }

    public Lexicon Lexicon { get; }

    public BotTexts Bot { get; }

    /// <summary>A content hash of every file read: two loads of the same files share a version.</summary>
    public string Version { get; }
}
