using NanshanBot.Knowledge.Model;

namespace NanshanBot.Knowledge.Loading;

/// <summary>Collects what the files declare and checks it as a whole: unique ids, known references,
/// one bot section and at most one menu, no name shared by two terms.</summary>
internal sealed class KnowledgeBuilder(List<KnowledgeError> errors)
{
    private readonly BlockReader reader = new(errors);
    private readonly Dictionary<string, (Source Source, Where Where)> sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Term Term, Where Where)> terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Where> factWhere = new(StringComparer.Ordinal);
    private readonly List<(Fact Fact, Block Block)> facts = [];
    private readonly List<Article> articles = [];
    private BotTexts? bot;
    private Where? botWhere;
    private IReadOnlyDictionary<string, MenuItem>? menu;
    private Where? menuWhere;

    public void AddBlocks(IEnumerable<Block> blocks)
    {
        foreach (var b in blocks)
        {
            switch (b.Type)
            {
                case "source":
                    if (reader.ReadSource(b) is { } s && Unique(sources.ContainsKey(s.Id), b, sources.GetValueOrDefault(s.Id).Where))
                    {
                        sources[s.Id] = (s, new Where(b.File, b.Line));
                    }

                    break;
                case "term":
                    if (reader.ReadTerm(b) is { } t && Unique(terms.ContainsKey(t.Id), b, terms.GetValueOrDefault(t.Id).Where))
                    {
                        terms[t.Id] = (t, new Where(b.File, b.Line));
                    }

                    break;
                case "fact":
                    if (reader.ReadFact(b) is { } f && Unique(factWhere.ContainsKey(f.Id), b, factWhere.GetValueOrDefault(f.Id)))
                    {
                        factWhere[f.Id] = new Where(b.File, b.Line);
                        facts.Add((f, b));
                    }

                    break;
                case "bot":
                    if (reader.ReadBot(b) is { } bt && Unique(bot is not null, b, botWhere))
                    {
                        (bot, botWhere) = (bt, new Where(b.File, b.Line));
                    }

                    break;
                case "menu":
                    if (Unique(menu is not null, b, menuWhere))
                    {
                        (menu, menuWhere) = (reader.ReadMenu(b), new Where(b.File, b.Line));
                    }

                    break;
                default:
                    reader.Unknown(b);
                    break;
            }
        }
    }

    public void AddArticle(string path, Source? source, IReadOnlyList<Passage> articlePassages)
    {
        if (source is not null)
        {
            if (sources.TryGetValue(source.Id, out var other))
            {
                errors.Add(new(path, 1, $"source id '{source.Id}' (from the file name) is already used at {other.Where}"));
            }
            else
            {
                sources[source.Id] = (source, new Where(path, 1));
            }
        }

        if (articlePassages.Count > 0)
        {
            articles.Add(articlePassages[0].Article);
        }
    }

    public KnowledgeBase? Build(string root, Lexicon lexicon, string version, string rulesVersion, IReadOnlyDictionary<string, ArticleFile> articleFiles)
    {
        CheckReferences();
        CheckTermNames();
        if (bot is null)
        {
            errors.Add(new(root, 0, "no [bot] section: add one (see knowledge/README.md) with intro_zh, intro_en, decline_zh, decline_en"));
        }

        if (facts.Count == 0 && articles.Count == 0)
        {
            errors.Add(new(root, 0, "the knowledge base has no facts and no articles"));
        }

        if (errors.Count > 0 || bot is null)
        {
            return null;
        }

        return new KnowledgeBase(
            sources.ToDictionary(p => p.Key, p => p.Value.Source, StringComparer.Ordinal),
            terms.ToDictionary(p => p.Key, p => p.Value.Term, StringComparer.Ordinal),
            facts.Select(f => f.Fact).ToList(),
            articles,
            lexicon,
            bot with { Menu = menu ?? new Dictionary<string, MenuItem>() },
            version,
            rulesVersion,
            articleFiles);
    }

    private void CheckReferences()
    {
        foreach (var (fact, block) in facts)
        {
            if (!sources.ContainsKey(fact.SourceId))
            {
                errors.Add(new(block.File, block.Fields["source"].Line, $"fact '{fact.Id}' names unknown source '{fact.SourceId}'"));
            }

            foreach (var term in fact.About.Where(t => !terms.ContainsKey(t)))
            {
                errors.Add(new(block.File, block.Fields["about"].Line, $"fact '{fact.Id}' is about unknown term '{term}'"));
            }
        }
    }

    private void CheckTermNames()
    {
        var owner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (term, where) in terms.Values)
        {
            foreach (var name in term.Names)
            {
                if (owner.TryGetValue(name, out var other) && other != term.Id)
                {
                    errors.Add(new(where.File, where.Line, $"the name '{name}' belongs to both term '{other}' and term '{term.Id}'"));
                }

                owner[name] = term.Id;
            }
        }
    }

    private bool Unique(bool exists, Block b, Where? firstWhere)
    {
        if (exists)
        {
            errors.Add(new(b.File, b.Line, $"duplicate id: {b.Header} is already defined at {firstWhere}"));
        }

        return !exists;
    }

    /// <summary>Where something was defined, for messages that point at both of two clashing definitions.</summary>
    private sealed record Where(string File, int Line)
    {
        public override string ToString() => $"{File}:{Line}";
    }
}
