using Telegram.Bot.Types.ReplyMarkups;
using NanshanBot.Answering;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Renders the gateway's <see cref="Reply"/> in a chat: an answer or an introduction with its buttons (suggested
/// questions; 👍/👎 under an answer), a stream through <see cref="StreamedReply"/>, a receipt as the toast of
/// the button pressed.
/// </summary>
public sealed class TelegramReplies(TelegramSender sender, StreamedReply streamed)
{
    /// <summary>Callback data of a vote: <c>fb:+:&lt;answer id&gt;</c> or <c>fb:-:&lt;answer id&gt;</c>.</summary>
    public const string VotePrefix = "fb:";

    public Task RenderAsync(Reply reply, TelegramChat chat, CancellationToken cancellationToken) => reply.Kind switch
    {
        ReplyKind.Stream => streamed.DeliverAsync(reply.Updates!, chat, cancellationToken),
        ReplyKind.Text or ReplyKind.Receipt => sender.SendAsync(chat.Id, chat.IsGroup, reply.Text, chat.ReplyTo,
            reply.Answer is { } answer ? Keyboard(answer) : null, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>Stops the button's spinner, with a toast when there is something to say.</summary>
    public Task AcknowledgeAsync(string callbackQueryId, string? text, CancellationToken cancellationToken) =>
        sender.AnswerCallbackAsync(callbackQueryId, cancellationToken, text);

    /// <summary>Suggested questions, one button a row; under an answer, 👍/👎 to say whether it helped.</summary>
    public static InlineKeyboardMarkup? Keyboard(Answer answer)
    {
        var rows = answer.Suggestions.Select(s => new[] { InlineKeyboardButton.WithCallbackData(s.Text, s.Key) }).ToList();
        if (answer.Kind == AnswerKind.Answered)
        {
            rows.Add([InlineKeyboardButton.WithCallbackData("👍", VotePrefix + "+:" + answer.Id), InlineKeyboardButton.WithCallbackData("👎", VotePrefix + "-:" + answer.Id)]);
        }

        return rows.Count == 0 ? null : new InlineKeyboardMarkup(rows);
    }
}
