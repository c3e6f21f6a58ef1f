using System.Diagnostics;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Operations;

public sealed class PublishTests
{
    [Fact]
    public async Task ThePublishedAppStartedFromAnotherFolderIsReady()
    {
        var output = Repository.TempPath("publish");
        var data = Repository.TempPath("data");
        var publish = await ProgramProcess.RunToolAsync("dotnet",
            ["publish", Path.Combine(Repository.Root, "src", "NanshanBot"), "-c", "Release", "-o", output, "--nologo"], TimeSpan.FromMinutes(5));
        Assert.True(publish.ExitCode == 0, publish.Stdout + publish.Stderr);

        var port = 20000 + Random.Shared.Next(20000);
        using var app = Process.Start(new ProcessStartInfo(Path.Combine(output, "NanshanBot"), ["--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Data__Path"] = data },
        })!;
        var stdout = app.StandardOutput.ReadToEndAsync();
        var stderr = app.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            string? ready = null;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); ready is null && !app.HasExited && DateTime.UtcNow < deadline;)
            {
                try
                {
                    ready = await http.GetStringAsync($"http://127.0.0.1:{port}/readyz");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(100);
                }
            }

            await ProgramProcess.EndAsync(app);
            Assert.True(ready == "Healthy", $"/readyz said {ready ?? "nothing"}\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
            }

            Repository.Delete(output);
            Repository.Delete(data);
        }
    }
}
