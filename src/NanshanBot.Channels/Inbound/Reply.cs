using NanshanBot.Answering;
using NanshanBot.Answering.Grounding;

namespace NanshanBot.Channels;

public enum ReplyKind
{
    /// <summary>Say nothing (a flood past its notice, an event that needs no answer).</summary>
    None,

    /// <summary>A message: <see cref="Reply.Text"/>, with the <see cref="Reply.Answer"/> behind it if it is one.</summary>
    Text,

    /// <summary>A short acknowledgement of an action (a vote): Telegram shows it as a toast.</summary>
    Receipt,

    /// <summary>An answer as it is written: <see cref="Reply.Updates"/>, ending with the final answer.</summary>
    Stream,

    /// <summary>Results to pick from (an inline query): <see cref="Reply.Choices"/>.</summary>
    Choices,
}

/// <summary>One result of an inline query: the title it is picked by, and the message it sends (an answer, with
/// its source line, or the bot's words).</summary>
public sealed record Choice(string Title, string Text, Answer? Answer = null);

/// <summary>What the <see cref="ChatGateway"/> says back; the transport renders it (buttons, XML, JSON, lines).</summary>
public sealed record Reply(ReplyKind Kind, string Text, Answer? Answer = null, IAsyncEnumerable<AnswerUpdate>? Updates = null)
{
    /// <summary>A second message, sent after this one (a start link's answer after the introduction).</summary>
    public Reply? Then { get; init; }

    /// <summary>For <see cref="ReplyKind.Choices"/>: the results, best first.</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>For <see cref="ReplyKind.Choices"/>: the results are for this user only (they are in the user's
    /// language, or a notice to them), not for anyone who sends the same query.</summary>
    public bool Personal { get; init; }

    public static readonly Reply None = new(ReplyKind.None, "");

    public static Reply Plain(string text) => new(ReplyKind.Text, text);

    public static Reply Of(Answer answer) => new(ReplyKind.Text, answer.Text, answer);

    public static Reply Receipt(string text) => new(ReplyKind.Receipt, text);

    public static Reply Streamed(IAsyncEnumerable<AnswerUpdate> updates) => new(ReplyKind.Stream, "", null, updates);

    public static Reply Choose(IReadOnlyList<Choice> choices, bool personal) => new(ReplyKind.Choices, "") { Choices = choices, Personal = personal };

    /// <summary>This reply and the ones after it, in order.</summary>
    public IEnumerable<Reply> AndThen()
    {
        for (var reply = this; reply is not null; reply = reply.Then)
        {
            yield return reply;
        }
    }
}
