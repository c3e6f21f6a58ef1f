using System.Globalization;
using Microsoft.Extensions.Options;
using NanshanBot.State;

namespace NanshanBot.Channels;

/// <summary>Messages per minute a channel takes from one user and from one group, all its members together
/// (0: no limit). Named options, one per channel, which each transport's registration fills from its own
/// settings (<c>Telegram:FloodLimitPerMinute</c>, <c>WeChat:FloodLimitPerMinute</c>...).</summary>
public sealed class FloodLimits
{
    public int PerUser { get; set; }

    public int PerGroup { get; set; }
}

/// <summary>The flood rule of every channel: the user's limit, then the group's, counted in the shared state so
/// that every instance agrees (<c>flood:&lt;channel&gt;:&lt;user&gt;</c>, <c>flood:&lt;channel&gt;-group:&lt;group&gt;</c>).</summary>
public sealed class FloodGate(ISharedState state, TimeProvider time, IOptionsMonitor<FloodLimits> limits)
{
    public async ValueTask<FloodVerdict> CheckAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var limit = limits.Get(message.Channel);
        var verdict = limit.PerUser > 0
            ? await new FloodGuard(state, time, message.Channel, limit.PerUser).CheckAsync(message.User, cancellationToken)
            : FloodVerdict.Allow;
        if (verdict == FloodVerdict.Allow && message.Group is { } group && limit.PerGroup > 0)
        {
            verdict = await new FloodGuard(state, time, message.Channel + "-group", limit.PerGroup).CheckAsync(group, cancellationToken);
        }

        return verdict;
    }
}
