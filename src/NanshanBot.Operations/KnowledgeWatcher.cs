using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NanshanBot.Answering;
using NanshanBot.Knowledge.Loading;

namespace NanshanBot.Operations;

/// <summary>
/// Watches the knowledge folder by polling a cheap fingerprint (every knowledge file's path, size and time, and
/// what cannot be read) twice a second, so that a saved edit is serving within about a second, also on file
/// systems where change notifications are unreliable (containers, network mounts). Waits for the fingerprint to
/// settle so that a half-written save is not loaded. Editor and temporary files do not count. Nothing stops it:
/// a failure is logged and the next tick looks again.
/// </summary>
public sealed partial class KnowledgeWatcher(KnowledgeReloader reloader, KnowledgeFactory factory, TimeProvider time, ILogger<KnowledgeWatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private string started = "";

    /// <summary>Takes the first fingerprint while the host starts: ExecuteAsync runs later on the thread pool,
    /// and an edit saved in between would otherwise count as what is serving.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        started = Fingerprint();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var serving = started;
        var pending = serving;
        using var timer = new PeriodicTimer(Interval, time);
        var looked = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // The folder is read at most about every Interval of real time, however the clock jumps (a clock
                // set forward by a day would otherwise fire every missed tick at once, each reading the folder).
                if (Stopwatch.GetElapsedTime(looked) < Interval / 2)
                {
                    continue;
                }

                looked = Stopwatch.GetTimestamp();
                try
                {
                    (serving, pending) = await TickAsync(serving, pending, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogWatchFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<(string Serving, string Pending)> TickAsync(string serving, string pending, CancellationToken stoppingToken)
    {
        var now = Fingerprint();
        if (now != pending)
        {
            return (serving, now);
        }

        if (now != serving)
        {
            await reloader.ReloadAsync(stoppingToken);
        }

        return (now, now);
    }

    private string Fingerprint()
    {
        var path = factory.Path;
        if (!Directory.Exists(path))
        {
            return "";
        }

        var problems = new List<KnowledgeError>();
        var text = new StringBuilder();
        foreach (var file in KnowledgeFiles.List(path, problems))
        {
            var info = new FileInfo(Path.Combine(path, file));
            try
            {
                text.Append(file).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
            }
            catch (IOException)
            {
                text.Append(file).Append("|gone\n");
            }
        }

        return text.AppendJoin('\n', problems).ToString();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching the knowledge folder failed; looking again at the next tick")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);
}
