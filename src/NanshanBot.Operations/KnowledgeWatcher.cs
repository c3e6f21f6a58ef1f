using Microsoft.Extensions.Hosting;

namespace NanshanBot.Operations;

/// <summary>
/// Watches the knowledge folder by polling a cheap fingerprint (every file's path, size and time) twice a
/// second, so that a saved edit is serving within about a second, also on file systems where change
/// notifications are unreliable (containers, network mounts). Waits for the fingerprint to settle so that a
/// half-written save is not loaded.
/// </summary>
public sealed class KnowledgeWatcher(KnowledgeReloader reloader, string path, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var serving = Fingerprint();
        var pending = serving;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = Fingerprint();
                if (now != pending)
                {
                    pending = now;
                    continue;
                }

                if (now != serving)
                {
                    serving = now;
                    await reloader.ReloadAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private string Fingerprint()
    {
        if (!Directory.Exists(path))
        {
            return "";
        }

        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f))
            .OrderBy(f => f.FullName, StringComparer.Ordinal)
            .Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}");
        return string.Join("\n", files);
    }
}
