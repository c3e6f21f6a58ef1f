using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Channels.WeChat;
using NanshanBot.Fakes;
using NanshanBot.Tests.Channels.WeChat;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.State;

/// <summary>Two instances of the real service sharing one Redis under a key prefix of their own, each with the
/// WeChat callback and the Telegram webhook (pointed at one fake Bot API), as behind a load balancer.</summary>
public sealed class TwoInstances : IAsyncDisposable
{
    public const string WeChatToken = "spamtest";
    public const string TelegramSecret = "s3cret_Value-1";
    public const string Admin = "oAdmin";

    private TwoInstances(BotService a, BotService b, FakeBotApi api, string prefix)
    {
        A = a;
        B = b;
        Api = api;
        Prefix = prefix;
    }

    public BotService A { get; }

    public BotService B { get; }

    public FakeBotApi Api { get; }

    public string Prefix { get; }

    public static async Task<TwoInstances> StartAsync(string redisAddress)
    {
        var api = await FakeBotApi.StartAsync();
        var prefix = $"test:{Guid.NewGuid():N}:";
        var settings = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redisAddress,
            ["Redis:KeyPrefix"] = prefix,
            ["Redis:OperationTimeout"] = "00:00:01",
            ["WeChat:Token"] = WeChatToken,
            ["WeChat:AdminOpenIds:0"] = Admin,
            ["Telegram:BotToken"] = Channels.Telegram.TelegramFixture.Token,
            ["Telegram:ApiBaseUrl"] = api.Url,
            ["Telegram:Mode"] = "webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.invalid/telegram/webhook",
            ["Telegram:SecretToken"] = TelegramSecret,
        };
        var a = await BotService.StartAsync(settings);
        var b = await BotService.StartAsync(settings);
        return new TwoInstances(a, b, api, prefix);
    }

    /// <summary>Replies computed by both instances so far.</summary>
    public int Computations => Cache(A).Computations + Cache(B).Computations;

    /// <summary>Posts a plain-mode text message to <paramref name="instance"/> and returns the reply's text.</summary>
    public static async Task<string> AskAsync(BotService instance, string text, long msgId, string user)
    {
        var response = await new WeChatClient(instance.Url, WeChatToken).PostPlainAsync(WeChatClient.TextMessage(text, msgId, user));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body == "success" ? "" : WeChatXml.Parse(body)["Content"];
    }

    private static ReplyCache Cache(BotService instance) => instance.Services.GetRequiredService<ReplyCache>();

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Api.DisposeAsync();
    }
}
