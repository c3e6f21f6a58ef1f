using System.Text.Json;
using Microsoft.Extensions.Options;
using NanshanBot.Operations;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// The getUpdates offset confirmed to Telegram, on disk: the updates before it are answered or in the
/// <see cref="UpdateJournal"/>. Written to a temporary file, synced to disk and renamed over the old one, so a
/// crash (or a power cut) leaves either the old offset or the new one, never half a file.
/// </summary>
public sealed class UpdateOffsetStore
{
    private readonly string path;
    private readonly object gate = new();
    private int offset;

    public UpdateOffsetStore(IOptions<DataOptions> data, IOptions<TelegramOptions> telegram)
    {
        var botId = telegram.Value.BotToken?.Split(':')[0] ?? "bot";
        path = Path.Combine(data.Value.Folder("telegram"), $"{botId}-updates.json");
        offset = File.Exists(path) ? Read(path) : 0;
    }

    /// <summary>The offset to ask getUpdates for.</summary>
    public int Offset
    {
        get
        {
            lock (gate)
            {
                return offset;
            }
        }
    }

    public void Advance(int next)
    {
        lock (gate)
        {
            if (next <= offset)
            {
                return;
            }

            offset = next;
            var temp = path + ".tmp";
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                JsonSerializer.Serialize(file, new State(offset));
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
    }

    private static int Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<State>(File.ReadAllText(path))?.Offset ?? 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    /// <summary>The file's content (earlier versions also listed handled ids; they are ignored).</summary>
    private sealed record State(int Offset);
}
