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

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task AChunkedTelegramUpdatePastItsCapIs413AndNotAnswered()
    {
        var update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1770000000,\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\""
            + new string('a', 4 << 20) + "\"}}";

        var response = await PostChunkedAsync(t.Bot.Url + "/telegram/webhook", update, "application/json", ("X-Telegram-Bot-Api-Secret-Token", Secret));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(t.Api.Sent());
    }

    [Fact]
    public async Task AChunkedWeChatCallbackPastItsCapIs413()
    {
        var wechat = new WeChatClient(t.Bot.Url, "tok");
        var (timestamp, nonce) = wechat.Stamp();
        var signature = NanshanBot.Channels.WeChat.WeChatCrypto.Signature("tok", timestamp, nonce);

        var response = await PostChunkedAsync($"{t.Bot.Url}/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}",
            WeChatClient.TextMessage(new string('南', 1 << 20), 88001), "text/xml");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostChunkedAsync(string url, string body, string contentType, (string Name, string Value)? header = null)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ChunkedContent(Encoding.UTF8.GetBytes(body), contentType) };
        if (header is { } h)
        {
            request.Headers.Add(h.Name, h.Value);
        }

        return await http.SendAsync(request);
    }

    /// <summary>A body of unknown length: HttpClient sends it with Transfer-Encoding: chunked, no Content-Length.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] bytes;

        public ChunkedContent(byte[] bytes, string contentType)
        {
            this.bytes = bytes;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += 16 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(16 * 1024, bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
