using System.Text.Json;
using Microsoft.Extensions.Options;
using NanshanBot.Channels;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Remembers, on disk, which updates were handled: the offset confirmed to Telegram and the ids handled past
/// it. A restart facing the same pending updates skips them, so nothing is answered twice; an update is
/// marked only after it was handled, so a crash loses nothing.
/// </summary>
public sealed class UpdateOffsetStore
{
    private readonly string path;
    private readonly object gate = new();
    private State state;

    public UpdateOffsetStore(IOptions<DataOptions> data, IOptions<TelegramOptions> telegram)
    {
        var botId = telegram.Value.BotToken?.Split(':')[0] ?? "bot";
        path = Path.Combine(data.Value.Folder("telegram"), $"{botId}-updates.json");
        state = File.Exists(path) ? Read(path) : new State(0, []);
    }

    /// <summary>The offset to ask getUpdates for: one past the last update handled in order.</summary>
    public int Offset
    {
        get
        {
            lock (gate)
            {
                return state.Offset;
            }
        }
    }

    public bool IsHandled(int updateId)
    {
        lock (gate)
        {
            return updateId < state.Offset || state.Handled.Contains(updateId);
        }
    }

    public void MarkHandled(int updateId)
    {
        lock (gate)
        {
            state = state with { Handled = [.. state.Handled, updateId] };
            Write();
        }
    }

    /// <summary>Moves the offset past a batch whose every update was handled.</summary>
    public void Advance(int offset)
    {
        lock (gate)
        {
            state = new State(Math.Max(offset, state.Offset), state.Handled.Where(id => id >= offset).ToArray());
            Write();
        }
    }

    private void Write()
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state));
        File.Move(temp, path, overwrite: true);
    }

    private static State Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<State>(File.ReadAllText(path)) ?? new State(0, []);
        }
        catch (JsonException)
        {
            return new State(0, []);
        }
    }

    private sealed record State(int Offset, int[] Handled);
}
