using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.State;

public sealed class RedisSettingsTests
{
    [Fact]
    public async Task ATimeoutLongerThanWeChatAllowsStopsTheServiceWithAClearMessage()
    {
        var result = await ProgramProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment: new Dictionary<string, string>
        {
            ["Redis__Configuration"] = "127.0.0.1:6379,password=hunter2-secret",
            ["Redis__OperationTimeout"] = "00:00:05",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Redis:OperationTimeout must be between", result.Stderr);
        Assert.DoesNotContain("hunter2-secret", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task AConnectionStringNamingNoServerIsRefused()
    {
        var result = await ProgramProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment: new Dictionary<string, string>
        {
            ["Redis__Configuration"] = "password=only",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Redis:Configuration names no server", result.Stderr);
    }
}
