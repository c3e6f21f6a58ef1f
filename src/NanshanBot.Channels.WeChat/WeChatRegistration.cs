using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.WeChat;

public static class WeChatRegistration
{
    /// <summary>The WeChat (<c>/wechat</c>) and WeCom (<c>/wecom</c>) callbacks, each on when its token is set;
    /// options validated at start-up.</summary>
    public static IServiceCollection AddWeChatChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeChatOptions>().Bind(configuration.GetSection(WeChatOptions.Section)).ValidateOnStart();
        services.AddOptions<WeComOptions>().Bind(configuration.GetSection(WeComOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeChatOptions>, WeChatOptionsValidator>();
        services.AddSingleton<IValidateOptions<WeComOptions>, WeChatOptionsValidator>();
        services.AddSingleton<ReplyCache>();
        services.AddSingleton<ReplayGuard>();
        services.AddSingleton<WeChatMessages>();
        foreach (var channel in new[] { "wechat", "wecom" })
        {
            services.AddOptions<FloodLimits>(channel).Configure<IOptions<WeChatOptions>>((limits, wechat) => limits.PerUser = wechat.Value.FloodLimitPerMinute);
        }

        services.AddSingleton<WeChatCallback>();
        return services;
    }

    public static WebApplication MapWeChatChannels(this WebApplication app)
    {
        var configuration = app.Configuration;
        if (configuration.GetSection(WeChatOptions.Section).Get<WeChatOptions>() is { Enabled: true })
        {
            Map(app, "/wechat", sp => WeChatAccount.OfficialAccount(sp.GetRequiredService<IOptions<WeChatOptions>>().Value));
        }

        if (configuration.GetSection(WeComOptions.Section).Get<WeComOptions>() is { Enabled: true })
        {
            Map(app, "/wecom", sp => WeChatAccount.WeCom(sp.GetRequiredService<IOptions<WeComOptions>>().Value));
        }

        return app;
    }

    private static void Map(WebApplication app, string path, Func<IServiceProvider, WeChatAccount> account)
    {
        var lazy = new Lazy<WeChatAccount>(() => account(app.Services));
        app.MapGet(path, (HttpRequest request, WeChatCallback callback) => callback.Verify(request, lazy.Value));
        app.MapPost(path, (HttpRequest request, WeChatCallback callback, CancellationToken ct) => callback.ReceiveAsync(request, lazy.Value, ct))
            .WithMetadata(new RequestSizeLimitAttribute(WeChatCallback.MaxBodyBytes));
    }
}
