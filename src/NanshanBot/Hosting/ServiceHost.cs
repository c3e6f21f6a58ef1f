using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using NanshanBot.Channels;
using NanshanBot.Operations;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using NanshanBot.Channels.Telegram;
using NanshanBot.Channels.WeChat;
using NanshanBot.Channels.Web;

namespace NanshanBot.Hosting;

/// <summary>
/// The service: the answering pipeline and every configured channel on one generic host with Kestrel, as a
/// console app, a systemd service (Type=notify) or a Windows service. Listens on http://127.0.0.1:5080 unless
/// ASP.NET's usual --urls / ASPNETCORE_URLS say otherwise.
/// </summary>
public static class ServiceHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <param name="configure">Replaces services after the normal registration: tests swap the clock or add a
    /// log sink, nothing else.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Host.UseSystemd();
        builder.Host.UseWindowsService();
        var ops = builder.Configuration.GetSection(OpsOptions.Section).Get<OpsOptions>() ?? new OpsOptions();
        builder.WebHost.UseUrls(OpsListener.Urls(builder.Configuration["urls"], ops));
        builder.Services.AddOptions<OpsOptions>().Bind(builder.Configuration.GetSection(OpsOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OpsOptions>, OpsOptionsValidator>();

        if (builder.Configuration["Logging:Format"] is { } format && format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole();
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddAnsweringPipeline(builder.Configuration, watchKnowledge: true);
        builder.Services.AddHealthChecks().AddCheck<ChannelsReady>("channels", tags: ["ready"]);
        // Only this host's meter (from its IMeterFactory): AddMeter would listen to every meter of that name in
        // the process, other hosts' included.
        builder.Metrics.EnableMetrics(BotMetrics.MeterName, scopes: MeterScope.Local);
        builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("NanshanBot")).WithMetrics(metrics => metrics.AddPrometheusExporter());
        builder.Services.AddTelegramChannel(builder.Configuration);
        builder.Services.AddWebChannel(builder.Configuration);
        builder.Services.AddWeChatChannels(builder.Configuration);
        configure?.Invoke(builder.Services);
        builder.Services.RedactSecretsInLogs(builder.Configuration);

        var app = builder.Build();
        // The host places the middleware, in order: the ops listener's port filter, the web client's address and
        // rate limits, and problem details for the web API only (WeChat's and Telegram's 403 and 413 keep their
        // empty bodies, as those platforms expect).
        app.UseOpsListener(ops);
        app.UseClientLimits();
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapWebChannel();
        app.MapTelegramWebhook();
        app.MapWeChatChannels();
        return app;
    }
}
