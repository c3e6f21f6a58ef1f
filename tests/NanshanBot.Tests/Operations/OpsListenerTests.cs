using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Operations;

/// <summary>With Ops:Urls, /metrics and /readyz leave the public listener (what nginx forwards) for a listener
/// of their own.</summary>
public sealed class OpsListenerTests
{
    [Fact]
    public async Task MetricsAndReadinessAreServedOnTheOpsListenerOnly()
    {
        var port = FreePort();
        await using var service = await BotService.StartAsync(new Dictionary<string, string?> { ["Ops:Urls"] = $"http://127.0.0.1:{port}" });
        using var http = new HttpClient();
        var ops = $"http://127.0.0.1:{port}";
        var open = service.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single(a => !a.EndsWith($":{port}", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(open + "/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(open + "/readyz")).StatusCode);
        Assert.Contains("NanshanBot", await http.GetStringAsync(open + "/"));
        Assert.Equal("ok", await http.GetStringAsync(open + "/healthz"));
        Assert.Contains("# TYPE", await http.GetStringAsync(ops + "/metrics"));
        Assert.Equal("Healthy", await http.GetStringAsync(ops + "/readyz"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(ops + "/")).StatusCode);
    }

    [Fact]
    public async Task AHostHeaderNamingTheOpsPortDoesNotOpenMetricsOnThePublicListener()
    {
        var port = FreePort();
        await using var service = await BotService.StartAsync(new Dictionary<string, string?> { ["Ops:Urls"] = $"http://127.0.0.1:{port}" });
        using var http = new HttpClient();
        var open = service.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single(a => !a.EndsWith($":{port}", StringComparison.Ordinal));
        var request = new HttpRequestMessage(HttpMethod.Get, open + "/metrics");
        request.Headers.Host = $"127.0.0.1:{port}";

        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task AnOpsUrlWithoutAPortStopsTheServiceWithAClearMessage()
    {
        var result = await ProgramProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment: new Dictionary<string, string> { ["Ops__Urls"] = "http://127.0.0.1" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Ops:Urls must be http:// URLs with an explicit port", result.Stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
