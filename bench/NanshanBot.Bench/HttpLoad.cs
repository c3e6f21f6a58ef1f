using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using NanshanBot.Channels.WeChat;
using NanshanBot.Hosting;

namespace NanshanBot.Bench;

/// <summary>
/// Callbacks and API calls through the real HTTP pipeline on loopback: WeChat's signed XML to /wechat (plain
/// and safe mode) and JSON to /api/chat, each with 8 concurrent clients. Reports requests per second and the
/// per-request latency a client sees.
/// </summary>
public static class HttpLoad
{
    private const int Clients = 8;
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    public static async Task RunAsync(BenchReport report)
    {
        var app = ServiceHost.Build(
        [
            // Compatible mode (兼容模式) takes both the plain and the encrypted callbacks measured here.
            "--WeChat:Token=benchtoken", "--WeChat:AppId=wxbench0000000000", $"--WeChat:EncodingAesKey={Key}", "--WeChat:Mode=compat",
            "--Web:RequestsPerMinute=10000000", "--WeChat:FloodLimitPerMinute=10000000",
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var url = app.Urls.First();
        var count = report.Quick ? 2000 : 20000;
        using var http = new HttpClient();
        var crypto = new WeChatCrypto(Key);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        await MeasureAsync(report, "wechat callback (plain)", count, i =>
        {
            var xml = Message(i);
            var sig = WeChatCrypto.Signature("benchtoken", now, "n" + i);
            return http.PostAsync($"{url}/wechat?signature={sig}&timestamp={now}&nonce=n{i}", new StringContent(xml, Encoding.UTF8, "text/xml"));
        });
        await MeasureAsync(report, "wechat callback (safe mode)", count, i =>
        {
            var encrypt = crypto.Encrypt(Message(10 * count + i), "wxbench0000000000");
            var msgSig = WeChatCrypto.Signature("benchtoken", now, "s" + i, encrypt);
            var body = $"<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
            return http.PostAsync($"{url}/wechat?timestamp={now}&nonce=s{i}&encrypt_type=aes&msg_signature={msgSig}", new StringContent(body, Encoding.UTF8, "text/xml"));
        });
        await MeasureAsync(report, "web POST /api/chat", count, i =>
            http.PostAsJsonAsync($"{url}/api/chat", new { conversationId = "bench-" + (i % 500), text = Questions[i % Questions.Length] }));

        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static readonly string[] Questions = ["南山区人均GDP有多少？", "What was Nanshan District's GDP in 2025?", "南山有多少家上市公司？", "罗湖区2025年GDP是多少？"];

    private static string Message(int i) =>
        $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBench{i % 500}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{Questions[i % Questions.Length]}]]></Content><MsgId>{1_000_000 + i}</MsgId></xml>";

    private static async Task MeasureAsync(BenchReport report, string scenario, int count, Func<int, Task<HttpResponseMessage>> send)
    {
        for (var i = 0; i < 50; i++)
        {
            (await send(3 * count + i)).Dispose();
        }

        var latencies = new List<double>[Clients];
        var errors = 0;
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            latencies[c] = [];
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await send(i);
                await response.Content.ReadAsStringAsync();
                latencies[c].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var all = latencies.SelectMany(l => l).ToList();
        report.Add(scenario, $"throughput ({Clients} clients)", count / wall.Elapsed.TotalSeconds, "requests/s");
        report.Add(scenario, "latency p50", BenchReport.Percentile(all, 0.50), "ms");
        report.Add(scenario, "latency p99", BenchReport.Percentile(all, 0.99), "ms");
        report.Add(scenario, "errors", errors, "");
    }
}
