using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace NanshanBot.Channels.Telegram;

/// <summary>
/// Every chat answered in its own lane: one chat's updates in order, chats independently of each other, so a
/// busy group waiting for its send slots holds up nobody else. An update is taken into the
/// <see cref="UpdateJournal"/> before its lane gets it (and before the caller confirms it to Telegram); each is
/// marked done once handled, whatever the others do. Lanes run once <see cref="Open"/> is called (the bot's
/// identity is known); at start they hold what the last run left pending. On shutdown, answers being written
/// finish and queued ones stay in the journal for the next start.
/// </summary>
public sealed partial class ChatLanes(UpdateJournal journal, UpdateHandler handler, IOptions<TelegramOptions> options,
    ILogger<ChatLanes> logger) : IHostedService
{
    private readonly object gate = new();
    private readonly Dictionary<long, Lane> lanes = [];
    private readonly HashSet<Task> running = [];
    private bool open;
    private bool stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var update in journal.Pending())
        {
            Enqueue(update, reserve: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Starts answering (what is queued, and whatever comes).</summary>
    public void Open()
    {
        lock (gate)
        {
            open = true;
            foreach (var (chat, lane) in lanes)
            {
                StartLane(chat, lane);
            }
        }
    }

    /// <summary>Takes updates in order, until one cannot be taken (<see cref="Intake.Full"/>); returns how many
    /// were taken or dropped, all of them on disk when it returns. Not cancellable: an update written to the
    /// journal is always queued too (a caller that went away meanwhile just does not confirm it).</summary>
    public async Task<(int Confirmable, bool Full)> AcceptAsync(IReadOnlyList<Update> updates)
    {
        var taken = new List<Update>();
        var sequence = 0L;
        var count = 0;
        foreach (var update in updates)
        {
            var (intake, written) = TryTake(update);
            if (intake == Intake.Full)
            {
                break;
            }

            count++;
            sequence = Math.Max(sequence, written);
            if (intake == Intake.Taken)
            {
                taken.Add(update);
            }
        }

        await journal.SyncAsync(sequence, CancellationToken.None);
        taken.ForEach(u => Enqueue(u, reserve: false));
        return (count, count < updates.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] inFlight;
        lock (gate)
        {
            stopping = true;
            inFlight = [.. running];
        }

        try
        {
            await Task.WhenAll(inFlight).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout: what is unfinished stays in the journal and is answered at next start.
            LogStoppedUnfinished(logger, inFlight.Count(t => !t.IsCompleted));
        }
    }

    private (Intake, long) TryTake(Update update)
    {
        var chat = ChatOf(update);
        lock (gate)
        {
            var lane = lanes.TryGetValue(chat, out var existing) ? existing : lanes[chat] = new Lane();
            if (lane.Backlog >= options.Value.MaxChatBacklog)
            {
                LogBacklogFull(logger, update.Id, lane.Backlog);
                return (Intake.Dropped, 0);
            }

            var (result, sequence) = journal.TryAdd(update);
            if (result != JournalResult.Added)
            {
                Forget(chat, lane);
                return (result == JournalResult.Full ? Intake.Full : Intake.Dropped, sequence);
            }

            lane.Backlog++;
            return (Intake.Taken, sequence);
        }
    }

    private void Enqueue(Update update, bool reserve)
    {
        var chat = ChatOf(update);
        lock (gate)
        {
            var lane = lanes.TryGetValue(chat, out var existing) ? existing : lanes[chat] = new Lane();
            lane.Backlog += reserve ? 1 : 0;
            lane.Queue.Enqueue(update);
            StartLane(chat, lane);
        }
    }

    /// <summary>Starts the lane's worker if the lanes are open and it is not running (the caller holds the gate).</summary>
    private void StartLane(long chat, Lane lane)
    {
        if (open && !stopping && !lane.Running && lane.Queue.Count > 0)
        {
            lane.Running = true;
            var task = Task.Run(() => RunAsync(chat, lane));
            running.Add(task);
            task.ContinueWith(t => { lock (gate) { running.Remove(t); } }, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(long chat, Lane lane)
    {
        while (true)
        {
            Update update;
            lock (gate)
            {
                if (stopping || lane.Queue.Count == 0)
                {
                    lane.Running = false;
                    Forget(chat, lane);
                    return;
                }

                update = lane.Queue.Dequeue();
            }

            await HandleAsync(update);
            lock (gate)
            {
                lane.Backlog--;
            }

            journal.Done(update.Id);
        }
    }

    /// <summary>In-flight answers finish even when shutdown begins: the handler gets no stopping token.</summary>
    private async Task HandleAsync(Update update)
    {
        try
        {
            await handler.HandleAsync(update, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogHandlerFailed(logger, update.Id, e);
        }
    }

    /// <summary>Drops an idle lane, so that chats come and go without the dictionary growing (gate held).</summary>
    private void Forget(long chat, Lane lane)
    {
        if (lane.Backlog == 0 && !lane.Running)
        {
            lanes.Remove(chat);
        }
    }

    /// <summary>An inline query has no chat: it waits in the lane of the user's private chat.</summary>
    private static long ChatOf(Update u) =>
        u.Message?.Chat.Id ?? u.CallbackQuery?.Message?.Chat.Id ?? u.CallbackQuery?.From.Id ?? u.InlineQuery?.From.Id ?? -u.Id;

    /// <summary>A chat's queue; its backlog counts what is queued and being answered.</summary>
    private sealed class Lane
    {
        public readonly Queue<Update> Queue = new();
        public int Backlog;
        public bool Running;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId} dropped: its chat already has {Backlog} waiting (Telegram:MaxChatBacklog)")]
    private static partial void LogBacklogFull(ILogger logger, int updateId, int backlog);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped with {Count} Telegram chats still being answered; their updates are answered at the next start")]
    private static partial void LogStoppedUnfinished(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId} failed in the handler; it is skipped")]
    private static partial void LogHandlerFailed(ILogger logger, int updateId, Exception exception);
}
