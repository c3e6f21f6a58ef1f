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
        services.AddSingleton<WeChatCallback>();
        if (WeChatOptions.IsOn(configuration))
        {
            services.AddSingleton<ITransport>(new WeChatTransport(WeChatTransport.OfficialAccount));
        }

        if (WeComOptions.IsOn(configuration))
        {
            services.AddSingleton<ITransport>(new WeChatTransport(WeChatTransport.WeCom));
        }

        foreach (var channel in new[] { WeChatTransport.OfficialAccount, WeChatTransport.WeCom })
        {
            services.AddOptions<FloodLimits>(channel).Configure<IOptions<WeChatOptions>>((limits, wechat) => limits.PerUser = wechat.Value.FloodLimitPerMinute);
        }

        return services;
    }

    /// <summary>The callback endpoints of the accounts that are on.</summary>
    public static WebApplication MapWeChatChannels(this WebApplication app)
    {
        foreach (var transport in app.Services.GetServices<ITransport>().OfType<WeChatTransport>())
        {
            Map(app, "/" + transport.Channel, sp => transport.Channel == WeChatTransport.WeCom
                ? WeChatAccount.WeCom(sp.GetRequiredService<IOptions<WeComOptions>>().Value)
                : WeChatAccount.OfficialAccount(sp.GetRequiredService<IOptions<WeChatOptions>>().Value));
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

    /// <summary>An account whose callback is on: <c>wechat</c> (an Official Account) or <c>wecom</c>.</summary>
    private sealed record WeChatTransport(string Channel) : ITransport
    {
        public const string OfficialAccount = "wechat";
        public const string WeCom = "wecom";

        public bool Started => true;
    }
}
