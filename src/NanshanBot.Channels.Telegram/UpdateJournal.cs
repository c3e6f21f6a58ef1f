using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NanshanBot.Operations;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// The updates this instance has taken from Telegram and not answered yet, on disk (<c>Data:Path/telegram</c>),
/// so that confirming them to Telegram (polling's offset, the webhook's 200) loses nothing if the process dies:
/// the next start answers what is still pending. An update's line is on disk (fsync) before it is confirmed;
/// concurrent writers share one fsync. Answered updates are marked done; the file is rewritten without them at
/// start and emptied whenever nothing is pending.
/// </summary>
public sealed class UpdateJournal : IDisposable
{
    private const long CompactAbove = 1 << 20;
    private readonly string path;
    private readonly int capacity;
    private readonly object gate = new();
    private readonly SemaphoreSlim syncing = new(1, 1);
    private readonly SortedDictionary<int, Update> pending = [];
    private FileStream file;
    private long written;
    private long synced;

    public UpdateJournal(IOptions<DataOptions> data, IOptions<TelegramOptions> telegram)
    {
        var botId = telegram.Value.BotToken?.Split(':')[0] ?? "bot";
        path = Path.Combine(data.Value.Folder("telegram"), $"{botId}-pending.jsonl");
        capacity = telegram.Value.MaxPendingUpdates;
        foreach (var update in Read(path))
        {
            pending[update.Id] = update;
        }

        file = Rewrite(path, pending.Values);
    }

    /// <summary>What was taken and not answered, oldest first (at start: what the last run left).</summary>
    public IReadOnlyList<Update> Pending()
    {
        lock (gate)
        {
            return pending.Values.ToList();
        }
    }

    /// <summary>Writes the update's line (durable once <see cref="SyncAsync"/> has covered its sequence number).</summary>
    public (JournalResult Result, long Sequence) TryAdd(Update update)
    {
        lock (gate)
        {
            if (pending.ContainsKey(update.Id))
            {
                return (JournalResult.Known, written);
            }

            if (pending.Count >= capacity)
            {
                return (JournalResult.Full, written);
            }

            Append(new JsonObject { ["add"] = JsonSerializer.SerializeToNode(update, JsonBotAPI.Options) });
            pending[update.Id] = update;
            return (JournalResult.Added, written);
        }
    }

    /// <summary>Returns once every line up to <paramref name="sequence"/> is on disk.</summary>
    public async Task SyncAsync(long sequence, CancellationToken cancellationToken)
    {
        if (Interlocked.Read(ref synced) >= sequence)
        {
            return;
        }

        await syncing.WaitAsync(cancellationToken);
        try
        {
            // Whoever holds the lock syncs everything written so far: the writers waiting behind it are covered.
            FileStream target;
            long upTo;
            lock (gate)
            {
                (target, upTo) = (file, written);
            }

            if (Interlocked.Read(ref synced) < sequence)
            {
                target.Flush(flushToDisk: true);
                Interlocked.Exchange(ref synced, upTo);
            }
        }
        finally
        {
            syncing.Release();
        }
    }

    /// <summary>Marks an update answered (or given up). Written, not synced: at worst a crash repeats an answer.</summary>
    public void Done(int updateId)
    {
        lock (gate)
        {
            if (!pending.Remove(updateId))
            {
                return;
            }

            if (pending.Count == 0 && file.Length > CompactAbove)
            {
                file.SetLength(0);
                file.Position = 0;
                return;
            }

            Append(new JsonObject { ["done"] = updateId });
        }
    }

    public void Dispose()
    {
        file.Dispose();
        syncing.Dispose();
    }

    private void Append(JsonObject line)
    {
        var bytes = Encoding.UTF8.GetBytes(line.ToJsonString() + "\n");
        file.Write(bytes);
        written++;
    }

    /// <summary>The pending updates of a journal file; a line cut short by a crash is skipped.</summary>
    private static IEnumerable<Update> Read(string path)
    {
        var pending = new Dictionary<int, Update>();
        foreach (var line in System.IO.File.Exists(path) ? System.IO.File.ReadLines(path) : [])
        {
            try
            {
                var node = JsonNode.Parse(line);
                if (node?["add"]?.Deserialize<Update>(JsonBotAPI.Options) is { } update)
                {
                    pending[update.Id] = update;
                }
                else if (node?["done"]?.GetValue<int>() is { } done)
                {
                    pending.Remove(done);
                }
            }
            catch (JsonException)
            {
            }
        }

        return pending.Values;
    }

    /// <summary>Replaces the file by one holding only <paramref name="updates"/> (written, synced, renamed over).</summary>
    private static FileStream Rewrite(string path, IEnumerable<Update> updates)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            foreach (var update in updates)
            {
                stream.Write(Encoding.UTF8.GetBytes(new JsonObject { ["add"] = JsonSerializer.SerializeToNode(update, JsonBotAPI.Options) }.ToJsonString() + "\n"));
            }

            stream.Flush(flushToDisk: true);
        }

        System.IO.File.Move(temp, path, overwrite: true);
        var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
        file.Seek(0, SeekOrigin.End);
        return file;
    }
}
