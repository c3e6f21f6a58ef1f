using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NanshanBot.State;

namespace NanshanBot.Channels.WeChat;

/// <summary>
/// Keeps a captured callback from being used again. A plain <c>signature</c> covers token, timestamp and nonce
/// but not the body, so whoever sees one signed URL could post any body with it: a timestamp further than
/// <see cref="WeChatOptions.MaxClockSkewSeconds"/> from now is refused, and within that window each
/// timestamp + nonce belongs to the first body it came with, in the shared state so that every instance agrees.
/// WeChat's own retries repeat the same body and pass (the reply cache answers them).
/// </summary>
public sealed class ReplayGuard(ISharedState state, TimeProvider time, IOptions<WeChatOptions> options)
{
    /// <summary>WeChat's nonces are short digit strings; a longer one is no callback of theirs.</summary>
    public const int MaxNonceLength = 64;

    /// <summary>The timestamp as unix seconds, or null when it is not a plain number.</summary>
    public static long? ParseTimestamp(string text) =>
        text.Length is > 0 and <= 12 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    public bool IsFresh(long timestamp) =>
        Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - timestamp) <= options.Value.MaxClockSkewSeconds;

    /// <summary>True for the first delivery of this timestamp + nonce and for repeats of the same body; false
    /// for another body under a timestamp + nonce already seen.</summary>
    public async ValueTask<bool> IsFirstOrRetryAsync(string channel, string timestamp, string nonce, string body, CancellationToken cancellationToken)
    {
        var key = $"wechat-nonce:{channel}:{timestamp}:{nonce}";
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        // A timestamp is accepted for `skew` on either side of it: remembered for twice that, it outlives its window.
        var window = TimeSpan.FromSeconds(2 * options.Value.MaxClockSkewSeconds);
        return await state.AddAsync(key, digest, window, cancellationToken) || await state.GetAsync(key, cancellationToken) == digest;
    }
}
