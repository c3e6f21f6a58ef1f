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
}

/// <summary>What the <see cref="ChatGateway"/> says back; the transport renders it (buttons, XML, JSON, lines).</summary>
public sealed record Reply(ReplyKind Kind, string Text, Answer? Answer = null, IAsyncEnumerable<AnswerUpdate>? Updates = null)
{
    public static readonly Reply None = new(ReplyKind.None, "");

    public static Reply Plain(string text) => new(ReplyKind.Text, text);

    public static Reply Of(Answer answer) => new(ReplyKind.Text, answer.Text, answer);

    public static Reply Receipt(string text) => new(ReplyKind.Receipt, text);

    public static Reply Streamed(IAsyncEnumerable<AnswerUpdate> updates) => new(ReplyKind.Stream, "", null, updates);
}
