using System.Net;
using System.Net.Http.Json;
using NanshanBot.Fakes;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Channels.Web;

public sealed class PageHeaderTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/chat.js")]
    public async Task ThePageComesWithAContentSecurityPolicyThatForbidsFramingAndSniffing(string path)
    {
        await using var service = await BotService.StartAsync(new Dictionary<string, string?>());
        using var http = new HttpClient();

        var response = await http.GetAsync(service.Url + path);

        Assert.Equal("default-src 'self'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

public sealed class RateLimitTests
{
    [Fact]
    public async Task AClientOverTheLimitGets429WithRetryAfter()
    {
        await using var service = await BotService.StartAsync(new Dictionary<string, string?> { ["Web:RequestsPerMinute"] = "3" });
        using var http = new HttpClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await http.PostAsJsonAsync(service.Url + "/api/chat", new { conversationId = "rl", text = "南山区人均GDP有多少？" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BehindAKnownProxyEachForwardedClientHasALimitOfItsOwn()
    {
        await using var service = await BotService.StartAsync(new Dictionary<string, string?>
        {
            ["Web:RequestsPerMinute"] = "3", ["Web:KnownProxies:0"] = "127.0.0.1",
        });

        var firstThree = new List<HttpStatusCode>();
        for (var user = 1; user <= 5; user++)
        {
            for (var i = 0; i < 3; i++)
            {
                firstThree.Add(await AskAsAsync(service, $"203.0.113.{user}"));
            }
        }

        Assert.All(firstThree, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AskAsAsync(service, "203.0.113.1"));
        // Only the entry the proxy appended counts: a client cannot pick its own identity by sending one.
        Assert.Equal(HttpStatusCode.TooManyRequests, await AskAsAsync(service, "198.51.100.7, 203.0.113.2"));
    }

    [Fact]
    public async Task WithoutKnownProxiesAForwardedHeaderIsNotBelieved()
    {
        await using var service = await BotService.StartAsync(new Dictionary<string, string?> { ["Web:RequestsPerMinute"] = "3" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await AskAsAsync(service, $"203.0.113.{i + 1}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
    }

    [Fact]
    public async Task IPv6ClientsAreLimitedByTheir64Prefix()
    {
        await using var service = await BotService.StartAsync(new Dictionary<string, string?>
        {
            ["Web:RequestsPerMinute"] = "2", ["Web:KnownProxies:0"] = "127.0.0.1",
        });

        var sameHousehold = new[]
        {
            await AskAsAsync(service, "2001:db8:1:2::1"), await AskAsAsync(service, "2001:db8:1:2::a:b"), await AskAsAsync(service, "2001:db8:1:2:ffff::9"),
        };
        var neighbour = await AskAsAsync(service, "2001:db8:1:3::1");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], sameHousehold);
        Assert.Equal(HttpStatusCode.OK, neighbour);
    }

    private static async Task<HttpStatusCode> AskAsAsync(BotService service, string forwardedFor)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, service.Url + "/api/chat")
        {
            Content = JsonContent.Create(new { conversationId = "fwd", text = "南山区人均GDP有多少？" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await http.SendAsync(request)).StatusCode;
    }
}

public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task PastTheConcurrencyLimitTheApiAnswers503WithRetryAfter()
    {
        await using var model = await FakeOpenAi.StartAsync();
        model.Script = _ => new FakeCompletion("据资料，南山人均GDP已超过54万元。[F1]", Delay: TimeSpan.FromSeconds(10));
        await using var service = await BotService.StartAsync(new Dictionary<string, string?>
        {
            ["Web:MaxConcurrentRequests"] = "2", ["Web:RequestsPerMinute"] = "100",
            ["Llm:Endpoint"] = model.Endpoint, ["Llm:Model"] = "m", ["Llm:TimeoutSeconds"] = "2",
        });
        using var http = new HttpClient();
        Task<HttpResponseMessage> Ask(int i) => http.PostAsJsonAsync(service.Url + "/api/chat", new { conversationId = "c" + i, text = "南山区人均GDP有多少？" });

        var slow = new[] { Ask(1), Ask(2) };
        await service.EventuallyAsync(() => model.Requests.Count == 2, because: "two questions waiting on the model");
        var third = await Ask(3);
        await Task.WhenAll(slow);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal("1", third.Headers.GetValues("Retry-After").Single());
        Assert.All(slow, r => Assert.Equal(HttpStatusCode.OK, r.Result.StatusCode));
    }
}
