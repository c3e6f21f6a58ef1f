using Microsoft.Extensions.Options;

namespace NanshanBot.Hosting;

/// <summary>Configuration section <c>Ops</c>: <see cref="Urls"/> ("http://127.0.0.1:9091", several separated by
/// ';') is a listener of its own for /metrics and /readyz, which the public listener then no longer serves.</summary>
public sealed class OpsOptions
{
    public const string Section = "Ops";

    public string? Urls { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Urls);

    public IEnumerable<string> Each() => (Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The ports of the ops listener (each URL names one; validated at start).</summary>
    public IReadOnlySet<int> Ports() =>
        Each().Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri.Port : -1).Where(p => p > 0).ToHashSet();
}

public sealed class OpsOptionsValidator : IValidateOptions<OpsOptions>
{
    public ValidateOptionsResult Validate(string? name, OpsOptions o) =>
        o.Each().All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == "http" && uri.Port > 0 && u.Contains($":{uri.Port}", StringComparison.Ordinal))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Ops:Urls must be http:// URLs with an explicit port, such as http://127.0.0.1:9091 (several separated by ';').");
}

/// <summary>
/// Keeps operators' endpoints off the public listener: with <c>Ops:Urls</c> set, /metrics and /readyz answer
/// only on a connection to an ops port, and that listener answers nothing else but /healthz. The port of the
/// connection decides, not the Host header, which a client chooses.
/// </summary>
public static class OpsListener
{
    private static readonly string[] OpsPaths = ["/metrics", "/readyz"];

    /// <summary>The URLs Kestrel listens on: the service's own, then the ops listener's.</summary>
    public static string Urls(string? serviceUrls, OpsOptions ops) =>
        string.Join(';', new[] { string.IsNullOrWhiteSpace(serviceUrls) ? ServiceHost.DefaultUrl : serviceUrls }.Concat(ops.Each()));

    public static void UseOpsListener(this WebApplication app, OpsOptions ops)
    {
        if (!ops.Enabled)
        {
            return;
        }

        var ports = ops.Ports();
        app.Use(async (context, next) =>
        {
            var onOpsPort = ports.Contains(context.Connection.LocalPort);
            var path = context.Request.Path;
            var opsPath = OpsPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase));
            if (onOpsPort != opsPath && !path.Equals("/healthz", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
    }
}
