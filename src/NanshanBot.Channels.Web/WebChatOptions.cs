using System.Net;
using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.Web;

/// <summary>Configuration section <c>Web</c>.</summary>
public sealed class WebChatOptions
{
    public const string Section = "Web";

    /// <summary>Requests one client may make to /api per minute; past it, 429 with Retry-After. A client is an
    /// IPv4 address or an IPv6 /64 (one household or phone gets a whole /64).</summary>
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>Requests to /api being answered at once, all clients together; past it, 503 with Retry-After.</summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>The addresses of reverse proxies (nginx) whose X-Forwarded-For and X-Forwarded-Proto are believed.
    /// Empty: no forwarded header is believed, every client is its socket's address.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>The longest question accepted, in characters.</summary>
    public int MaxTextLength { get; set; } = 1000;
}

public sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public ValidateOptionsResult Validate(string? name, WebChatOptions o)
    {
        var errors = new List<string>();
        if (o.RequestsPerMinute < 1 || o.MaxConcurrentRequests < 1 || o.MaxTextLength is < 1 or > 4000)
        {
            errors.Add("Web:RequestsPerMinute and Web:MaxConcurrentRequests must be at least 1 and Web:MaxTextLength between 1 and 4000.");
        }

        foreach (var proxy in o.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            errors.Add($"Web:KnownProxies must list IP addresses (such as 127.0.0.1); '{proxy}' is not one.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
