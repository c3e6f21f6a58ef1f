using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NanshanBot.Answering;
using NanshanBot.Answering.Grounding;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Channels;

/// <summary>
/// The engine call of every channel: the question goes to the <see cref="AnswerEngine"/> (whole, or as a stream
/// for a transport that shows an answer as it is written); once the final answer is there, one log line
/// (<see cref="ChannelLog"/>) and, for an answer with sources, the sources that <c>/sources</c> shows. An inline
/// query is not a question asked: it is not counted (<see cref="Question.Counted"/>), and its sources are not kept
/// (it has no chat to ask /sources in).
/// </summary>
public sealed class AnswerRelay(AnswerEngine engine, LastAnswers lastAnswers, ILogger<AnswerRelay> logger)
{
    /// <summary>The bot's words (notices) of the knowledge serving now.</summary>
    public BotTexts Bot => engine.Knowledge.Bot;

    /// <summary>The question a suggestion key stands for, or null when the knowledge no longer has it.</summary>
    public string? Suggested(string key) => engine.Suggested(key);

    public async Task<Reply> AnswerAsync(InboundMessage message, string text, CancellationToken cancellationToken)
    {
        var question = new Question(message.Conversation, text) { Channel = message.Channel, Counted = message.Kind != MessageKind.Inline };
        if (message.Streams)
        {
            return Reply.Streamed(StreamAsync(question, cancellationToken));
        }

        var started = Stopwatch.GetTimestamp();
        var answer = await engine.AnswerAsync(question, cancellationToken);
        await AnsweredAsync(question, answer, started, cancellationToken);
        return Reply.Of(answer);
    }

    private async IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await foreach (var update in engine.StreamAsync(question, cancellationToken))
        {
            if (update.Final is { } final)
            {
                await AnsweredAsync(question, final, started, cancellationToken);
            }

            yield return update;
        }
    }

    private async ValueTask AnsweredAsync(Question question, Answer answer, long started, CancellationToken cancellationToken)
    {
        if (answer.Kind == AnswerKind.Answered && question.Counted)
        {
            await lastAnswers.RememberAsync(question.ConversationId, answer.Sources, cancellationToken);
        }

        ChannelLog.Answered(logger, question.Channel, question.ConversationId, Stopwatch.GetElapsedTime(started), answer);
    }
}
