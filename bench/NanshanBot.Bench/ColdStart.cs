using System.Diagnostics;
using System.Globalization;

namespace NanshanBot.Bench;

/// <summary>
/// Cold start: the built program started as a process until its first answer is printed (`ask`), and the
/// resident memory of the service once it is ready (VmRSS of /proc/PID/status).
/// </summary>
public static class ColdStart
{
    public static async Task RunAsync(BenchReport report)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "NanshanBot.dll");
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using var ask = Start(program, ["ask", "南山区人均GDP有多少？"]);
            await ask.StandardOutput.ReadToEndAsync();
            await ask.WaitForExitAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        report.Add("cold start", "process start to first answer (median of 3)", times.Order().ElementAt(1), "ms");

        var port = 30000 + Random.Shared.Next(10000);
        using var service = Start(program, ["--urls", $"http://127.0.0.1:{port}"]);
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                if ((await http.GetStringAsync($"http://127.0.0.1:{port}/readyz")) == "Healthy")
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        await http.PostAsync($"http://127.0.0.1:{port}/api/chat", new StringContent("""{"text":"南山区人均GDP有多少？"}""", System.Text.Encoding.UTF8, "application/json"));
        var rss = File.ReadLines($"/proc/{service.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        report.Add("memory", "service resident after loading (bundled knowledge)",
            double.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024, "MB");
        service.Kill(entireProcessTree: true);
    }

    private static Process Start(string program, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Data__Path"] = Directory.CreateTempSubdirectory("nanshanbot-bench-").FullName;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(start)!;
    }
}
