using NanshanBot.Answering;
using NanshanBot.Answering.Grounding;
using Telegram.Bot.Types.ReplyMarkups;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Delivers an answer to a chat as it is written: with a model, the message appears with its first checked
/// sentence and is edited as more sentences pass the check (at most every <see cref="EditInterval"/>, each edit
/// queued in the send throttle), then replaced by the final answer with its buttons. Without one, and in groups
/// (where a whole group would watch drafts, and each edit costs one of the group's 20 messages a minute), the
/// answer is simply sent.
/// </summary>
public sealed class StreamedReply(TelegramSender sender, TimeProvider time)
{
    private static readonly TimeSpan EditInterval = TimeSpan.FromSeconds(1.5);

    public async Task<Answer> DeliverAsync(IAsyncEnumerable<AnswerUpdate> updates, long chatId, bool isGroup, int? replyTo, CancellationToken cancellationToken)
    {
        var draft = new System.Text.StringBuilder();
        int? draftId = null;
        var lastEdit = time.GetUtcNow();
        Answer? answer = null;
        await foreach (var update in updates)
        {
            if (update.Final is { } final)
            {
                answer = final;
                continue;
            }

            if (isGroup)
            {
                continue;
            }

            draft.Append(update.Delta);
            if (draftId is null && draft.ToString().Trim().Length > 0)
            {
                draftId = await sender.SendDraftAsync(chatId, isGroup, draft + " …", replyTo, cancellationToken);
                lastEdit = time.GetUtcNow();
            }
            else if (draftId is { } id && time.GetUtcNow() - lastEdit >= EditInterval)
            {
                await sender.EditAsync(chatId, isGroup, id, draft + " …", null, cancellationToken);
                lastEdit = time.GetUtcNow();
            }
        }

        if (draftId is { } messageId)
        {
            await sender.EditAsync(chatId, isGroup, messageId, answer!.Text, Keyboard(answer), cancellationToken);
        }
        else
        {
            await sender.SendAsync(chatId, isGroup, answer!.Text, replyTo, Keyboard(answer), cancellationToken);
        }

        return answer;
    }

    /// <summary>Suggested questions, one button a row; under an answer, 👍/👎 to say whether it helped.</summary>
    public static InlineKeyboardMarkup? Keyboard(Answer answer)
    {
        var rows = answer.Suggestions.Select(s => new[] { InlineKeyboardButton.WithCallbackData(s.Text, s.Key) }).ToList();
        if (answer.Kind == AnswerKind.Answered)
        {
            rows.Add([InlineKeyboardButton.WithCallbackData("👍", "fb:+:" + answer.Id), InlineKeyboardButton.WithCallbackData("👎", "fb:-:" + answer.Id)]);
        }

        return rows.Count == 0 ? null : new InlineKeyboardMarkup(rows);
    }
}
