using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NanshanBot.Hosting;
using NanshanBot.Tests.Channels.Telegram;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Operations;

/// <summary>Exceptions are logged with their stacks, and the logging filter the service host installs takes the
/// configured secrets out of every line, whoever writes it.</summary>
public sealed class LogRedactionTests
{
    [Fact]
    public void ATokenInAMessageAValueOrAnExceptionNeverReachesALogButTheStackDoes()
    {
        var logs = new LogSink();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telegram:BotToken"] = TelegramFixture.Token }).Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton<ILoggerProvider>(logs)
            .RedactSecretsInLogs(configuration).BuildServiceProvider();
        var logger = services.GetRequiredService<ILogger<LogRedactionTests>>();

        logger.LogError(Thrown($"GET https://api.telegram.org/bot{TelegramFixture.Token}/getMe failed"), "Calling {Url}",
            $"https://api.telegram.org/bot{TelegramFixture.Token}/getUpdates");

        var line = Assert.Single(logs.Lines);
        Assert.DoesNotContain("TEST-secret_token", line);
        Assert.Contains("bot<redacted>/getUpdates", line);
        Assert.Contains("bot<redacted>/getMe failed", line);
        Assert.Contains(nameof(Thrown), line);
    }

    private static InvalidOperationException Thrown(string message)
    {
        try
        {
            throw new InvalidOperationException(message);
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
