using System.Globalization;

namespace NanshanBot.Load;

/// <summary>
/// <c>--messages N</c> (4000), <c>--concurrency C</c> (16), <c>--retry-share R</c> (0.1: the share of WeChat
/// messages delivered to both instances at once, as a retry reaching another instance), <c>--stop-redis-halfway</c>
/// (kill Redis at message N/2, start it again at 5N/8), <c>--redis host:port</c> (an existing Redis instead of
/// one started here; not with --stop-redis-halfway), <c>--memory</c> (no Redis: each instance alone, the
/// baseline of what sharing costs), <c>--out FILE</c> (JSON report).
/// </summary>
public sealed record LoadOptions(int Messages, int Concurrency, double RetryShare, bool StopRedisHalfway, string? Redis, bool Memory, string? Out)
{
    public static LoadOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var options = new LoadOptions(
            int.Parse(Value("--messages") ?? "4000", CultureInfo.InvariantCulture),
            int.Parse(Value("--concurrency") ?? "16", CultureInfo.InvariantCulture),
            double.Parse(Value("--retry-share") ?? "0.1", CultureInfo.InvariantCulture),
            args.Contains("--stop-redis-halfway"),
            Value("--redis"),
            args.Contains("--memory"),
            Value("--out"));
        if (options.Messages is < 10 or > 1_000_000 || options.Concurrency is < 1 or > 512 || options.RetryShare is < 0 or > 1)
        {
            throw new ArgumentException("--messages must be 10..1000000, --concurrency 1..512, --retry-share 0..1");
        }

        if (options.StopRedisHalfway && (options.Redis is not null || options.Memory))
        {
            throw new ArgumentException("--stop-redis-halfway needs the Redis this program starts: leave out --redis and --memory");
        }

        return options;
    }
}
