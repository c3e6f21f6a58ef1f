using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// The Telegram.Bot client of the service, over an HttpClient from IHttpClientFactory (named
/// <see cref="HttpClientName"/>): its logging is removed, so that request URLs (and with them the token) never
/// reach a log, and its one resilience handler (<see cref="TelegramRetries"/>) does every retry; the library's
/// own retry is off.
/// </summary>
public sealed class TelegramClient(IHttpClientFactory http, IOptions<TelegramOptions> options)
{
    public const string HttpClientName = "telegram";

    private readonly TelegramBotClientOptions clientOptions =
        new(options.Value.BotToken!, string.IsNullOrWhiteSpace(options.Value.ApiBaseUrl) ? null : options.Value.ApiBaseUrl) { RetryCount = 0 };

    /// <summary>A client for the calls at hand (cheap: the factory pools the handlers and renews them).</summary>
    public ITelegramBotClient Bot => new TelegramBotClient(clientOptions, http.CreateClient(HttpClientName));
}
