namespace NanshanBot.Retrieval.Text;

/// <summary>Corrections to a segmentation that the most probable path gets wrong in questions and news text:
/// characters left alone that are really one word, and question words that took a character of the word before.</summary>
internal sealed class SegmentRepairs(Segmenter segmenter, IReadOnlySet<string> stopWords, ChineseEnglishDictionary bilingual)
{
    /// <summary>Characters the segmenter leaves one by one are most likely a word its dictionary lacks: a name or an
    /// abbreviation (曦/潮, 鲸/言: no verb, adverb or particle among them) or a word CC-CEDICT has (营/收: 营收). Two to four of them in a row are
    /// read as one word, each character kept as a piece.</summary>
    public void JoinUnknownRuns(List<Segment> segments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var end = i;
            while (end < segments.Count && IsLoneCharacter(segments[end]) && end - i < 4)
            {
                end++;
            }

            var run = segments.GetRange(i, end - i);
            if (run.Count < 2 || !(run.All(r => r.Pos is not ("v" or "a" or "d" or "p" or "c" or "u" or "r" or "m" or "q" or "f"))
                || bilingual.Senses(string.Concat(run.Select(r => r.Word))).Length > 0))
            {
                continue;
            }

            segments[i] = new Segment(string.Concat(run.Select(r => r.Word)), "x", false, run[0].Offset);
            for (var j = i + 1; j < end; j++)
            {
                segments[j] = run[j - i] with { IsPiece = true };
            }

            segments.Insert(i + 1, run[0] with { IsPiece = true });
            i = end;
        }
    }

    private bool IsLoneCharacter(Segment s) =>
        !s.IsPiece && s.Word.Length == 1 && LanguageDetector.IsHan(s.Word[0]) && !stopWords.Contains(s.Word);

    /// <summary>A question word that took the last character of the word before it (叫 + 做什么 for 叫做 + 什么)
    /// gives it back, when that makes a dictionary word and leaves a question word.</summary>
    public void GiveBackToQuestionWords(List<Segment> segments)
    {
        for (var i = 0; i + 1 < segments.Count; i++)
        {
            var (head, next) = (segments[i], segments[i + 1]);
            if (head.IsPiece || head.Word.Length != 1 || stopWords.Contains(head.Word) || next.IsPiece || next.Word.Length < 3
                || !stopWords.Contains(next.Word) || !stopWords.Contains(next.Word[1..]))
            {
                continue;
            }

            var joined = head.Word + next.Word[0];
            if (segmenter.PartOfSpeech(joined) is { } pos)
            {
                segments[i] = new Segment(joined, pos, false, head.Offset);
                segments[i + 1] = new Segment(next.Word[1..], "r", false, next.Offset + 1);
                segments.RemoveAll(p => p.IsPiece && p.Offset >= next.Offset && p.Offset < next.Offset + next.Word.Length);
            }
        }
    }
}
