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

    /// <summary>Set when the service says it listens (it prints so once its listeners are open).</summary>
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Process start to the first answer; NaN if none came within the time allowed.</summary>
    public double FirstAnswerMs { get; private set; } = double.NaN;

    /// <param name="data">A Data:Path that outlives the process (the caller deletes it), for a second start
    /// with what the first one kept; by default a temporary one deleted with it.</param>
    /// <param name="program">The folder of the apphost to start (a published copy); by default the one built
    /// beside the bench.</param>
    public static async Task<ServiceProcess> StartAsync(string? knowledge, string? data = null, TimeSpan? allowed = null, string? program = null)
    {
        await SettleAsync();
        var url = $"http://127.0.0.1:{FreePort()}";
        var service = new ServiceProcess(new ProgramRun(["--urls", url], knowledge, data, program), url);
        var clock = Stopwatch.StartNew();
        service.run.Process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        service.run.Process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        service.run.Process.Start();
        service.run.Process.BeginOutputReadLine();
        service.run.Process.BeginErrorReadLine();
        // The question is asked once the service says it listens, as a client that waits for its port would: asking
        // every few milliseconds before that would spend this process's time on refused connections, beside a start
        // that has two cores to itself at best. It then waits for the knowledge to load. Without that line within
        // half a minute (its wording changed), the service is asked every few milliseconds as before.
        await Task.WhenAny(service.listening.Task, service.run.Process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        // A question asked while the service loads its knowledge waits for it: minutes for a cold start with tens of
        // thousands of articles, longer than a client's usual timeout, so it is bounded by the time allowed instead.
        var limit = allowed ?? TimeSpan.FromSeconds(30);
        using var waiting = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        while (clock.Elapsed < limit && !service.run.Process.HasExited)
        {
            try
            {
                using var left = new CancellationTokenSource(limit - clock.Elapsed);
                using var answer = await waiting.PostAsJsonAsync($"{url}/api/chat", new { text = FirstQuestion }, left.Token);
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
            catch (OperationCanceledException) when (clock.Elapsed >= limit)
            {
                break;
            }
        }

        if (service.run.Process.HasExited)
        {
            service.run.Process.WaitForExit();
            throw new InvalidOperationException(
                $"the service exited with {service.run.Process.ExitCode} before it answered; its last lines:\n{string.Join('\n', service.LastLines)}");
        }

        return service;
    }

    /// <summary>Waits (five seconds at most) until this process has used next to no processor time for a fifth of a
    /// second: what it did before (hundreds of questions asked, their code compiled again optimised in the
    /// background) must not share the machine's cores with the start it times. Seen: a third of a second of this
    /// process's time within the 2.8 s of a start from the index cache at 10,000 articles.</summary>
    private static async Task SettleAsync()
    {
        using var self = Process.GetCurrentProcess();
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(5);)
        {
            var before = self.TotalProcessorTime;
            await Task.Delay(200);
            self.Refresh();
            if (self.TotalProcessorTime - before < TimeSpan.FromMilliseconds(10))
            {
                return;
            }
        }
    }

    /// <summary>A port nothing listens on now (a random one may be an outgoing connection's).</summary>
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private readonly Queue<string> lastLines = new();

    /// <summary>The service's last lines of output, for a failure to show.</summary>
    private IEnumerable<string> LastLines
    {
        get
        {
            lock (lastLines)
            {
                return [.. lastLines];
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains(" is running on ", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 40)
            {
                lastLines.Dequeue();
            }
        }
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

    public ProgramRun(string[] args, string? knowledge, string? data = null, string? program = null)
    {
        ownData = data is null ? Directory.CreateTempSubdirectory("nanshanbot-bench-data-").FullName : null;
        var start = new ProcessStartInfo(Path.Combine(program ?? AppContext.BaseDirectory, "NanshanBot"))
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
