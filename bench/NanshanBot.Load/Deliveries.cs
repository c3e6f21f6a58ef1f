using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using NanshanBot.Channels.WeChat;
using NanshanBot.Fakes;

namespace NanshanBot.Load;

/// <summary>How the platforms deliver a message to the instances behind a load balancer: WeChat posts signed XML
/// and takes the reply from the response; Telegram posts the update to the webhook (the reply comes later, via
/// sendMessage to the fake Bot API). A delivery that fails is retried once on the other instance, as the
/// platforms retry.</summary>
public sealed class Deliveries(IReadOnlyList<string> urls, HttpClient http)
{
    /// <summary>Posts a WeChat text message to instance <paramref name="to"/>; the reply text and the latency, or
    /// an error.</summary>
    public async Task<Delivery> WeChatAsync(int to, long msgId, string user, string text)
    {
        var started = Stopwatch.GetTimestamp();
        var nonce = "n" + msgId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // WeChat signs the current time, and the service refuses one outside its clock skew.
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = WeChatCrypto.Signature(Instances.WeChatToken, timestamp, nonce);
        var xml = $"<xml><ToUserName><![CDATA[gh_load]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content><MsgId>{msgId}</MsgId></xml>";
        try
        {
            using var response = await http.PostAsync($"{urls[to]}/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}",
                new StringContent(xml, Encoding.UTF8, "text/xml"));
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (!response.IsSuccessStatusCode)
            {
                return new Delivery(null, elapsed, $"HTTP {(int)response.StatusCode}");
            }

            return body == "success"
                ? new Delivery(null, elapsed, "no reply within the deadline")
                : new Delivery(WeChatXml.Parse(body)["Content"], elapsed, null);
        }
        catch (HttpRequestException e)
        {
            return new Delivery(null, Stopwatch.GetElapsedTime(started), e.Message);
        }
    }

    /// <summary>Posts a Telegram update to the webhook of instance <paramref name="to"/>; null when acknowledged,
    /// else the error.</summary>
    public async Task<string?> TelegramAsync(int to, int updateId, long chatId, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, urls[to] + "/telegram/webhook")
        {
            Content = JsonContent.Create(FakeBotApi.Updates.Text(updateId, chatId, text)),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Instances.TelegramSecret);
        try
        {
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }
}

/// <summary>One WeChat delivery: the reply text (null on error), how long it took, what went wrong.</summary>
public sealed record Delivery(string? Reply, TimeSpan Latency, string? Error);
