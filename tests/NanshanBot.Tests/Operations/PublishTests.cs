using System.Diagnostics;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Operations;

public sealed class PublishTests
{
    [Fact]
    public async Task ThePublishedAppStartedFromAnotherFolderIsReady()
    {
        var output = Path.Combine(Path.GetTempPath(), "nanshanbot-publish-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(Path.GetTempPath(), "nanshanbot-data-" + Guid.NewGuid().ToString("N"));
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(Repository.Root, "src", "NanshanBot"), "-c", "Release", "-o", output, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync();
        Assert.True(publish.ExitCode == 0, log);

        var port = 20000 + Random.Shared.Next(20000);
        using var app = Process.Start(new ProcessStartInfo(Path.Combine(output, "NanshanBot"), ["--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            Environment = { ["Data__Path"] = data },
        })!;
        try
        {
            using var http = new HttpClient();
            string? ready = null;
            for (var i = 0; i < 150 && ready is null && !app.HasExited; i++)
            {
                try
                {
                    ready = await http.GetStringAsync($"http://127.0.0.1:{port}/readyz");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.Equal("Healthy", ready);
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            Directory.Delete(output, recursive: true);
        }
    }
}
