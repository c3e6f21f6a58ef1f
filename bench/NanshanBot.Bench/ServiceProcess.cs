using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using NanshanBot.Evaluation;

namespace NanshanBot.Bench;

/// <summary>The service as users start it (its apphost, on a free loopback port), timed from process start
/// until it answers its first POST /api/chat.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string FirstQuestion = "南山区人均GDP有多少？";

    private readonly ProgramRun run;
    private readonly HttpClient http = new();
    private readonly string url;

    private ServiceProcess(ProgramRun run, string url)
    {
        this.run = run;
        this.url = url;
    }

    /// <summary>Process start to the first answer; NaN if none came within the time allowed.</summary>
    public double FirstAnswerMs { get; private set; } = double.NaN;

    /// <param name="data">A Data:Path that outlives the process (the caller deletes it), for a second start
    /// with what the first one kept; by default a temporary one deleted with it.</param>
    public static async Task<ServiceProcess> StartAsync(string? knowledge, string? data = null, TimeSpan? allowed = null)
    {
        var url = $"http://127.0.0.1:{30000 + Random.Shared.Next(10000)}";
        var service = new ServiceProcess(new ProgramRun(["--urls", url], knowledge, data), url);
        var clock = Stopwatch.StartNew();
        service.run.Process.Start();
        service.run.Process.BeginOutputReadLine();
        service.run.Process.BeginErrorReadLine();
        while (clock.Elapsed < (allowed ?? TimeSpan.FromSeconds(30)) && !service.run.Process.HasExited)
        {
            try
            {
                using var answer = await service.http.PostAsJsonAsync($"{url}/api/chat", new { text = FirstQuestion });
                if (answer.IsSuccessStatusCode)
                {
                    service.FirstAnswerMs = clock.Elapsed.TotalMilliseconds;
                    break;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(5);
            }
        }

        return service;
    }

    public async Task AskAllAsync(List<EvalCase> cases)
    {
        foreach (var turn in cases.SelectMany(c => c.Turns))
        {
            (await http.PostAsJsonAsync($"{url}/api/chat", new { text = turn })).Dispose();
        }
    }

    /// <summary>One question in a fresh conversation, as the web page asks it: the reply and whether it declined.</summary>
    public async Task<(string Reply, bool Declined)> AskAsync(string text)
    {
        using var response = await http.PostAsJsonAsync($"{url}/api/chat", new { text });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("reply").GetString() ?? "", json.RootElement.GetProperty("declined").GetBoolean());
    }

    public double StatusKiB(string field)
    {
        var line = File.ReadLines($"/proc/{run.Process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync()
    {
        run.Process.Kill(entireProcessTree: true);
        run.Process.WaitForExit();
        run.Dispose();
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The program's apphost with its own temporary Data:Path (deleted with it) unless given one; the Web
/// channel's per-client limit lifted so that the bench's one client can ask every question.</summary>
public sealed class ProgramRun : IDisposable
{
    private readonly string? ownData;

    public ProgramRun(string[] args, string? knowledge, string? data = null)
    {
        ownData = data is null ? Directory.CreateTempSubdirectory("nanshanbot-bench-data-").FullName : null;
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "NanshanBot"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["Data__Path"] = data ?? ownData;
        start.Environment["Web__RequestsPerMinute"] = "1000000";
        if (knowledge is not null)
        {
            start.Environment["Knowledge__Path"] = knowledge;
        }

        Process = new Process { StartInfo = start };
    }

    public Process Process { get; }

    public void Dispose()
    {
        Process.Dispose();
        if (ownData is not null)
        {
            Directory.Delete(ownData, recursive: true);
        }
    }
}
