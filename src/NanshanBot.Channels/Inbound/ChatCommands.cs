using NanshanBot.Answering;
using NanshanBot.Knowledge.Model;
using NanshanBot.Operations;

namespace NanshanBot.Channels;

/// <summary>
/// The commands of every channel: the admin commands (<see cref="AdminCommands"/>) for the channel's admins in a
/// private chat only (in a group, an admin's /stats would show everyone the statistics); <c>/about</c> (every
/// source), <c>/sources</c> (those of the conversation's last answer); anything else, /start and /help included,
/// the introduction with example questions. To anyone else an admin command is just an unknown command.
/// </summary>
public sealed class ChatCommands(AnswerEngine engine, AdminCommands admin, LastAnswers lastAnswers)
{
    public async Task<Reply> RunAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var text = message.Payload;
        if (AdminCommands.IsCommand(text) && message.IsAdmin && message.Group is null)
        {
            return Reply.Plain(await admin.RunAsync(text, cancellationToken));
        }

        var language = message.Language ?? Language.Chinese;
        return text.Trim().Split(' ', 2)[0].Split('@')[0].ToLowerInvariant() switch
        {
            "/about" => Reply.Plain(About(language)),
            "/sources" => await SourcesAsync(message, language, cancellationToken),
            _ => Introduce(message),
        };
    }

    /// <summary>The introduction with example questions, in the user's language (Chinese when unknown).</summary>
    public Reply Introduce(InboundMessage message) => Reply.Of(engine.Introduce(message.Language ?? Language.Chinese));

    private async Task<Reply> SourcesAsync(InboundMessage message, Language language, CancellationToken cancellationToken)
    {
        var bot = engine.Knowledge.Bot;
        return await lastAnswers.SourcesAsync(message.Conversation, cancellationToken) is { Sources.Count: > 0 } last
            ? Reply.Plain(bot.Notice(Notice.SourcesHeading, language) + "\n" + string.Join("\n", last.Sources.Select(s => Describe(s, language))))
            : Reply.Plain(bot.Notice(Notice.NoLastAnswer, message.Language));
    }

    private string About(Language language)
    {
        var knowledge = engine.Knowledge;
        var sources = knowledge.Sources.Values.OrderBy(s => s.Date, StringComparer.Ordinal);
        return knowledge.Bot.Notice(Notice.KnowledgeHeading, language) + "\n" + string.Join("\n", sources.Select(s => Describe(s, language)));
    }

    private static string Describe(Source s, Language l)
    {
        var title = l == Language.English && s.TitleEn is { } en ? en : s.Title;
        var publisher = l == Language.English ? s.PublisherEn : s.Publisher;
        return $"• {title}\n  {publisher}, {s.Date}{(s.Url is null ? "" : "\n  " + s.Url)}";
    }
}
