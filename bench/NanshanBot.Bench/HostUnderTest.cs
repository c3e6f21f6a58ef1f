using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NanshanBot.Answering;
using NanshanBot.Hosting;
using NanshanBot.Operations;

namespace NanshanBot.Bench;

/// <summary>
/// The service as users reach it: <see cref="ServiceHost.Build"/> with the configuration defaults, a temporary
/// Data:Path, the given knowledge folder, state in this process's memory and no channel configured, started
/// (so that the question log's writer and the metrics exporter run), and its engine with every observer the
/// service registers. Its logs go to standard error, at the default levels, to keep the table readable.
/// </summary>
public sealed class HostUnderTest : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string data;

    private HostUnderTest(WebApplication app, string data)
    {
        this.app = app;
        this.data = data;
    }

    public IServiceProvider Services => app.Services;

    public AnswerEngine Engine => app.Services.GetRequiredService<AnswerEngine>();

    public static async Task<HostUnderTest> StartAsync(string? knowledgePath)
    {
        var data = Directory.CreateTempSubdirectory("nanshanbot-bench-data-").FullName;
        string[] args = [$"--Data:Path={data}", "--urls=http://127.0.0.1:0", "--Logging:Console:LogToStandardErrorThreshold=Trace"];
        var app = ServiceHost.Build(knowledgePath is null ? args : [.. args, $"--Knowledge:Path={knowledgePath}"]);
        await app.StartAsync();
        // Ready, as the service is once its knowledge is loaded (it listens meanwhile).
        await app.Services.GetRequiredService<NanshanBot.Retrieval.KnowledgeState>().Loaded;
        return new HostUnderTest(app, data);
    }

    /// <summary>Rows the question log holds once what is queued is written.</summary>
    public async Task<long> LoggedQuestionsAsync()
    {
        var log = app.Services.GetRequiredService<QuestionLog>();
        await log.FlushAsync();
        return log.Statistics().Total;
    }

    /// <summary>The sum of a counter over its labels, as Prometheus scrapes it from /metrics.</summary>
    public async Task<double> ScrapedAsync(string metric)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(app.Urls.First() + "/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }
}
