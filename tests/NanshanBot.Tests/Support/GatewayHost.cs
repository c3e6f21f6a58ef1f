using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NanshanBot.Channels;
using NanshanBot.Hosting;

namespace NanshanBot.Tests.Support;

/// <summary>The inbound pipeline as the service registers it (real engine on the tests' own knowledge, question log, shared state in memory,
/// admin commands), with no transport and no HTTP: messages go straight into the <see cref="ChatGateway"/>. The
/// channel "test" has the flood limits given; the clock is fake; every log line is captured.</summary>
public sealed class GatewayHost : IDisposable
{
    public const string Channel = "test";

    private readonly IHost host;
    private readonly string data = Repository.TempPath("data");

    public GatewayHost(int perUser = 0, int perGroup = 0)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Path"] = data, ["Knowledge:Path"] = TestKnowledge.Folder });
        builder.Services.AddAnsweringPipeline(builder.Configuration);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.Services.Configure<FloodLimits>(Channel, limits => (limits.PerUser, limits.PerGroup) = (perUser, perGroup));
        host = builder.Build();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.FromHours(8)));

    public LogSink Logs { get; } = new();

    public IServiceProvider Services => host.Services;

    public ChatGateway Gateway => host.Services.GetRequiredService<ChatGateway>();

    /// <summary>A message of the test channel from <paramref name="user"/>, in a conversation of their own.</summary>
    public static InboundMessage From(string user, MessageKind kind, string payload) =>
        new(Channel, "test:" + user, user, kind, payload);

    public Task<Reply> SendAsync(InboundMessage message) => Gateway.HandleAsync(message, CancellationToken.None);

    public Task<Reply> AskAsync(string text, string user = "u1") => SendAsync(From(user, MessageKind.Text, text));

    public void Dispose()
    {
        host.Dispose();
        Repository.Delete(data);
    }
}
