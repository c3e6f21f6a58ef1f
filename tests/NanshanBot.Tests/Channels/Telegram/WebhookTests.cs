using System.Net;
using System.Net.Http.Json;
using NanshanBot.Fakes;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Channels.Telegram;

public sealed class WebhookTests
{
    private const string Secret = "s3cret_Value-1";

    private static Task<TelegramFixture> StartAsync() => TelegramFixture.StartAsync(extra: new()
    {
        ["Telegram:Mode"] = "webhook",
        ["Telegram:WebhookUrl"] = "https://bot.example.invalid/telegram/webhook",
        ["Telegram:SecretToken"] = Secret,
    });

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, TelegramFixture t, object update, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, t.Bot.Url + "/telegram/webhook") { Content = JsonContent.Create(update) };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return http.SendAsync(request);
    }

    [Fact]
    public async Task TheWebhookIsSetWithTheSecretAtStart()
    {
        await using var t = await StartAsync();

        await t.Bot.EventuallyAsync(() => t.Api.Sent("setWebhook").Count == 1, because: "setWebhook called");

        var call = t.Api.Sent("setWebhook").Single();
        Assert.Equal(Secret, call["secret_token"]!.GetValue<string>());
        Assert.Equal("https://bot.example.invalid/telegram/webhook", call["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWrongOrMissingSecretIsForbidden()
    {
        await using var t = await StartAsync();
        using var http = new HttpClient();

        var wrong = await PostAsync(http, t, Text(1, 300, "南山区人均GDP有多少？"), "not-the-secret");
        var missing = await PostAsync(http, t, Text(2, 300, "南山区人均GDP有多少？"), null);

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Empty(t.Api.Sent());
    }

    [Fact]
    public async Task AnUpdateDeliveredTwiceIsAnsweredOnce()
    {
        await using var t = await StartAsync();
        using var http = new HttpClient();
        var update = Text(7, 301, "南山区人均GDP有多少？");

        var first = await PostAsync(http, t, update, Secret);
        var second = await PostAsync(http, t, update, Secret);
        await t.SentCountIsAsync(1);
        var other = await PostAsync(http, t, Text(8, 302, "南山有多少海归人才？"), Secret);
        await t.SentCountIsAsync(2);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Single(t.Api.Sent(), s => s["chat_id"]!.GetValue<long>() == 301);
    }

    [Fact]
    public async Task WhenTooManyUpdatesArePendingTheWebhookAnswers503AndTakesTheRetry()
    {
        await using var t = await TelegramFixture.StartAsync(extra: new()
        {
            ["Telegram:Mode"] = "webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.invalid/telegram/webhook",
            ["Telegram:SecretToken"] = Secret,
            ["Telegram:MaxPendingUpdates"] = "2",
        });
        using var http = new HttpClient();
        await t.Bot.EventuallyAsync(() => t.Api.Sent("setWebhook").Count == 1, because: "the channel started");
        t.Api.Hold("sendMessage");

        var first = await PostAsync(http, t, Text(11, 401, "南山区人均GDP有多少？"), Secret);
        var second = await PostAsync(http, t, Text(12, 402, "南山区人均GDP有多少？"), Secret);
        var third = await PostAsync(http, t, Text(13, 403, "南山区人均GDP有多少？"), Secret);
        t.Api.Release("sendMessage");
        await t.SentCountIsAsync(2);
        var retry = await PostAsync(http, t, Text(13, 403, "南山区人均GDP有多少？"), Secret);
        await t.SentCountIsAsync(3);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
            new[] { first.StatusCode, second.StatusCode, third.StatusCode, retry.StatusCode });
        Assert.Single(t.Api.Sent(), s => s["chat_id"]!.GetValue<long>() == 403);
    }

    [Fact]
    public async Task MalformedJsonIsABadRequest()
    {
        await using var t = await StartAsync();
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, t.Bot.Url + "/telegram/webhook")
        {
            Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
