using NanshanBot.Answering;
using NanshanBot.Answering.Grounding;

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

    public async Task DeliverAsync(IAsyncEnumerable<AnswerUpdate> updates, TelegramChat chat, CancellationToken cancellationToken)
    {
        var (chatId, isGroup, replyTo) = (chat.Id, chat.IsGroup, chat.ReplyTo);
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
            await sender.EditAsync(chatId, isGroup, messageId, answer!.Text, TelegramReplies.Keyboard(answer), cancellationToken);
        }
        else
        {
            await sender.SendAsync(chatId, isGroup, answer!.Text, replyTo, TelegramReplies.Keyboard(answer), cancellationToken);
        }
    }
}
