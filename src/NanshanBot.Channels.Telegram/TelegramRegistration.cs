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
        if (!TelegramOptions.IsOn(configuration))
        {
            return services;
        }

        services.AddHttpClient(TelegramClient.HttpClientName, (sp, http) =>
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.PollTimeoutSeconds + 15))
            .RemoveAllLoggers()
            .AddResilienceHandler(TelegramClient.HttpClientName, TelegramRetries.Configure);
        services.AddSingleton<TelegramClient>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<ITransport>(sp => sp.GetRequiredService<BotIdentity>());
        services.AddSingleton<SendThrottle>();
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<StreamedReply>();
        services.AddSingleton<TelegramReplies>();
        services.AddSingleton<UpdateHandler>();
        services.AddSingleton<CommandMenu>();
        services.AddOptions<FloodLimits>(UpdateHandler.Channel).Configure<IOptions<TelegramOptions>>((limits, telegram) =>
            (limits.PerUser, limits.PerGroup) = (telegram.Value.FloodLimitPerMinute, telegram.Value.GroupFloodLimitPerMinute));
        // Inline queries: the same limit per user, counted apart from the user's messages.
        services.AddOptions<FloodLimits>(UpdateHandler.InlineChannel).Configure<IOptions<TelegramOptions>>((limits, telegram) =>
            limits.PerUser = telegram.Value.FloodLimitPerMinute);
        services.AddSingleton<NanshanBot.Operations.IAdminNotifier, TelegramAdminNotifier>();
        services.AddSingleton<UpdateJournal>();
        services.AddSingleton<ChatLanes>();
        // Before the workers: hosted services stop in reverse order, so the lanes drain after intake has stopped.
        services.AddHostedService(sp => sp.GetRequiredService<ChatLanes>());
        if (TelegramOptions.ModeIn(configuration) == TelegramMode.Webhook)
        {
            services.AddSingleton<WebhookInbox>();
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
        // Asked of the registrations, not by resolving the inbox: options are validated when the host starts.
        if (endpoints.ServiceProvider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(WebhookInbox)))
        {
            endpoints.MapPost(WebhookInbox.Path, (Microsoft.AspNetCore.Http.HttpRequest request, WebhookInbox inbox, CancellationToken ct) =>
                inbox.ReceiveAsync(request, ct)).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(WebhookInbox.MaxBodyBytes));
        }

        return endpoints;
    }
}
