using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Cli;

/// <summary>The hardening settings are checked at start: a mistake stops the service (exit 2) naming the
/// setting, before it serves anyone.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Web__KnownProxies__0=nginx.local", "Web:KnownProxies must list IP addresses")]
    [InlineData("Web__MaxConcurrentRequests=0", "Web:MaxConcurrentRequests must be at least 1")]
    [InlineData("Data__RetentionDays=0", "Data:RetentionDays must be at least 1")]
    [InlineData("Llm__Endpoint=http://127.0.0.1:9/v1;Llm__Model=m;Llm__MaxCallsPerMinute=0", "Llm:MaxCallsPerMinute at least 1")]
    [InlineData("Llm__Endpoint=127.0.0.1:9/v1;Llm__Model=m", "Llm:Endpoint must be an absolute http(s) URL")]
    [InlineData("Llm__Endpoint=http://127.0.0.1:9/v1;Llm__Model=m;Llm__TimeoutSeconds=0", "Llm:TimeoutSeconds must be between 0 and 60")]
    [InlineData("Telegram__BotToken=123456:TEST;Telegram__MaxChatBacklog=0", "Telegram:MaxChatBacklog and Telegram:MaxPendingUpdates must be at least 1")]
    public async Task ASettingOutOfRangeStopsTheServiceNamingIt(string settings, string message)
    {
        var environment = settings.Split(';').Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        var result = await ProgramProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment: environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }
}
