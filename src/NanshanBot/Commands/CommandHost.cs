using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NanshanBot.Hosting;
using NanshanBot.Operations;

namespace NanshanBot.Commands;

/// <summary>The host of the commands that answer questions (chat, ask, eval, kb): the same pipeline as the
/// service, no channel, warnings only (to standard error). What the command logged to the question log is written
/// before it ends.</summary>
public static class CommandHost
{
    public static async Task<int> RunAsync(string[] settings, Func<IServiceProvider, Task<int>> command)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAnsweringPipeline(builder.Configuration);
        using var host = builder.Build();
        var code = await command(host.Services);
        await host.Services.GetRequiredService<QuestionLog>().FlushAsync();
        return code;
    }

    public static T Get<T>(this IServiceProvider services) where T : notnull => services.GetRequiredService<T>();
}
