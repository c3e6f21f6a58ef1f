using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>
/// How much each content word of a question matters (how informative it is in general language), the forms it
/// may take in a document (itself; across languages its English senses or a Chinese word's), and so what share of
/// the question a document, or a set of documents, covers.
/// </summary>
/// <summary>How a document matches a question's content words; <see cref="OwnShare"/> is the share of the question
/// it matches by its own words rather than by what it took from its paragraph or headline. <see cref="Credits"/>
/// and <see cref="Hits"/> are the question's to reuse: they hold this document's only until the next is matched.</summary>
internal readonly record struct DocumentMatch(Dictionary<string, double> Credits, HashSet<string> Hits, double ListedShare, double OwnShare);

internal sealed class ContentWeights
{
    /// <summary>A match through a translation counts a little less than the word itself.</summary>
    public const double EnglishOfChinese = 0.8;
    public const double ChineseOfEnglish = 0.8;
    public const double ChineseSynonym = 0.7;

    private readonly List<Entry> entries;
    private readonly double total;

    /// <summary>What <see cref="Match"/> fills for each document, cleared rather than made anew: a question matches
    /// up to thousands of documents, most of which fail the checks that follow.</summary>
    private readonly Dictionary<string, double> credits = new(StringComparer.Ordinal);
    private readonly HashSet<string> hits = new(StringComparer.Ordinal);

    /// <summary>A word a sentence has only from its paragraph or headline (the topic set before it) counts this much.</summary>
    public const double FromContext = 0.6;

    public ContentWeights(KnowledgeIndex index, Query query, IReadOnlyList<Token> covered)
    {
        entries = covered.Select(t => new Entry(t.Text, query.Weight(t.Text), Forms(index, t), !t.IsEnglish && t.Kind == TokenKind.Word)).ToList();
        total = entries.Sum(e => e.Weight);
    }

    /// <summary>Each content word with the index keys it may be found as, and how much each counts.</summary>
    public IEnumerable<(string Key, double Weight)> Keys() =>
        entries.SelectMany(e => e.Forms.SelectMany(f => f.Keys.Select(k => (k, e.Weight * f.Factor / f.Keys.Length))));

    /// <summary>Which content words the document contains (credit 0..1 each), by which keys, and what share of
    /// the matched weight it only lists (see <see cref="DocumentMatch"/> for how long its sets hold).</summary>
    public DocumentMatch Match(IndexedDocument document)
    {
        credits.Clear();
        hits.Clear();
        double matched = 0, listed = 0, own = 0;
        foreach (var entry in entries)
        {
            var (best, key, inherited) = (0.0, "", false);
            foreach (var form in entry.Forms)
            {
                var (present, fromContext) = (true, false);
                foreach (var formKey in form.Keys)
                {
                    var use = document.Use(formKey);
                    (present, fromContext) = (present && use.IsPresent, fromContext || use.FromContext);
                }

                var factor = form.Factor * (fromContext ? FromContext : 1.0);
                if (factor > best && present)
                {
                    (best, key, inherited) = (factor, form.Keys[0], fromContext);
                }
            }

            if (best < 1 && entry.InText && document.TextContains(entry.Token))
            {
                (best, key, inherited) = (1, entry.Token, false);
            }

            if (best > 0)
            {
                credits[entry.Token] = best;
                hits.Add(key);
                matched += entry.Weight;
                listed += document.IsListed(key) ? entry.Weight : 0;
                own += inherited ? 0 : entry.Weight;
            }
        }

        return new DocumentMatch(credits, hits, matched == 0 ? 0 : listed / matched, total == 0 ? 1 : own / total);
    }

    /// <summary>The weighted share of the question the credits cover; a question with no content words of its own
    /// (a follow-up such as "一共多少家？") is covered by whatever its context finds.</summary>
    public double Coverage(IReadOnlyDictionary<string, double> credits) =>
        total == 0 ? 1.0 : entries.Sum(e => e.Weight * credits.GetValueOrDefault(e.Token)) / total;

    /// <summary>The keys a word may be found as: itself; an English word as the sense of a Chinese word
    /// (<c>~stem</c>); a Chinese word as each of its English senses, all of a sense's words together, in English
    /// text or as the sense of another Chinese word (软体 and 软件 share "software").</summary>
    private static List<Form> Forms(KnowledgeIndex index, Token token)
    {
        var forms = new List<Form> { new([token.Text], 1.0) };
        if (token.Kind == TokenKind.Term)
        {
            // A term's one-word English names are what a Chinese synonym the term does not list means (创办人: founder),
            // unless the name only translates a word the term's Chinese names qualify (economy: the 经济 of 经济总量).
            var term = index.Knowledge.Terms[token.Text[1..]];
            foreach (var name in term.Names.Where(n => n.Length > 2 && n.All(char.IsAsciiLetter)))
            {
                var stem = EnglishStemmer.Stem(name.ToLowerInvariant());
                if (!TranslatesAQualifiedWord(index, term.Names, stem))
                {
                    forms.Add(new([DocumentIndexer.GlossPrefix + stem], ChineseSynonym));
                }
            }

            return forms;
        }

        if (token.Kind != TokenKind.Word)
        {
            return forms;
        }

        if (token.IsEnglish)
        {
            forms.Add(new([DocumentIndexer.GlossPrefix + token.Text], ChineseOfEnglish));
            return forms;
        }

        // A character standing alone has glosses only when it has few meanings (吨: ton), not many (厂, 局).
        var senses = index.Analyzer.Senses(token.Text);
        foreach (var sense in token.Text.Length >= 2 || senses.Length <= 2 ? senses : [])
        {
            forms.Add(new(sense, EnglishOfChinese));
            forms.Add(new(sense.Select(s => DocumentIndexer.GlossPrefix + s).ToArray(), ChineseSynonym));
        }

        foreach (var spelling in index.Analyzer.Spellings(token))
        {
            forms.Add(new([spelling], EnglishOfChinese));
        }

        return forms;
    }

    /// <summary>Whether an English name means a Chinese word that the term's Chinese names contain only with other
    /// words beside it: GDP is 经济总量, 经济规模, 经济体量, never 经济 alone, so a sentence's 经济 (低空经济, 海洋经济)
    /// is not GDP however its English sense reads.</summary>
    private static bool TranslatesAQualifiedWord(KnowledgeIndex index, IReadOnlyList<string> names, string stem)
    {
        foreach (var name in names.Where(n => n.Length > 2 && n.All(LanguageDetector.IsHan)))
        {
            for (var length = 2; length < name.Length; length++)
            {
                for (var start = 0; start + length <= name.Length; start++)
                {
                    var part = name.Substring(start, length);
                    if (!names.Contains(part) && index.Analyzer.Glosses(part).Contains(stem))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private sealed record Form(string[] Keys, double Factor);

    private sealed record Entry(string Token, double Weight, List<Form> Forms, bool InText);
}
