using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NanshanBot.Fakes;

/// <summary>What the fake model does with the next request.</summary>
public sealed record FakeCompletion(string Content = "", int Status = 200, TimeSpan Delay = default, int? RetryAfter = null)
{
    /// <summary>How long a streamed reply stalls after its first piece (a model that stops mid-answer).</summary>
    public TimeSpan StallMidStream { get; init; }
}

/// <summary>
/// An OpenAI-compatible chat server on 127.0.0.1 (<c>POST /v1/chat/completions</c>, plain and <c>stream: true</c>
/// as server-sent events). It records every request and answers as the test's script says.
/// </summary>
public sealed class FakeOpenAi : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOpenAi(WebApplication app) => this.app = app;

    /// <summary>The base URL to configure as Llm:Endpoint (ending in /v1).</summary>
    public string Endpoint => app.Urls.First() + "/v1";

    public ConcurrentQueue<(JsonObject Body, string? Authorization)> Requests { get; } = new();

    /// <summary>Decides each reply from the request; by default it cites the first fact and repeats its text.</summary>
    public Func<JsonObject, FakeCompletion> Script { get; set; } = QuoteFirstFact;

    public static async Task<FakeOpenAi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeOpenAi(app);
        app.MapPost("/v1/chat/completions", fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>The system message of a request (where the bot puts its rules and facts).</summary>
    public static string SystemMessage(JsonObject body) =>
        body["messages"]!.AsArray().First(m => m!["role"]!.GetValue<string>() == "system")!["content"]!.ToString();

    public static string LastUserMessage(JsonObject body) =>
        body["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"]!.ToString();

    /// <summary>"[F1] text (source: ...)" -> "text [F1]": a well-behaved model.</summary>
    public static FakeCompletion QuoteFirstFact(JsonObject body)
    {
        var line = SystemMessage(body).Split('\n').First(l => l.StartsWith("[F1]", StringComparison.Ordinal));
        var text = line["[F1] ".Length..line.LastIndexOf(" (source:", StringComparison.Ordinal)];
        return new FakeCompletion(text + " [F1]");
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        Requests.Enqueue((body, context.Request.Headers.Authorization.ToString()));
        var reply = Script(body);
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, context.RequestAborted).ContinueWith(_ => { });
        }

        if (reply.Status != 200)
        {
            context.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted failure", type = "server_error" } });
            return;
        }

        if (body["stream"]?.GetValue<bool>() == true)
        {
            await StreamAsync(context.Response, body, reply, context.RequestAborted);
            return;
        }

        await context.Response.WriteAsJsonAsync(new
        {
            id = "chatcmpl-fake", @object = "chat.completion", created = 1_770_000_000, model = body["model"]?.ToString(),
            choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
        });
    }

    private static async Task StreamAsync(HttpResponse response, JsonObject body, FakeCompletion reply, CancellationToken aborted)
    {
        var content = reply.Content;
        var first = true;
        response.ContentType = "text/event-stream";
        var pieces = Enumerable.Range(0, 3).Select(i => content.Substring(i * content.Length / 3, (i + 1) * content.Length / 3 - i * content.Length / 3));
        foreach (var piece in pieces.Append(null))
        {
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 1_770_000_000, ["model"] = body["model"]?.ToString(),
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["delta"] = piece is null ? new JsonObject() : new JsonObject { ["content"] = piece },
                    ["finish_reason"] = piece is null ? "stop" : null,
                }),
            };
            await response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", Encoding.UTF8);
            await response.Body.FlushAsync();
            if (first && reply.StallMidStream > TimeSpan.Zero)
            {
                await Task.Delay(reply.StallMidStream, aborted).ContinueWith(_ => { });
                if (aborted.IsCancellationRequested)
                {
                    return;
                }
            }

            first = false;
        }

        await response.WriteAsync("data: [DONE]\n\n", Encoding.UTF8);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
