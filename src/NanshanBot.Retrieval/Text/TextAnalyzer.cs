using System.Collections.Concurrent;
using System.Text;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Retrieval.Text;

/// <summary>
/// Turns text (a question or a fact) into tokens, the same way for both: Unicode NFKC, Traditional to
/// Simplified, lower case; then numbers and dates, then the knowledge base's terms, then Chinese segmentation
/// and English stemming for the rest. Each token keeps where it was found.
/// </summary>
public sealed class TextAnalyzer
{
    private readonly ChineseConverter converter;
    private readonly TermMatcher terms;
    private readonly Segmenter segmenter;
    private readonly IReadOnlySet<string> stopWords;
    private readonly Glossary glossary;
    private readonly SegmentRepairs repairs;
    private readonly Pinyin pinyin;

    /// <summary>English stop words as stems, so that "comes" is a stop word because "come" is.</summary>
    private readonly HashSet<string> stopStems;

    /// <summary>How common a two-character word must be for a name not to be found starting at its second character.</summary>
    private const int CommonWordFrequency = 500;

    public TextAnalyzer(LanguageResources resources, KnowledgeBase knowledge)
    {
        converter = resources.Converter;
        stopWords = knowledge.Lexicon.StopWords;
        stopStems = stopWords.Where(w => w.All(char.IsAsciiLetter)).Select(EnglishStemmer.Stem).ToHashSet(StringComparer.Ordinal);
        terms = new TermMatcher(knowledge.Terms.Values, Normalize, pair => resources.Dictionary.TryGet(pair, out var w) && w.Frequency >= CommonWordFrequency);
        // Question words (the stop-word list) are domain words too, so that 有多大 is 有 + 多大 whatever else the
        // knowledge says.
        var domainWords = terms.Names.Concat(knowledge.Facts.SelectMany(f => f.Keywords).Select(Normalize)).Concat(stopWords)
            .Where(w => w.All(LanguageDetector.IsHan));
        segmenter = new Segmenter(resources.Dictionary, domainWords);
        repairs = new SegmentRepairs(segmenter, stopWords, resources.Bilingual);
        pinyin = new Pinyin(resources.Bilingual);
        glossary = new Glossary(resources.Bilingual, IsEnglishStop, w => resources.Informativeness.OfEnglish(w) < Glossary.MinInformativeness);
        Resources = resources;
    }

    public LanguageResources Resources { get; }

    /// <summary>Lets go of what analysing the knowledge's articles kept to analyse them faster (the English glosses
    /// of each of their Chinese words, megabytes at ten thousand articles).</summary>
    public void ForgetArticleWords() => glossary.Forget();

    public TermMatcher Terms => terms;

    public Segmenter Segmenter => segmenter;

    public string Normalize(string text) =>
        converter.ToSimplified(text.Normalize(NormalizationForm.FormKC)).ToLowerInvariant().Replace('’', '\'');

    /// <summary>The English stems a Chinese word means (高校: university, college), for matching across languages.</summary>
    public string[] Glosses(string chineseWord) => glossary.Of(chineseWord).Stems;

    /// <summary>The word's English senses, each as the stems it needs together (区长: district + chief).</summary>
    public string[][] Senses(string chineseWord) => glossary.Of(chineseWord).Senses;

    /// <summary>How a Chinese name (a place, a person, a word no dictionary has) is spelled in English text: 蛇口港
    /// gives "shekougang" and, without its 港, "shekou"; common words give nothing.</summary>
    public IEnumerable<string> Spellings(Token token)
    {
        if (token is not { Kind: TokenKind.Word, IsStop: false, Text.Length: >= 2 } || token.IsEnglish
            || !(token.Pos is "ns" or "nr" or "nz" or "nrt" or "x" || Resources.Bilingual.Senses(token.Text).Length == 0))
        {
            yield break;
        }

        if (pinyin.Spelled(token.Text) is { } whole)
        {
            yield return whole;
        }

        if (token.Text.Length >= 3 && NameSuffixes.Contains(token.Text[^1]) && pinyin.Spelled(token.Text.AsSpan(0, token.Text.Length - 1)) is { } stem)
        {
            yield return stem;
        }
    }

    /// <summary>Characters that end a place's name as a common noun does in English ("Shekou port", "Xili town").</summary>
    private const string NameSuffixes = "港区市湾路街岛镇村县省";

    /// <summary>A Chinese word as a token of its own: its part of speech and whether it is a stop word follow from
    /// the word itself.</summary>
    public Token WordToken(string word) => new(word, TokenKind.Word, segmenter.PartOfSpeech(word) ?? "x", IsStop: stopWords.Contains(word));

    public bool IsEnglishStop(string word) => stopWords.Contains(word) || stopStems.Contains(EnglishStemmer.Stem(word));

    /// <param name="referenceYear">The year that 今年 / "this year" refers to, if known.</param>
    /// <param name="termPieces">Also emit the words inside a matched term's name (for documents, so that a
    /// question's 机器人 finds a fact that says 机器人整机企业). A question's own terms are enough as they are.</param>
    public List<Token> Analyze(string text, int? referenceYear = null, bool termPieces = false) =>
        AnalyzeNormalized(Normalize(text), referenceYear, termPieces);

    public List<Token> AnalyzeNormalized(string normalized, int? referenceYear = null, bool termPieces = false)
    {
        var tokens = new List<Token>();
        var position = 0;
        foreach (var number in NumberNormalizer.Find(normalized, referenceYear))
        {
            AnalyzeWords(normalized, position, number.Start, tokens, termPieces);
            foreach (var token in number.Tokens)
            {
                var kind = KindOf(token);
                var pos = number.IsRelative ? Token.RelativePos : "m";
                tokens.Add(new Token(token, kind, pos) { Start = number.Start, Length = number.Length });
            }

            position = number.Start + number.Length;
        }

        AnalyzeWords(normalized, position, normalized.Length, tokens, termPieces);
        return tokens;
    }

    private void AnalyzeWords(string text, int start, int end, List<Token> tokens, bool termPieces)
    {
        var matches = new List<TermMatch>();
        terms.Find(text, start, end, matches);
        var position = start;
        foreach (var match in matches)
        {
            AnalyzePlain(text, position, match.Start, tokens, asPieces: false);
            tokens.Add(new Token("@" + match.Term.Id, TokenKind.Term, match.Term.Kind.ToString()) { Start = match.Start, Length = match.Length });
            if (termPieces)
            {
                AnalyzePlain(text, match.Start, match.Start + match.Length, tokens, asPieces: true);
            }

            position = match.Start + match.Length;
        }

        AnalyzePlain(text, position, end, tokens, asPieces: false);
    }

    private void AnalyzePlain(string text, int start, int end, List<Token> tokens, bool asPieces)
    {
        var segments = new List<Segment>();
        var i = start;
        while (i < end)
        {
            var c = text[i];
            var runEnd = i + 1;
            if (LanguageDetector.IsHan(c))
            {
                while (runEnd < end && LanguageDetector.IsHan(text[runEnd]))
                {
                    runEnd++;
                }

                segments.Clear();
                segmenter.Segment(text.AsSpan(i, runEnd - i), segments);
                repairs.GiveBackToQuestionWords(segments);
                repairs.JoinUnknownRuns(segments);
                foreach (var s in segments)
                {
                    AddWord(s, i, asPieces, tokens);
                }
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                while (runEnd < end && (char.IsAsciiLetterOrDigit(text[runEnd]) || text[runEnd] == '\''))
                {
                    runEnd++;
                }

                var word = text[i..runEnd].Trim('\'');
                var stem = EnglishStemmer.Stem(word);
                var stop = stopWords.Contains(word) || stopWords.Contains(stem) || stopStems.Contains(stem);
                tokens.Add(new Token(stem, TokenKind.Word, "eng", asPieces, stop) { Start = i, Length = word.Length });
            }

            i = runEnd;
        }
    }

    /// <summary>Adds a segmented word; a word that fuses a content word with a trailing question word
    /// (吃什么, 有多少) is split so that the question word does not hide the content word.</summary>
    private void AddWord(Segment s, int runStart, bool asPiece, List<Token> tokens)
    {
        var at = runStart + s.Offset;
        var stop = stopWords.Contains(s.Word);
        if (!stop && !s.IsPiece && s.Word.Length >= 3)
        {
            for (var cut = s.Word.Length - 2; cut >= 1 && cut >= s.Word.Length - 3; cut--)
            {
                var (head, tail) = (s.Word[..cut], s.Word[cut..]);
                if (stopWords.Contains(tail) && segmenter.IsKnown(head))
                {
                    tokens.Add(new Token(head, TokenKind.Word, segmenter.PartOfSpeech(head) ?? "x", asPiece, stopWords.Contains(head)) { Start = at, Length = cut });
                    tokens.Add(new Token(tail, TokenKind.Word, "r", asPiece, IsStop: true) { Start = at + cut, Length = tail.Length });
                    return;
                }
            }
        }

        tokens.Add(new Token(s.Word, TokenKind.Word, s.Pos, s.IsPiece || asPiece, stop) { Start = at, Length = s.Word.Length });
    }

    private static TokenKind KindOf(string token) => token[1] switch
    {
        'y' => TokenKind.Year,
        'd' => TokenKind.Date,
        'p' => TokenKind.Percent,
        'o' => TokenKind.Ordinal,
        _ => TokenKind.Number,
    };
}
