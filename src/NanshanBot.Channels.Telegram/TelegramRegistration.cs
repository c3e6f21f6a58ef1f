using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.Telegram;

public static class TelegramRegistration
{
    /// <summary>Adds the Telegram channel when <c>Telegram:BotToken</c> is set: polling or webhook worker,
    /// sender, throttle; options validated at start-up.</summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        var options = configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new TelegramOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton<TelegramClient>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<SendThrottle>();
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<StreamedReply>();
        services.AddSingleton<TelegramReplies>();
        services.AddSingleton<UpdateHandler>();
        services.AddOptions<FloodLimits>(UpdateHandler.Channel).Configure<IOptions<TelegramOptions>>((limits, telegram) =>
            (limits.PerUser, limits.PerGroup) = (telegram.Value.FloodLimitPerMinute, telegram.Value.GroupFloodLimitPerMinute));
        services.AddSingleton<NanshanBot.Operations.IAdminNotifier, TelegramAdminNotifier>();
        services.AddSingleton<UpdateJournal>();
        services.AddSingleton<ChatLanes>();
        // Before the workers: hosted services stop in reverse order, so the lanes drain after intake has stopped.
        services.AddHostedService(sp => sp.GetRequiredService<ChatLanes>());
        if (options.Mode == TelegramMode.Webhook)
        {
            services.AddSingleton<WebhookInbox>();
            services.AddSingleton<WebhookMode>();
            services.AddHostedService<WebhookWorker>();
        }
        else
        {
            services.AddSingleton<UpdateOffsetStore>();
            services.AddHostedService<PollingWorker>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<WebhookMode>() is not null)
        {
            endpoints.MapPost(WebhookInbox.Path, (Microsoft.AspNetCore.Http.HttpRequest request, WebhookInbox inbox, CancellationToken ct) =>
                inbox.ReceiveAsync(request, ct)).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(WebhookInbox.MaxBodyBytes));
        }

        return endpoints;
    }

    /// <summary>Present when the channel runs in webhook mode (checked without resolving the options, which
    /// are validated when the host starts).</summary>
    private sealed class WebhookMode;
}
