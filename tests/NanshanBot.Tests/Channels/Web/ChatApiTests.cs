using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NanshanBot.Fakes;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Channels.Web;

/// <summary>POST /api/chat through the real HTTP pipeline of the service.</summary>
public sealed class ChatApiTests : IAsyncLifetime
{
    private readonly HttpClient http = new();
    private BotService service = null!;

    public async Task InitializeAsync() => service = await BotService.StartAsync(new Dictionary<string, string?> { ["Web:RequestsPerMinute"] = "1000" });

    public async Task DisposeAsync()
    {
        http.Dispose();
        await service.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string json, string contentType = "application/json") =>
        http.PostAsync(service.Url + "/api/chat", new StringContent(json, Encoding.UTF8, contentType));

    private async Task<JsonElement> AskAsync(string conversation, string text)
    {
        var response = await http.PostAsJsonAsync(service.Url + "/api/chat", new { conversationId = conversation, text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task AQuestionIsAnsweredWithSourcesAndSuggestions()
    {
        var answer = await AskAsync("api-1", "南山区人均GDP有多少？");

        Assert.Contains("54万", answer.GetProperty("reply").GetString());
        Assert.False(answer.GetProperty("declined").GetBoolean());
        var source = answer.GetProperty("sources")[0];
        Assert.Equal("2026-01-28", source.GetProperty("date").GetString());
        Assert.StartsWith("深圳梦", source.GetProperty("publisher").GetString());
        Assert.True(source.TryGetProperty("url", out _));
        Assert.NotEqual(0, answer.GetProperty("suggestions").GetArrayLength());
    }

    [Fact]
    public async Task FollowUpsShareAConversationId()
    {
        await AskAsync("api-2", "When did Jensen Huang eat hotpot in Shenzhen?");

        var answer = await AskAsync("api-2", "How many friends came with him?");

        Assert.Contains("6 friends", answer.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task AnUnansweredQuestionIsFlaggedDeclined()
    {
        var answer = await AskAsync("api-3", "南山区今天下雨吗？");

        Assert.True(answer.GetProperty("declined").GetBoolean());
        Assert.Equal(0, answer.GetProperty("sources").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"conversationId\":\"x\",\"text\":\"   \"}", "Empty question")]
    [InlineData("{\"conversationId\":\"x\"}", "Empty question")]
    [InlineData("{\"conversationId\":\"x\",\"text\":", "Malformed JSON")]
    [InlineData("[1,2]", "Malformed JSON")]
    public async Task BadRequestsAreProblemDetails(string json, string title)
    {
        var response = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AnOversizedQuestionIsRefused()
    {
        var response = await PostAsync(JsonSerializer.Serialize(new { conversationId = "x", text = new string('南', 1001) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1000 characters", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnotherContentTypeIsUnsupported()
    {
        var response = await PostAsync("text=hi", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HealthAndThePageAreServed()
    {
        Assert.Equal("ok", await http.GetStringAsync(service.Url + "/healthz"));
        var page = await http.GetStringAsync(service.Url + "/");
        Assert.Contains("<script src=\"/chat.js\">", page);
        Assert.DoesNotContain("http://", await http.GetStringAsync(service.Url + "/chat.js"));
    }
}

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
