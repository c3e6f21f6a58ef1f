using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NanshanBot.Fakes;

/// <summary>
/// A real Redis for the tests. <see cref="Shared"/> is the one scripts/test.sh started (its address in
/// NANSHANBOT_TEST_REDIS), or, run without the script, one started here from redis-server on the PATH;
/// tests that stop and restart Redis start a private one with <see cref="StartAsync"/>. Without redis-server
/// the tests fail and say how to get it: they never skip.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> SharedAddress = new(StartSharedAsync);
    private Process? process;

    private readonly string[] settings;

    private RedisServer(int port, string[] settings) => (Port, this.settings) = (port, settings);

    public int Port { get; }

    public string Address => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The address of the Redis every test may share (tests separate their keys by prefix).</summary>
    public static Task<string> Shared() => SharedAddress.Value;

    /// <summary>A Redis of the caller's own, on a free loopback port, with extra <paramref name="settings"/>
    /// (<c>--enable-debug-command yes</c>, say).</summary>
    public static async Task<RedisServer> StartAsync(params string[] settings)
    {
        var server = new RedisServer(FreePort(), settings);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Kills the server at once (as a crash or a lost host would).</summary>
    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>Starts the server (again) on its port, empty, and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        Stop();
        process = Process.Start(new ProcessStartInfo(Executable(),
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", .. settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilAnswersAsync(Port);
    }

    /// <summary>Makes the server hang for <paramref name="seconds"/> (DEBUG SLEEP; needs
    /// <c>--enable-debug-command yes</c>): a slow Redis, not a lost one.</summary>
    public async Task HangAsync(int seconds)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"DEBUG SLEEP {seconds}\r\n"));
        // Leave the connection open until the command is under way.
        await Task.Delay(50);
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private static async Task<string> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable("NANSHANBOT_TEST_REDIS") is { Length: > 0 } given)
        {
            return given;
        }

        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server.Address;
    }

    private static string Executable()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin"))
        {
            var candidate = Path.Combine(folder, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("These tests need a real Redis: run `bash scripts/test.sh`, which installs redis-server " +
            "(apt) and starts it, or set NANSHANBOT_TEST_REDIS=host:port.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilAnswersAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server did not answer on port {port} within 10 s");
            }

            await Task.Delay(20);
        }
    }
}
