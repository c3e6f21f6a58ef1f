using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;

namespace NanshanBot.Answering.Grounding;

/// <summary>
/// A model's reply as it arrives. While it streams, only whole sentences that passed
/// <see cref="GroundedAnswerChecker.CheckSentence"/> are passed on, in order; the first that fails stops the
/// stream (nothing after it is shown) and the offline answer stands. A sentence is passed on once the next one
/// has begun, so that the citation following its full stop belongs to it.
/// </summary>
public sealed partial class ModelReply(GroundedRequest request, KnowledgeIndex index)
{
    private readonly StringBuilder text = new();
    private int released;
    private bool shownBefore;

    public string Text => text.ToString();

    /// <summary>Why the model could not answer (an exception, a timeout), if it could not.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Why a streamed sentence was not shown, if one was not.</summary>
    public string? Rejection { get; private set; }

    public async Task CompleteAsync(Func<Task<string>> complete, CancellationToken cancellationToken)
    {
        try
        {
            text.Append(await complete());
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Failure = e;
        }
    }

    /// <summary>The checked text as it grows: one piece per sentence (or run of sentences) that passed.</summary>
    public async IAsyncEnumerable<string> StreamAsync(IAsyncEnumerable<string> pieces, CancellationToken deadline,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = pieces.GetAsyncEnumerator(deadline);
        while (true)
        {
            try
            {
                if (!await reader.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Failure = e;
                yield break;
            }

            text.Append(reader.Current);
            var shown = Release(complete: false);
            if (shown.Length > 0)
            {
                yield return shown;
            }

            if (Rejection is not null)
            {
                yield break;
            }
        }
    }

    /// <summary>The sentences not passed on yet that passed the check: those followed by another when the reply
    /// is still <paramref name="complete"/> = false, all of them at its end.</summary>
    public string Release(bool complete)
    {
        var sentences = CitedSentences.Split(complete ? text.ToString() : UnfinishedCitation().Replace(text.ToString(), ""));
        var ready = complete ? sentences.Count : sentences.Count - 1;
        var shown = new List<CitedSentence>();
        for (; released < ready && Rejection is null; released++)
        {
            Rejection = GroundedAnswerChecker.CheckSentence(request, sentences[released], index);
            if (Rejection is null)
            {
                shown.Add(sentences[released]);
            }
        }

        var joined = GroundedAnswerChecker.JoinSentences(shown, request.Language);
        if (joined.Length == 0)
        {
            return "";
        }

        // English sentences shown one after the other need the space between them.
        var piece = shownBefore && request.Language == Language.English ? " " + joined : joined;
        shownBefore = true;
        return piece;
    }

    /// <summary>A citation marker cut off by the end of what has arrived ("…元。[F").</summary>
    [GeneratedRegex(@"[\[【]\s*(?:F\d*\s*[,，]?\s*)*$", RegexOptions.IgnoreCase)]
    private static partial Regex UnfinishedCitation();
}
