using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NanshanBot.Hosting;
using NanshanBot.Retrieval;

namespace NanshanBot.Tests.Support;

/// <summary>The real service host (ServiceHost.Build, as `dotnet run` builds it) started in-process on a free
/// loopback port and ready (its knowledge loaded), on the tests' own knowledge unless told otherwise, with the clock
/// optionally replaced by a fake and every log line captured.</summary>
public sealed class BotService : IAsyncDisposable
{
    private readonly WebApplication app;

    private readonly string? ownData;

    private BotService(WebApplication app, LogSink logs, FakeTimeProvider? clock, string? ownData)
    {
        this.app = app;
        this.ownData = ownData;
        Logs = logs;
        Clock = clock;
    }

    public LogSink Logs { get; }

    public FakeTimeProvider? Clock { get; }

    public IServiceProvider Services => app.Services;

    public string Url => app.Urls.First();

    public static async Task<BotService> StartAsync(IDictionary<string, string?> settings, FakeTimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?>(settings);
        var ownData = all.TryAdd("Data:Path", Repository.TempPath("data")) ? all["Data:Path"] : null;
        all.TryAdd("Knowledge:Path", TestKnowledge.Folder);
        var args = all.Select(p => $"--{p.Key}={p.Value}").Append("--urls=http://127.0.0.1:0").ToArray();
        var logs = new LogSink();
        var app = ServiceHost.Build(args, services =>
        {
            if (clock is not null)
            {
                services.AddSingleton<TimeProvider>(clock);
            }

            services.AddSingleton<ILoggerProvider>(logs);
        });
        await app.StartAsync();
        var service = new BotService(app, logs, clock, ownData);
        try
        {
            // Ready, as an orchestrator waits for /readyz: the service listens while its knowledge loads.
            await app.Services.GetRequiredService<KnowledgeState>().Loaded;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>Waits (polling, at most 30 s of real time: the machine may be shared and busy) until
    /// <paramref name="condition"/> holds, moving the fake clock on by <paramref name="step"/> each round when there
    /// is one.</summary>
    public Task EventuallyAsync(Func<bool> condition, TimeSpan? step = null, string? because = null) =>
        EventuallyAsync(condition, step, () => because ?? "");

    public async Task EventuallyAsync(Func<bool> condition, TimeSpan? step, Func<string> because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in 30 s: " + because() + "\nlast log lines:\n" + string.Join("\n", Logs.Lines.TakeLast(12)));
            }

            if (step is { } s)
            {
                Clock?.Advance(s);
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownData is not null)
        {
            Repository.Delete(ownData);
        }
    }
}

/// <summary>Collects every log line (message and exception text) the service writes.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
