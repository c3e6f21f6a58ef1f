using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Channels.Web;

/// <summary>The chat page in a real browser (Debian's Chromium driven by playwright-core; both installed by
/// scripts/test.sh). A screenshot is kept in artifacts/screenshots, also on failure.</summary>
public sealed class WebPageTests
{
    [Fact]
    public async Task APersonChatsOnThePageInARealBrowser()
    {
        var script = Path.Combine(Repository.Root, "tests", "browser", "chat-page.mjs");
        Assert.True(File.Exists("/usr/bin/chromium") && Directory.Exists(Path.Combine(Repository.Root, "tests", "browser", "node_modules", "playwright-core")),
            "Chromium or playwright-core is missing: run the tests with `bash scripts/test.sh`, which installs them.");
        await using var service = await BotService.StartAsync(new Dictionary<string, string?>());
        var shots = Path.Combine(Repository.Root, "artifacts", "screenshots");

        var node = await ProgramProcess.RunToolAsync("node", [script, service.Url, shots], TimeSpan.FromSeconds(90));

        Assert.True(node.ExitCode == 0, node.Stdout + node.Stderr + $"\n(screenshot in {shots})");
    }
}
