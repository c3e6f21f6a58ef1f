using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NanshanBot.Answering;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Channels.Web;

/// <summary>
/// <c>POST /api/chat</c>: <c>{"conversationId","text"}</c> in, <c>{"reply","declined","sources","suggestions"}</c>
/// out, through the <see cref="ChatGateway"/> like every channel. Anything wrong with the request is an RFC 7807
/// problem: 415 for a content type other than JSON, 400 for malformed JSON, empty or oversized text.
/// </summary>
public sealed class ChatApi(ChatGateway gateway, IOptions<WebChatOptions> options)
{
    public const string Channel = "web";

    /// <summary>Also the endpoint's MaxRequestBodySize: Kestrel answers 413 past it, chunked bodies included.</summary>
    public const int MaxBodyBytes = 64 * 1024;
    private const int MaxConversationIdLength = 128;

    public async Task<IResult> ChatAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (message, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return Results.Json(ChatResponse.From(await gateway.HandleAsync(message!, cancellationToken)), Json.Options);
    }

    /// <summary>
    /// <c>POST /api/chat/stream</c>: the same request, answered as server-sent events: <c>delta</c> events with
    /// text as a model writes it (none without a model), then one <c>answer</c> event with the final response,
    /// which replaces whatever the deltas showed.
    /// </summary>
    public async Task StreamAsync(HttpContext context)
    {
        var (message, problem) = await ReadAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var reply = await gateway.HandleAsync(message! with { Streams = true }, context.RequestAborted);
        if (reply.Kind != ReplyKind.Stream)
        {
            await SendEventAsync(response, "answer", JsonSerializer.Serialize(ChatResponse.From(reply), Json.Options), context.RequestAborted);
            return;
        }

        await foreach (var update in reply.Updates!)
        {
            var (name, data) = update.Final is { } final
                ? ("answer", JsonSerializer.Serialize(ChatResponse.From(final), Json.Options))
                : ("delta", JsonSerializer.Serialize(new { text = update.Delta }, Json.Options));
            await SendEventAsync(response, name, data, context.RequestAborted);
        }
    }

    private static async Task SendEventAsync(HttpResponse response, string name, string data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {name}\ndata: {data}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>The message of a request, or the problem with it.</summary>
    private async Task<(InboundMessage? Message, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "Send the question as application/json."));
        }

        ChatRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ChatRequest>(request.Body, Json.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed JSON", e.Message));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body may be at most {MaxBodyBytes} bytes."));
        }

        var text = body?.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Empty question", "Field 'text' must contain the question."));
        }

        if (text.Length > options.Value.MaxTextLength)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Question too long", $"Field 'text' may be at most {options.Value.MaxTextLength} characters."));
        }

        var conversation = body!.ConversationId is { Length: > 0 and <= MaxConversationIdLength } id ? id : Guid.NewGuid().ToString("N");
        var kind = text.StartsWith('/') ? MessageKind.Command : MessageKind.Text;
        return (new InboundMessage(Channel, "web:" + conversation, conversation, kind, text), null);
    }

    /// <summary><c>GET /api/intro?lang=zh|en</c>: the introduction a new chat opens with (a /start).</summary>
    public async Task<IResult> IntroAsync(string? lang, CancellationToken cancellationToken)
    {
        var language = lang?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? Language.English : Language.Chinese;
        var start = new InboundMessage(Channel, "web:intro", "intro", MessageKind.Command, "/start") { Language = language };
        return Results.Json(ChatResponse.From(await gateway.HandleAsync(start, cancellationToken)), Json.Options);
    }

    internal static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}

public sealed record ChatRequest(string? ConversationId, string? Text);

/// <summary>A source of an answer; <see cref="Quotes"/> are its sentences as written, behind a reply that quotes
/// or translates an article.</summary>
public sealed record SourceDto(string Title, string Publisher, string Date, string? Url, IReadOnlyList<string> Quotes);

public sealed record ChatResponse(string Reply, bool Declined, IReadOnlyList<SourceDto> Sources, IReadOnlyList<string> Suggestions)
{
    /// <summary>An answer as its answer; a notice as a reply that answers nothing.</summary>
    public static ChatResponse From(Reply reply) => reply.Answer is { } answer ? From(answer) : new(reply.Text, true, [], []);

    public static ChatResponse From(Answer answer) => new(
        answer.Text,
        answer.Declined,
        answer.Sources.Select(s => new SourceDto(s.Title, answer.Language == Language.English ? s.PublisherEn : s.Publisher, s.Date, s.Url,
            answer.Quotes.Where(q => q.SourceId == s.Id).Select(q => q.Text).ToList())).ToList(),
        answer.Suggestions.Select(s => s.Text).ToList());
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
