using Microsoft.Extensions.Options;

namespace NanshanBot.Channels.Web;

/// <summary>Configuration section <c>Web</c>.</summary>
public sealed class WebChatOptions
{
    public const string Section = "Web";

    /// <summary>Requests one client (IP address) may make to /api per minute; past it, 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>The longest question accepted, in characters.</summary>
    public int MaxTextLength { get; set; } = 1000;
}

public sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public ValidateOptionsResult Validate(string? name, WebChatOptions o) =>
        o.RequestsPerMinute < 1 || o.MaxTextLength is < 1 or > 4000
            ? ValidateOptionsResult.Fail("Web:RequestsPerMinute must be at least 1 and Web:MaxTextLength between 1 and 4000.")
            : ValidateOptionsResult.Success;
}
