using System.Diagnostics;
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

        var start = new ProcessStartInfo("node", [script, service.Url, shots]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);

        Assert.True(node.ExitCode == 0, await output + await errors + $"\n(screenshot in {shots})");
    }
}
