using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NanshanBot.Answering;
using NanshanBot.Answering.Grounding;
using NanshanBot.State;

namespace NanshanBot.Operations;

/// <summary>Questions by outcome and feedback, counted per day in the shared state: with several instances,
/// /stats on any of them shows what all of them did (the SQLite log holds this instance's details).</summary>
public sealed partial class SharedCounters(ISharedState state, TimeProvider time, ILogger<SharedCounters> logger) : IAnswerObserver, IFeedbackObserver
{
    public const int Days = 7;
    private static readonly TimeSpan Keep = TimeSpan.FromDays(Days + 1);
    private static readonly string[] Names = ["answered", "declined", "introduction", "helpful", "not-helpful"];
    private readonly ConcurrentDictionary<Task, byte> counting = new();
    private DayKeys keysOfToday = new(default);

    public void Observe(Question question, Answer answer, TimeSpan latency)
    {
        if (question.Channel != "eval" && question.Counted)
        {
            Track(CountAsync(OutcomeName.Of(answer.Kind)));
        }
    }

    public void Voted(string answerId, bool helpful) => Track(CountAsync(helpful ? "helpful" : "not-helpful"));

    /// <summary>Waits until every count started so far has landed.</summary>
    public Task FlushAsync() => Task.WhenAll(counting.Keys);

    /// <summary>Today's counts and the last <see cref="Days"/> days' (today included), by name; "questions" is
    /// every outcome together.</summary>
    public async Task<SharedTotals> TotalsAsync(CancellationToken cancellationToken)
    {
        var today = new Dictionary<string, long>();
        var week = new Dictionary<string, long>();
        for (var day = 0; day < Days; day++)
        {
            foreach (var name in Names)
            {
                var text = await state.GetAsync(Key(name, time.GetUtcNow().AddDays(-day)), cancellationToken);
                var count = text is null ? 0 : long.Parse(text, CultureInfo.InvariantCulture);
                week[name] = week.GetValueOrDefault(name) + count;
                if (day == 0)
                {
                    today[name] = count;
                }
            }
        }

        today["questions"] = today["answered"] + today["declined"] + today["introduction"];
        week["questions"] = week["answered"] + week["declined"] + week["introduction"];
        return new SharedTotals(state.Where, today, week);
    }

    /// <summary>Never faults: a count that fails is logged with its stack (the state falls back by itself, so this is
    /// a bug or a cancelled shutdown, not an outage).</summary>
    private async Task CountAsync(string name)
    {
        try
        {
            await state.IncrementAsync(TodaysKey(name), Keep);
        }
        catch (Exception e)
        {
            LogCountFailed(logger, name, e);
        }
    }

    /// <summary>Today's key for <paramref name="name"/>, made once a day rather than once a question.</summary>
    private string TodaysKey(string name)
    {
        var now = time.GetUtcNow();
        var keys = Volatile.Read(ref keysOfToday);
        if (keys.Day != now.UtcDateTime.Date)
        {
            keys = new DayKeys(now);
            Volatile.Write(ref keysOfToday, keys);
        }

        return keys.For(name);
    }

    private void Track(Task task)
    {
        if (task.IsCompleted)
        {
            return;
        }

        counting.TryAdd(task, 0);
        task.ContinueWith(t => counting.TryRemove(t, out _), TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The shared count of {Name} failed")]
    private static partial void LogCountFailed(ILogger logger, string name, Exception exception);

    private static string Key(string name, DateTimeOffset day) =>
        string.Create(CultureInfo.InvariantCulture, $"stats:{day.UtcDateTime:yyyyMMdd}:{name}");

    /// <summary>One day's counter keys by name.</summary>
    private sealed class DayKeys(DateTimeOffset day)
    {
        private readonly Dictionary<string, string> keys =
            Names.ToDictionary(name => name, name => Key(name, day), StringComparer.Ordinal);

        public DateTime Day { get; } = day.UtcDateTime.Date;

        public string For(string name) => keys.TryGetValue(name, out var key) ? key : Key(name, day);
    }
}

/// <summary>Counts from <see cref="SharedCounters"/>: where they are kept, today's and the week's.</summary>
public sealed record SharedTotals(string Where, IReadOnlyDictionary<string, long> Today, IReadOnlyDictionary<string, long> Week);
