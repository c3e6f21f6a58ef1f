using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NanshanBot.Fakes;

/// <summary>
/// A Bot API server on 127.0.0.1 that speaks Telegram's paths and JSON (<c>POST /bot&lt;token&gt;/&lt;method&gt;</c>):
/// it serves queued updates to getUpdates (honouring offset and a short long-poll), records every call (the
/// messages sent, the answers to inline queries, the command menu set), and can be told to fail a method with a
/// given status first.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const long BotId = 4242;
    public const string BotUsername = "nanshan_test_bot";
    private readonly WebApplication app;
    private readonly List<JsonObject> updates = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, JsonObject Body)>> failures = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> holds = new();
    private readonly ConcurrentDictionary<string, int> waiting = new();
    private int messageId = 1000;

    private readonly TimeProvider clock;

    private FakeBotApi(WebApplication app, TimeProvider clock) => (this.app, this.clock) = (app, clock);

    public string Url => app.Urls.First();

    /// <summary>Every call, with the time on the clock the fake was given (the bot's fake clock, in tests of
    /// waiting and backoff).</summary>
    public ConcurrentQueue<(string Method, JsonObject Body, DateTimeOffset At)> Calls { get; } = new();

    /// <summary>When true, getUpdates serves every queued update whatever the offset (Telegram that never got
    /// the confirmation).</summary>
    public bool IgnoreOffset { get; set; }

    public static async Task<FakeBotApi> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotApi(app, clock ?? TimeProvider.System);
        app.MapPost("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    public void Enqueue(JsonObject update)
    {
        lock (updates)
        {
            updates.Add(update);
        }
    }

    public void FailNext(string method, int status, int? retryAfter = null, string? description = null)
    {
        description ??= status == 429 ? $"Too Many Requests: retry after {retryAfter}" : "Internal Server Error";
        var body = new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }

        failures.GetOrAdd(method, _ => new()).Enqueue((status, body));
    }

    /// <summary>Makes calls to <paramref name="method"/> wait (unrecorded) until <see cref="Release"/>; a caller that
    /// gives up or dies meanwhile leaves no trace.</summary>
    public void Hold(string method) => holds[method] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many calls to <paramref name="method"/> are waiting at a <see cref="Hold"/>.</summary>
    public int Waiting(string method) => waiting.GetValueOrDefault(method);

    public void Release(string method)
    {
        if (holds.TryRemove(method, out var hold))
        {
            hold.SetResult();
        }
    }

    public List<JsonObject> Sent(string method = "sendMessage") => Calls.Where(c => c.Method == method).Select(c => c.Body).ToList();

    /// <summary>The answers to inline queries (answerInlineQuery), in the order they came.</summary>
    public List<JsonObject> InlineAnswers => Sent("answerInlineQuery");

    /// <summary>The command menu as the bot last set it (setMyCommands) for <paramref name="languageCode"/> (null: the
    /// default, for every language without one of its own): each command and its description.</summary>
    public List<(string Command, string Description)> CommandMenu(string? languageCode = null) =>
        Sent("setMyCommands").LastOrDefault(b => b["language_code"]?.GetValue<string>() == languageCode)?["commands"]?.AsArray()
            .Select(c => (c!["command"]!.GetValue<string>(), c["description"]!.GetValue<string>())).ToList() ?? [];

    public List<DateTimeOffset> Times(string method) => Calls.Where(c => c.Method == method).Select(c => c.At).ToList();

    /// <summary>When each chat's update was last served by getUpdates and when its reply arrived
    /// (<see cref="System.Diagnostics.Stopwatch"/> timestamps), for latency figures.</summary>
    public ConcurrentDictionary<long, long> ServedAt { get; } = new();

    public ConcurrentDictionary<long, long> RepliedAt { get; } = new();

    public IEnumerable<long> Offsets => Sent("getUpdates").Select(b => b["offset"]?.GetValue<long>() ?? 0);

    private async Task<IResult> HandleAsync(string token, string method, HttpRequest request)
    {
        var body = await ReadBodyAsync(request);
        if (holds.TryGetValue(method, out var hold))
        {
            waiting.AddOrUpdate(method, 1, (_, n) => n + 1);
            try
            {
                await hold.Task.WaitAsync(request.HttpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
            finally
            {
                waiting.AddOrUpdate(method, 0, (_, n) => n - 1);
            }
        }

        Calls.Enqueue((method, body, clock.GetUtcNow()));
        if (method == "sendMessage" && body["chat_id"] is { } chat)
        {
            RepliedAt.TryAdd(long.Parse(chat.ToString(), System.Globalization.CultureInfo.InvariantCulture), System.Diagnostics.Stopwatch.GetTimestamp());
        }

        if (failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var failure))
        {
            return Results.Json(failure.Body, statusCode: failure.Status);
        }

        JsonNode? result = method switch
        {
            "getMe" => new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Nanshan", ["username"] = BotUsername },
            "getUpdates" => await PendingAsync(body, request.HttpContext.RequestAborted),
            "sendMessage" or "editMessageText" => new JsonObject
            {
                ["message_id"] = Interlocked.Increment(ref messageId),
                ["date"] = 1_770_000_000,
                ["chat"] = new JsonObject { ["id"] = body["chat_id"]?.DeepClone(), ["type"] = "private" },
                ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Nanshan" },
                ["text"] = body["text"]?.DeepClone(),
            },
            _ => true,
        };
        return Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });
    }

    private async Task<JsonArray> PendingAsync(JsonObject body, CancellationToken aborted)
    {
        var offset = body["offset"]?.GetValue<long>() ?? 0;
        var deadline = DateTime.UtcNow.AddMilliseconds(Math.Min(300, (body["timeout"]?.GetValue<int>() ?? 0) * 1000));
        while (true)
        {
            lock (updates)
            {
                var pending = updates.Where(u => IgnoreOffset || u["update_id"]!.GetValue<long>() >= offset).ToList();
                if (pending.Count > 0 || DateTime.UtcNow >= deadline || aborted.IsCancellationRequested)
                {
                    var now = System.Diagnostics.Stopwatch.GetTimestamp();
                    foreach (var u in pending)
                    {
                        if (u["message"]?["chat"]?["id"] is { } id)
                        {
                            ServedAt[id.GetValue<long>()] = now;
                        }
                    }

                    return new JsonArray(pending.Select(u => (JsonNode)u.DeepClone()).ToArray());
                }
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        if (text.Length == 0)
        {
            return [];
        }

        if (request.ContentType?.Contains("json") == true)
        {
            return JsonNode.Parse(text) as JsonObject ?? [];
        }

        var form = new JsonObject();
        foreach (var pair in text.Split('&'))
        {
            var kv = pair.Split('=', 2);
            form[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "";
        }

        return form;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Updates as Telegram sends them.</summary>
    public static class Updates
    {
        public static JsonObject Text(int updateId, long chatId, string text, long? fromId = null, string chatType = "private",
            int? replyToBotMessage = null, string language = "zh-hans")
        {
            var message = Message(updateId, chatId, fromId, chatType, language);
            message["text"] = text;
            if (text.StartsWith('/'))
            {
                message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = text.Split(' ')[0].Length });
            }

            if (replyToBotMessage is { } replied)
            {
                message["reply_to_message"] = new JsonObject
                {
                    ["message_id"] = replied,
                    ["date"] = 1_770_000_000,
                    ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatType },
                    ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Nanshan" },
                    ["text"] = "earlier answer",
                };
            }

            return new JsonObject { ["update_id"] = (long)updateId, ["message"] = message };
        }

        public static JsonObject Sticker(int updateId, long chatId)
        {
            var message = Message(updateId, chatId, null, "private", "en");
            message["sticker"] = new JsonObject
            {
                ["file_id"] = "f", ["file_unique_id"] = "u", ["type"] = "regular", ["width"] = 512, ["height"] = 512,
                ["is_animated"] = false, ["is_video"] = false,
            };
            return new JsonObject { ["update_id"] = (long)updateId, ["message"] = message };
        }

        public static JsonObject Callback(int updateId, long chatId, string data, long? fromId = null)
        {
            return new JsonObject
            {
                ["update_id"] = (long)updateId,
                ["callback_query"] = new JsonObject
                {
                    ["id"] = "cb" + updateId,
                    ["from"] = new JsonObject { ["id"] = fromId ?? chatId, ["is_bot"] = false, ["first_name"] = "U", ["language_code"] = "zh-hans" },
                    ["chat_instance"] = "ci",
                    ["data"] = data,
                    ["message"] = new JsonObject
                    {
                        ["message_id"] = 77,
                        ["date"] = 1_770_000_000,
                        ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
                        ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Nanshan" },
                        ["text"] = "earlier answer",
                    },
                },
            };
        }

        /// <summary>What Telegram sends when a user types "@bot <paramref name="query"/>" in any chat (and pauses).</summary>
        public static JsonObject Inline(int updateId, long fromId, string query, string language = "zh-hans") => new()
        {
            ["update_id"] = (long)updateId,
            ["inline_query"] = new JsonObject
            {
                ["id"] = "iq" + updateId,
                ["from"] = new JsonObject { ["id"] = fromId, ["is_bot"] = false, ["first_name"] = "U", ["language_code"] = language },
                ["query"] = query,
                ["offset"] = "",
                ["chat_type"] = "supergroup",
            },
        };

        private static JsonObject Message(int updateId, long chatId, long? fromId, string chatType, string language) => new()
        {
            ["message_id"] = updateId * 10,
            ["date"] = 1_770_000_000,
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatType, ["title"] = chatType == "private" ? null : "Group" },
            ["from"] = new JsonObject { ["id"] = fromId ?? chatId, ["is_bot"] = false, ["first_name"] = "User", ["language_code"] = language },
        };
    }
}
