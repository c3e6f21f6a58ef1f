using System.Globalization;
using NanshanBot.State;

namespace NanshanBot.Channels;

public enum FloodVerdict
{
    /// <summary>Within the limit: answer.</summary>
    Allow,

    /// <summary>Just went over the limit: tell the user once, answer nothing.</summary>
    Notify,

    /// <summary>Still over the limit and already told: ignore.</summary>
    Ignore,
}

/// <summary>
/// Limits how many messages one user may send per minute, counted in the shared state so that every instance
/// of the bot sees the same count. A sliding window estimated from two one-minute counters (the current one,
/// plus the previous one weighted by how much of it still lies inside the last minute); what the previous
/// minute adds is capped at the limit, so a flood does not stretch on. The first message over the limit in a
/// minute gets one notice; the rest is ignored.
/// </summary>
public sealed class FloodGuard(ISharedState state, TimeProvider time, string scope, int perMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Keep = 2 * Window;

    public async ValueTask<FloodVerdict> CheckAsync(string userKey, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var prefix = $"flood:{scope}:{userKey}:";
        // Both at once: one round trip to Redis, not two.
        var counting = state.IncrementAsync(prefix + minute.ToString(CultureInfo.InvariantCulture), Keep, cancellationToken);
        var previousText = await state.GetAsync(prefix + (minute - 1).ToString(CultureInfo.InvariantCulture), cancellationToken);
        var current = await counting;
        var previous = Math.Min(previousText is null ? 0 : long.Parse(previousText, CultureInfo.InvariantCulture), perMinute);
        var stillInside = 1 - (now.ToUnixTimeMilliseconds() % 60_000) / 60_000.0;
        if (previous * stillInside + current <= perMinute)
        {
            return FloodVerdict.Allow;
        }

        return await state.AddAsync(prefix + minute.ToString(CultureInfo.InvariantCulture) + ":told", "1", Keep, cancellationToken)
            ? FloodVerdict.Notify
            : FloodVerdict.Ignore;
    }
}
