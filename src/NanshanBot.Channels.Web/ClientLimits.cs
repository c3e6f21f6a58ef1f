using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.Web;

/// <summary>
/// Who a web client is and how much it may ask. Behind the README's nginx every request comes from 127.0.0.1:
/// the client is the address in X-Forwarded-For, believed only from <see cref="WebChatOptions.KnownProxies"/>
/// (and only the entry the proxy itself added). Each client (an IPv4 address, an IPv6 /64) gets
/// <see cref="WebChatOptions.RequestsPerMinute"/>; all of them together <see cref="WebChatOptions.MaxConcurrentRequests"/>.
/// </summary>
public static class ClientLimits
{
    public const string PerClient = "per-client";

    public static IServiceCollection AddClientLimits(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebChatOptions>>((forwarded, web) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET trusts loopback by default: only the configured proxies are trusted here.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in web.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetConcurrencyLimiter("api", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = Options(context).MaxConcurrentRequests, QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.AddPolicy(PerClient, context => RateLimitPartition.GetFixedWindowLimiter(Key(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Options(context).RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    public static WebApplication UseClientLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.KnownProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseRateLimiter();
        return app;
    }

    /// <summary>The partition of a client: its IPv4 address, or the /64 of its IPv6 address.</summary>
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? Convert.ToHexStringLower(address.GetAddressBytes(), 0, 8) + "/64"
            : address.ToString();
    }

    private static WebChatOptions Options(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value;

    /// <summary>Over a client's rate: 429 with the wait its window gives. Over the concurrency limit: 503, try
    /// again in a second.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var perClient = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait);
        var retryAfter = Math.Max(1, Math.Ceiling(perClient ? wait.TotalSeconds : 1));
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await (perClient
            ? ChatApi.Problem(StatusCodes.Status429TooManyRequests, "Too many requests", $"Please wait {retryAfter} seconds before asking again.")
            : ChatApi.Problem(StatusCodes.Status503ServiceUnavailable, "Busy", "Too many questions at once; please ask again in a moment."))
            .ExecuteAsync(context.HttpContext);
    }
}
