using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Channels.WeChat;
using NanshanBot.Hosting;

namespace NanshanBot.Load;

/// <summary>Two instances of the real service (as `dotnet run` builds it) on loopback ports, sharing one Redis
/// under a fresh key prefix, with the WeChat callback and the Telegram webhook pointed at a fake Bot API.</summary>
public sealed class Instances : IAsyncDisposable
{
    public const string WeChatToken = "loadtoken";
    public const string TelegramSecret = "load_secret-1";
    private readonly List<WebApplication> apps;

    private Instances(List<WebApplication> apps) => this.apps = apps;

    public IReadOnlyList<string> Urls => apps.Select(a => a.Urls.First()).ToList();

    /// <summary>Replies computed by the WeChat channel of every instance.</summary>
    public int WeChatComputations => apps.Sum(a => a.Services.GetRequiredService<ReplyCache>().Computations);

    /// <summary>Starts both; with <paramref name="redis"/> null each keeps state in its own memory (a baseline).</summary>
    public static async Task<Instances> StartAsync(string? redis, string botApiUrl)
    {
        var prefix = $"load:{Guid.NewGuid():N}:";
        var apps = new List<WebApplication>();
        for (var i = 0; i < 2; i++)
        {
            var app = ServiceHost.Build(
            [
                $"--Redis:Configuration={redis ?? ""}", $"--Redis:KeyPrefix={prefix}",
                $"--WeChat:Token={WeChatToken}",
                "--Telegram:BotToken=123456:LOAD-token", $"--Telegram:ApiBaseUrl={botApiUrl}", "--Telegram:Mode=webhook",
                "--Telegram:WebhookUrl=https://bot.example.invalid/telegram/webhook", $"--Telegram:SecretToken={TelegramSecret}",
                // Telegram's own limit (30 messages/s) would measure the throttle, not the bot.
                "--Telegram:MessagesPerSecond=100000",
                $"--Data:Path={Path.Combine(Path.GetTempPath(), "nanshanbot-load-" + Guid.NewGuid().ToString("N"))}",
                "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:NanshanBot.State=Information",
                "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=Error",
            ]);
            await app.StartAsync();
            apps.Add(app);
        }

        return new Instances(apps);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
