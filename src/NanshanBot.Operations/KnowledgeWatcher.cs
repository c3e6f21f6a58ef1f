using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NanshanBot.Answering;
using NanshanBot.Knowledge.Loading;

namespace NanshanBot.Operations;

/// <summary>
/// Watches the knowledge folder so that a saved edit is serving within about a second. The system's change
/// notifications say when to look: the folder is fingerprinted (every knowledge file's path, size and time, and
/// what cannot be read) once it has been quiet for <see cref="Quiet"/>, so that a half-written save is not
/// loaded. Notifications can be lost (an overflow, a network mount, a container's bind mount, a system out of
/// watches), so the folder is also fingerprinted every <see cref="PollWithNotifications"/>, or twice a second
/// without them, and a change found so reloads once the next look finds the same. Editor and temporary files
/// do not count. Nothing stops it: a failure is logged and the next tick looks again.
/// </summary>
public sealed partial class KnowledgeWatcher(KnowledgeReloader reloader, KnowledgeFactory factory, TimeProvider time, ILogger<KnowledgeWatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan PollWithNotifications = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollWithout = TimeSpan.FromMilliseconds(500);
    private ulong started;
    private FileSystemWatcher? notifications;

    /// <summary>When the last notification came (a <see cref="Stopwatch"/> timestamp), 0 when none waits.</summary>
    private long notified;

    /// <summary>Takes the first fingerprint while the host starts: ExecuteAsync runs later on the thread pool,
    /// and an edit saved in between would otherwise count as what is serving.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        notifications = Notifications(factory.Path);
        started = KnowledgeFiles.Fingerprint(factory.Path);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        notifications?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var serving = started;
        var pending = serving;
        using var timer = new PeriodicTimer(Tick, time);
        var looked = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Looks are timed by the real clock, however the injected one jumps (a clock set forward by a day
                // would otherwise fire every missed tick at once).
                var last = Volatile.Read(ref notified);
                var settled = last != 0 && Stopwatch.GetElapsedTime(last) >= Quiet;
                if (!settled && Stopwatch.GetElapsedTime(looked) < (notifications is null ? PollWithout : PollWithNotifications))
                {
                    continue;
                }

                if (settled)
                {
                    Interlocked.CompareExchange(ref notified, 0, last);
                }

                looked = Stopwatch.GetTimestamp();
                try
                {
                    (serving, pending) = await LookAsync(serving, settled ? null : pending, stoppingToken);
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

    /// <param name="pending">What the look before this one found, which a change found by polling must match
    /// before it loads; null after the notifications have been quiet long enough.</param>
    private async Task<(ulong Serving, ulong Pending)> LookAsync(ulong serving, ulong? pending, CancellationToken stoppingToken)
    {
        var now = KnowledgeFiles.Fingerprint(factory.Path);
        if (pending is { } before && now != before)
        {
            return (serving, now);
        }

        if (now != serving)
        {
            await reloader.ReloadAsync(stoppingToken);
        }

        return (now, now);
    }

    private FileSystemWatcher? Notifications(string path)
    {
        try
        {
            var watcher = new FileSystemWatcher(path)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Changed += Noticed;
            watcher.Created += Noticed;
            watcher.Deleted += Noticed;
            watcher.Renamed += Noticed;
            watcher.Error += (_, e) => LogNotificationsLost(logger, e.GetException());
            watcher.Error += (_, _) => Volatile.Write(ref notified, Stopwatch.GetTimestamp());
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            LogNoNotifications(logger, path, e.Message);
            return null;
        }
    }

    private void Noticed(object sender, FileSystemEventArgs e)
    {
        if (!KnowledgeFiles.IsIgnored(Path.GetFileName(e.FullPath)))
        {
            Volatile.Write(ref notified, Stopwatch.GetTimestamp());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching the knowledge folder failed; looking again at the next tick")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No change notifications for {Path} ({Reason}); looking for edits twice a second instead")]
    private static partial void LogNoNotifications(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change notifications for the knowledge folder were lost; looking at the whole folder now")]
    private static partial void LogNotificationsLost(ILogger logger, Exception exception);
}
