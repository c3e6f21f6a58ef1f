using Microsoft.Extensions.Time.Testing;
using NanshanBot.Fakes;
using NanshanBot.Tests.Support;

namespace NanshanBot.Tests.Channels.Telegram;

/// <summary>A fake Bot API and the real service pointed at it, with a data folder of its own.</summary>
public sealed class TelegramFixture : IAsyncDisposable
{
    public const string Token = "123456:TEST-secret_token";

    private TelegramFixture(FakeBotApi api, BotService bot, string data)
    {
        Api = api;
        Bot = bot;
        DataPath = data;
    }

    public FakeBotApi Api { get; }

    public BotService Bot { get; private set; }

    public string DataPath { get; }

    public static async Task<TelegramFixture> StartAsync(FakeTimeProvider? clock = null, Dictionary<string, string?>? extra = null, FakeBotApi? api = null)
    {
        api ??= await FakeBotApi.StartAsync(clock);
        var data = Repository.TempPath("data");
        var bot = await BotService.StartAsync(Settings(api, data, extra), clock);
        return new TelegramFixture(api, bot, data);
    }

    public static Dictionary<string, string?> Settings(FakeBotApi api, string data, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = Token,
            ["Telegram:ApiBaseUrl"] = api.Url,
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Data:Path"] = data,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Stops the service and starts a new one on the same data folder and fake API (a restart).</summary>
    public async Task RestartAsync()
    {
        await Bot.DisposeAsync();
        Bot = await BotService.StartAsync(Settings(Api, DataPath), Bot.Clock);
    }

    public Task SentCountIsAsync(int count, TimeSpan? step = null) =>
        Bot.EventuallyAsync(() => Api.Sent().Count >= count, step, () => $"{count} messages sent; calls: "
            + string.Join(", ", Api.Calls.Select(c => c.Method).Distinct()));

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
        Repository.Delete(DataPath);
    }
}
