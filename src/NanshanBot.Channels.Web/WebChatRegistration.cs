using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.Web;

public static class WebChatRegistration
{
    /// <summary>The web chat: page, API, per-client rate limit and problem details. Always on.</summary>
    public static IServiceCollection AddWebChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatOptions>().Bind(configuration.GetSection(WebChatOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>();
        services.AddSingleton<ChatApi>();
        services.AddSingleton<ITransport, WebTransport>();
        services.AddProblemDetails();
        services.AddClientLimits();
        return services;
    }

    /// <summary>The page and the API. The middleware they need (forwarded headers, rate limits, problem details
    /// for /api) is placed by the host: <see cref="ClientLimits.UseClientLimits"/>.</summary>
    public static WebApplication MapWebChannel(this WebApplication app)
    {
        var bodyLimit = new RequestSizeLimitAttribute(ChatApi.MaxBodyBytes);
        app.MapPost("/api/chat", (HttpRequest request, ChatApi api, CancellationToken ct) => api.ChatAsync(request, ct))
            .RequireRateLimiting(ClientLimits.PerClient).WithMetadata(bodyLimit);
        app.MapPost("/api/chat/stream", (HttpContext context, ChatApi api) => api.StreamAsync(context))
            .RequireRateLimiting(ClientLimits.PerClient).WithMetadata(bodyLimit);
        app.MapGet("/api/intro", (string? lang, ChatApi api, CancellationToken ct) => api.IntroAsync(lang, ct)).RequireRateLimiting(ClientLimits.PerClient);
        MapPage(app, "/", "index.html", "text/html; charset=utf-8");
        MapPage(app, "/chat.js", "chat.js", "text/javascript; charset=utf-8");
        MapPage(app, "/chat.css", "chat.css", "text/css; charset=utf-8");
        return app;
    }

    /// <summary>The web page is always on.</summary>
    private sealed class WebTransport : ITransport
    {
        public string Channel => ChatApi.Channel;

        public bool Started => true;
    }

    private static void MapPage(IEndpointRouteBuilder app, string path, string file, string contentType)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("wwwroot/" + file)
            ?? throw new InvalidOperationException("The web page is missing from the build: wwwroot/" + file);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        app.MapGet(path, (HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-cache";
            // The page loads only its own script and style; nothing may frame it or reinterpret its types.
            response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
            response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(bytes, contentType);
        });
    }
}
