using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// The one Telegram.Bot client of the service. Its HttpClient is its own (not from IHttpClientFactory, whose
/// logging would write request URLs, and so the token, to the logs), and the library's own retry is off: 429s
/// and failures are retried by <see cref="TelegramSender"/> and the workers on the injected clock.
/// </summary>
public sealed class TelegramClient : IDisposable
{
    private readonly HttpClient http;

    public TelegramClient(IOptions<TelegramOptions> options)
    {
        var o = options.Value;
        Token = o.BotToken ?? throw new InvalidOperationException("Telegram:BotToken is not set.");
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(o.PollTimeoutSeconds + 15) };
        var clientOptions = new TelegramBotClientOptions(Token, string.IsNullOrWhiteSpace(o.ApiBaseUrl) ? null : o.ApiBaseUrl)
        {
            RetryCount = 0,
        };
        Bot = new TelegramBotClient(clientOptions, http);
    }

    public ITelegramBotClient Bot { get; }

    private string Token { get; }

    public void Dispose() => http.Dispose();
}
