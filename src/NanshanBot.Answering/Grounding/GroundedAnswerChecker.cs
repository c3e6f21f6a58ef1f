using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering.Grounding;

/// <summary>
/// Turns a model's text into an answer only if it is grounded, sentence by sentence: every sentence cites at
/// least one of the facts it was given (ids it was not given are dropped) and keeps to what those facts say
/// (<see cref="GroundingRules"/>), and an English question is answered in English. The citations become the
/// source line. Anything else is rejected (null), and the offline answer stands.
/// </summary>
public static class GroundedAnswerChecker
{
    public static (Answer? Answer, string? Rejection) Check(GroundedRequest request, string text, KnowledgeIndex index)
    {
        var sentences = CitedSentences.Split(text);
        if (sentences.Count == 0)
        {
            return (null, "empty reply");
        }

        var cited = new List<GroundedFact>();
        foreach (var sentence in sentences)
        {
            if (CheckSentence(request, sentence, index) is { } rejection)
            {
                return (null, rejection);
            }

            cited.AddRange(Cited(request, sentence).Except(cited));
        }

        var body = string.Concat(sentences.Select(s => s.Text)).Trim();
        if (request.Language == Language.English && body.Count(LanguageDetector.IsHan) * 5 > body.Length)
        {
            return (null, "an English question answered in Chinese");
        }

        var sources = cited.Select(f => f.Source).DistinctBy(s => s.Id).ToList();
        var sourceLine = AnswerComposer.SourceLine(sources, request.Language);
        var room = AnswerComposer.MaxLength(request.Language) - sourceLine.Length - 1;
        var answer = new Answer(AnswerComposer.Fit(JoinSentences(sentences, request.Language), room) + "\n" + sourceLine, AnswerKind.Answered,
            request.Language, sources, cited.Select(f => f.DocumentId).ToList(), request.Offline.Suggestions);
        return (answer, null);
    }

    /// <summary>Null when the sentence may be shown: it cites facts it was given and keeps to them.</summary>
    public static string? CheckSentence(GroundedRequest request, CitedSentence sentence, KnowledgeIndex index)
    {
        if (GroundingRules.Leaks(sentence.Text))
        {
            return "the reply repeats the instructions";
        }

        var cited = Cited(request, sentence);
        return cited.Count == 0
            ? $"a sentence cites none of the facts it was given: '{sentence.Text}'"
            : GroundingRules.Check(sentence.Text, cited, index);
    }

    /// <summary>The sentences as shown: Chinese ones run together, English ones separated by a space.</summary>
    public static string JoinSentences(IEnumerable<CitedSentence> sentences, Language language) =>
        string.Join(language == Language.English ? " " : "", sentences.Select(s => s.Text)).Trim();

    private static List<GroundedFact> Cited(GroundedRequest request, CitedSentence sentence) =>
        sentence.Ids
            .Select(id => request.Facts.FirstOrDefault(f => f.Id.Equals(id, StringComparison.OrdinalIgnoreCase)))
            .OfType<GroundedFact>()
            .Distinct()
            .ToList();
}
