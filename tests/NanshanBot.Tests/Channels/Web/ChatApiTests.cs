using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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
        await AskAsync("api-2", "2025年南山区GDP是多少？");

        var answer = await AskAsync("api-2", "人均呢？");

        Assert.Contains("54万", answer.GetProperty("reply").GetString());
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
