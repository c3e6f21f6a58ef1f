using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

        try
        {
            // A port another test's connection took between choosing it and binding it is tried again with another.
            var (ready, log) = await StartAsync(output, data);
            for (var attempt = 1; ready is null && attempt < 3 && log.Contains("address already in use", StringComparison.Ordinal); attempt++)
            {
                (ready, log) = await StartAsync(output, data);
            }

            Assert.True(ready == "Healthy", $"/readyz said {ready ?? "nothing"}\n{log}");
        }
        finally
        {
            Repository.Delete(output);
            Repository.Delete(data);
        }
    }

    /// <summary>Starts the published app on a free port from another folder: what <c>/readyz</c> said (null if
    /// nothing within 30 s), and what the app wrote.</summary>
    private static async Task<(string? Ready, string Log)> StartAsync(string output, string data)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

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
            return (ready, $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
            }
        }
    }
}
