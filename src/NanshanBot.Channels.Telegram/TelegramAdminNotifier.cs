using Microsoft.Extensions.Options;
using NanshanBot.Operations;

namespace NanshanBot.Channels.Telegram;

/// <summary>Sends what admins must know (a rejected knowledge edit) to each Telegram admin's private chat.</summary>
public sealed class TelegramAdminNotifier(TelegramSender sender, IOptions<TelegramOptions> options) : IAdminNotifier
{
    public async Task NotifyAsync(string message, CancellationToken cancellationToken)
    {
        foreach (var admin in options.Value.AdminUserIds)
        {
            await sender.SendAsync(admin, false, message, null, null, cancellationToken);
        }
    }
}
