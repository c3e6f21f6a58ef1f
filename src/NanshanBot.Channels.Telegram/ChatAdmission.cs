using System.Globalization;
using Microsoft.Extensions.Options;
using NanshanBot.Knowledge.Model;
using NanshanBot.State;

namespace NanshanBot.Channels.Telegram;

/// <summary>A chat as replies address it: its id, whether it is a group, and the message a group reply quotes.</summary>
public readonly record struct TelegramChat(long Id, bool IsGroup, int? ReplyTo);

/// <summary>
/// Keeps floods out, before anything is answered or counted: each user within
/// <see cref="TelegramOptions.FloodLimitPerMinute"/>, and each group within
/// <see cref="TelegramOptions.GroupFloodLimitPerMinute"/> whoever writes (Telegram lets a bot send about 20
/// messages a minute to a group, so a busy group would only queue up). The first message over a limit gets one
/// notice; the rest are ignored. Counted in the shared state, so every instance agrees.
/// </summary>
public sealed class ChatAdmission(TelegramSender sender, ISharedState state, TimeProvider time, IOptions<TelegramOptions> options)
{
    private readonly FloodGuard users = new(state, time, "telegram", options.Value.FloodLimitPerMinute);
    private readonly FloodGuard groups = new(state, time, "telegram-group", options.Value.GroupFloodLimitPerMinute);

    /// <summary>True to go on; false when the message is over a limit (told once).</summary>
    public async Task<bool> AdmitAsync(long userId, TelegramChat chat, Language language, CancellationToken cancellationToken)
    {
        var verdict = await users.CheckAsync(userId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        if (verdict == FloodVerdict.Allow && chat.IsGroup)
        {
            verdict = await groups.CheckAsync(chat.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        if (verdict == FloodVerdict.Notify)
        {
            await sender.SendAsync(chat.Id, chat.IsGroup, TelegramTexts.TooMany(language), chat.ReplyTo, null, cancellationToken);
        }

        return verdict == FloodVerdict.Allow;
    }
}
