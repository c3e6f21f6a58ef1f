using NanshanBot.Answering;
using Telegram.Bot.Types.InlineQueryResults;
using Telegram.Bot.Types.ReplyMarkups;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Renders the gateway's <see cref="Reply"/> in a chat: an answer or an introduction with its buttons (suggested
/// questions; 👍/👎 under an answer), a stream through <see cref="StreamedReply"/>, a receipt as the toast of
/// the button pressed, a second message after the first; and the results of an inline query.
/// </summary>
public sealed class TelegramReplies(TelegramSender sender, StreamedReply streamed)
{
    /// <summary>Callback data of a vote: <c>fb:+:&lt;answer id&gt;</c> or <c>fb:-:&lt;answer id&gt;</c>.</summary>
    public const string VotePrefix = "fb:";

    /// <summary>How long Telegram may give an inline query's answers to anyone sending the same text: short, so
    /// that an edited knowledge base shows soon. Results for one user (a hint in their language, a notice) are
    /// not kept.</summary>
    public const int InlineCacheSeconds = 30;

    public async Task RenderAsync(Reply reply, TelegramChat chat, CancellationToken cancellationToken)
    {
        foreach (var message in reply.AndThen())
        {
            await RenderOneAsync(message, chat, cancellationToken);
        }
    }

    /// <summary>Answers an inline query with the reply's choices, as articles whose message is the choice's text
    /// (plain, with its source line, cut to what a message holds); nothing for a reply that says nothing (over the
    /// flood limit, told already).</summary>
    public Task OfferAsync(string inlineQueryId, Reply reply, CancellationToken cancellationToken)
    {
        if (reply.Kind != ReplyKind.Choices)
        {
            return Task.CompletedTask;
        }

        var results = reply.Choices.Select((c, i) => new InlineQueryResultArticle($"{i}-{c.Answer?.Id ?? "note"}", c.Title, new InputTextMessageContent(ReplySplitter.Truncate(c.Text, TelegramSender.MaxMessageLength, t => t.Length)))
        {
            Description = c.Text.Split('\n', 2)[0],
        });
        return sender.AnswerInlineAsync(inlineQueryId, results, reply.Personal ? 0 : InlineCacheSeconds, reply.Personal, cancellationToken);
    }

    private Task RenderOneAsync(Reply reply, TelegramChat chat, CancellationToken cancellationToken) => reply.Kind switch
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
