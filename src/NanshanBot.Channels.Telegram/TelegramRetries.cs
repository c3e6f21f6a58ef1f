using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Telegram.Bot.Exceptions;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// How Telegram calls are retried, on the injected clock. Every call goes through one resilience handler on the
/// client's HttpClient: a 429 waits its <c>retry_after</c>, a network error, a timeout or a 5xx waits 1, 2, 4, 8 s,
/// then the call fails for good (<see cref="MaxAttempts"/> in all); anything else is not retried. Start-up and
/// polling, which must go on however long Telegram is away, run in <see cref="UntilItWorks"/>.
/// </summary>
public static partial class TelegramRetries
{
    public const int MaxAttempts = 5;

    /// <summary>The client's resilience handler (Microsoft.Extensions.Http.Resilience).</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelegramRetries).FullName!);
        pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
            DelayGenerator = args => RetryAfterAsync(args.Outcome),
            OnRetry = args =>
            {
                // The method is the last segment of the URL (the token is in the one before, and stays out).
                var method = args.Context.GetRequestMessage()?.RequestUri?.Segments[^1] ?? "call";
                var status = args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response";
                LogRetrying(logger, method, status, args.RetryDelay.TotalSeconds, args.Outcome.Exception);
                return default;
            },
        });
    }

    /// <summary>A pipeline that retries anything but shutdown, backing off up to 30 s (a rejected token: 30 s),
    /// and tells <paramref name="failed"/> of each failure.</summary>
    public static ResiliencePipeline UntilItWorks(TimeProvider time, Action<Exception, TimeSpan> failed) =>
        new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(new Polly.Retry.RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                args.Outcome.Exception is ApiRequestException { ErrorCode: (int)HttpStatusCode.Unauthorized } ? TimeSpan.FromSeconds(30) : null),
            OnRetry = args =>
            {
                failed(args.Outcome.Exception!, args.RetryDelay);
                return default;
            },
        }).Build();

    /// <summary>A 429's wait: Telegram's <c>parameters.retry_after</c>, else a Retry-After header, else 1 s; null
    /// (the backoff) for anything else.</summary>
    private static async ValueTask<TimeSpan?> RetryAfterAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests } response)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(await response.Content.ReadAsStringAsync())?["parameters"]?["retry_after"]?.GetValue<int>() is { } seconds)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
        }

        return response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram {Method} failed ({Status}); retrying in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, string method, string status, double seconds, Exception? exception);
}
