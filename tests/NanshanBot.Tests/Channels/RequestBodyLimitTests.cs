using System.Net;
using System.Text;
using NanshanBot.Tests.Channels.Telegram;
using NanshanBot.Tests.Channels.WeChat;

namespace NanshanBot.Tests.Channels;

/// <summary>Every endpoint that reads a body caps it by what arrives, not by what Content-Length claims: a
/// chunked body past the cap is answered 413 by Kestrel.</summary>
public sealed class RequestBodyLimitTests : IAsyncLifetime
{
    private const string Secret = "s3cret_Value-1";
    private TelegramFixture t = null!;

    public async Task InitializeAsync() => t = await TelegramFixture.StartAsync(extra: new()
    {
        ["Telegram:Mode"] = "webhook",
        ["Telegram:WebhookUrl"] = "https://bot.example.invalid/telegram/webhook",
        ["Telegram:SecretToken"] = Secret,
        ["WeChat:Token"] = "tok",
    });

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public async Task AChunkedChatRequestPastItsCapIs413()
    {
        var json = "{\"conversationId\":\"big\",\"text\":\"" + new string('a', 4 << 20) + "\"}";

        var response = await PostChunkedAsync(t.Bot.Url + "/api/chat", json, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response);
    }

    [Fact]
    public async Task AChunkedTelegramUpdatePastItsCapIs413AndNotAnswered()
    {
        var update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1770000000,\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\""
            + new string('a', 4 << 20) + "\"}}";

        var response = await PostChunkedAsync(t.Bot.Url + "/telegram/webhook", update, "application/json", ("X-Telegram-Bot-Api-Secret-Token", Secret));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response);
        Assert.Empty(t.Api.Sent());
    }

    [Fact]
    public async Task AChunkedWeChatCallbackPastItsCapIs413()
    {
        var wechat = new WeChatClient(t.Bot.Url, "tok");
        var (timestamp, nonce) = wechat.Stamp();
        var signature = NanshanBot.Channels.WeChat.WeChatCrypto.Signature("tok", timestamp, nonce);

        var response = await PostChunkedAsync($"{t.Bot.Url}/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}",
            WeChatClient.TextMessage(new string('南', NanshanBot.Channels.WeChat.WeChatCallback.MaxBodyBytes), 88001), "text/xml");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response);
    }

    [Fact]
    public async Task RefusalsOfWeChatAndTelegramKeepTheirEmptyBodiesWhileTheWebApiGetsProblemDetails()
    {
        using var http = new HttpClient();

        var wechat = await http.PostAsync(t.Bot.Url + "/wechat?signature=bad&timestamp=1&nonce=1", new StringContent("<xml/>"));
        var telegram = await http.PostAsync(t.Bot.Url + "/telegram/webhook", new StringContent("{}"));
        var api = await http.GetAsync(t.Bot.Url + "/api/chat");

        Assert.Equal((HttpStatusCode.Forbidden, ""), (wechat.StatusCode, await wechat.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.Forbidden, ""), (telegram.StatusCode, await telegram.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Posts <paramref name="body"/> with Transfer-Encoding: chunked (no Content-Length) over a plain socket
    /// and returns the status the server answers with. The response is read while the body is still being sent:
    /// a server that answers early and closes may make the rest of the sending fail, which is fine here.</summary>
    private static async Task<HttpStatusCode> PostChunkedAsync(string url, string body, string contentType, (string Name, string Value)? header = null)
    {
        var uri = new Uri(url);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        var reading = ReadStatusAsync(stream);
        var head = $"POST {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: {contentType}; charset=utf-8\r\nTransfer-Encoding: chunked\r\n"
            + (header is { } h ? $"{h.Name}: {h.Value}\r\n" : "") + "\r\n";
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            var bytes = Encoding.UTF8.GetBytes(body);
            for (var offset = 0; offset < bytes.Length && !reading.IsCompleted; offset += 16 * 1024)
            {
                var size = Math.Min(16 * 1024, bytes.Length - offset);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(size.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"));
                await stream.WriteAsync(bytes.AsMemory(offset, size));
                await stream.WriteAsync("\r\n"u8.ToArray());
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
        }

        return await reading;
    }

    private static async Task<HttpStatusCode> ReadStatusAsync(Stream stream)
    {
        var buffer = new byte[256];
        var read = 0;
        while (read < buffer.Length && !Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read));
            Assert.True(n > 0, "the connection closed before a status line: " + Encoding.ASCII.GetString(buffer, 0, read));
            read += n;
        }

        return (HttpStatusCode)int.Parse(Encoding.ASCII.GetString(buffer, 0, read).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
