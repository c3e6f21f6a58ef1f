using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NanshanBot.Answering;
using NanshanBot.Knowledge.Model;
using NanshanBot.Operations;
using NanshanBot.Tests.Channels.Telegram;
using NanshanBot.Tests.Support;
using static NanshanBot.Fakes.FakeBotApi.Updates;

namespace NanshanBot.Tests.Operations;

/// <summary>The question log and what it feeds: /unanswered, retention, what a killed process keeps.</summary>
public sealed class QuestionLogTests
{
    private static Answer Declined(string text) => new(text, AnswerKind.Declined, Language.Chinese, [], [], []);

    [Fact]
    public async Task UnansweredOverTwentyThousandDeclinedQuestionsIsAnsweredWithTheCommonestFirst()
    {
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Telegram:AdminUserIds:0"] = "777" });
        var log = t.Bot.Services.GetRequiredService<QuestionLog>();
        for (var i = 0; i < 20_000; i++)
        {
            var text = i < 19_950 ? $"南山区{i}号楼的房价是多少？" : "罗湖区的房价多少？";
            log.Observe(new Question("tg:1", text) { Channel = "telegram" }, Declined(text), TimeSpan.Zero);
            if (i % 5000 == 4999)
            {
                await log.FlushAsync();
            }
        }

        // The reply has to come within SentCountIsAsync's 30 s (a scan per question would take minutes).
        t.Api.Enqueue(Text(1, 777, "/unanswered", fromId: 777));
        await t.SentCountIsAsync(1);

        var reply = t.Api.Sent().Single()["text"]!.GetValue<string>();
        Assert.StartsWith("Most frequent declined questions (30 days):\n  50 × 罗湖区的房价多少？", reply);
    }

    [Fact]
    public async Task QuestionsOlderThanTheRetentionAreDeleted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero));
        await using var service = await BotService.StartAsync(new Dictionary<string, string?> { ["Data:RetentionDays"] = "90" }, clock);
        var log = service.Services.GetRequiredService<QuestionLog>();

        log.Observe(new Question("w", "南山区今天下雨吗？") { Channel = "web" }, Declined("no"), TimeSpan.Zero);
        log.Voted("a0000000000a", helpful: true);
        await log.FlushAsync();
        clock.Advance(TimeSpan.FromDays(50));
        log.Observe(new Question("w", "南山区人均GDP有多少？") { Channel = "web" }, Declined("no") with { Kind = AnswerKind.Answered }, TimeSpan.Zero);
        await log.FlushAsync();
        Assert.Equal((2, 1L), (log.Statistics().Total, log.Statistics().Helpful));
        clock.Advance(TimeSpan.FromDays(41));

        await service.EventuallyAsync(() => log.Statistics().Total == 1, because: "the question from 91 days ago deleted");
        Assert.Equal((0L, 1L, 0L), (log.Statistics().Declined, log.Statistics().Answered, log.Statistics().Helpful));
    }

    [Fact]
    public async Task ControlAndFormatCharactersNeverReachTheLogOrUnanswered()
    {
        await using var t = await TelegramFixture.StartAsync(extra: new() { ["Telegram:AdminUserIds:0"] = "777" });
        using var http = new HttpClient();
        await http.PostAsJsonAsync(t.Bot.Url + "/api/chat", new { conversationId = "cc", text = "南山区的\u202E房价\u200B多少\u0007？" });

        t.Api.Enqueue(Text(1, 777, "/unanswered", fromId: 777));
        await t.SentCountIsAsync(1);

        var reply = t.Api.Sent().Single()["text"]!.GetValue<string>();
        Assert.Contains("1 × 南山区的房价多少？", reply);
        Assert.DoesNotContain(reply, c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format || (char.IsControl(c) && c != '\n'));
    }

    [Fact]
    public async Task AQuestionAskedInChatIsLoggedWithinASecondAndSurvivesKill9()
    {
        var data = Repository.TempPath("data");
        var environment = new Dictionary<string, string> { ["Data__Path"] = data };
        using var chat = ProgramProcess.Start(["chat"], environment);
        _ = chat.StandardError.ReadToEndAsync();
        try
        {
            await chat.StandardInput.WriteLineAsync("南山区今天下雨吗？");
            await chat.StandardInput.FlushAsync();
            Assert.False(string.IsNullOrWhiteSpace(await chat.StandardOutput.ReadLineAsync()));

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (DeclinedRows(Path.Combine(data, "questions.db")) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the question was not written while the chat ran");
                await Task.Delay(50);
            }

            chat.Kill();
            await chat.WaitForExitAsync();
            var unanswered = await ProgramProcess.RunAsync(["kb", "unanswered"], environment: environment);

            Assert.Contains("南山区今天下雨吗？", unanswered.Stdout);
        }
        finally
        {
            if (!chat.HasExited)
            {
                chat.Kill(entireProcessTree: true);
            }

            Repository.Delete(data);
        }
    }

    private static long DeclinedRows(string database)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM questions WHERE kind = 'declined'";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }
}
