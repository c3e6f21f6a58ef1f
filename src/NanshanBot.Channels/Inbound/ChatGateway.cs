using NanshanBot.Knowledge.Model;
using NanshanBot.Operations;

namespace NanshanBot.Channels;

/// <summary>
/// The one way in for every channel. A transport (Telegram, WeChat, WeCom, the web page, the terminal) reads
/// its protocol into an <see cref="InboundMessage"/> and renders the <see cref="Reply"/>; in between, every
/// message passes the same rules, in this order:
/// <list type="number">
/// <item>the flood limits of its channel (<see cref="FloodGate"/>): past one, a single notice, then silence;</item>
/// <item>by kind: a text is answered (<see cref="AnswerRelay"/>: the engine, the log line, the sources kept for
/// /sources), a blank one introduced; a voice message's recognised text is answered like typed text, after what
/// was heard, and one without gets a notice asking for text; a command goes to <see cref="ChatCommands"/> (the
/// admin gate included), "/start key" to <see cref="MenuKeys"/> (the introduction, then what the key asks), and
/// so does a menu button; a suggestion is looked up and answered, or a notice says it is gone; a vote is counted
/// once (<see cref="FeedbackVotes"/>); an inline query gets results to pick from (<see cref="InlineAnswers"/>);
/// anything else gets the text-only notice.</item>
/// </list>
/// Each message is counted in the metrics by channel, kind and verdict. Notices are the bot's words from bot.kb.
/// </summary>
public sealed class ChatGateway(
    FloodGate flood,
    ChatCommands commands,
    AnswerRelay answers,
    FeedbackVotes votes,
    MenuKeys menu,
    InlineAnswers inline,
    BotMetrics metrics)
{
    public async Task<Reply> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var verdict = await flood.CheckAsync(message, cancellationToken);
        metrics.Inbound(message.Channel, message.Kind.ToString(), verdict.ToString());
        return verdict switch
        {
            FloodVerdict.Allow => await ActAsync(message, cancellationToken),
            FloodVerdict.Notify => Notice(Knowledge.Model.Notice.TooMany, message),
            _ => Reply.None,
        };
    }

    private Task<Reply> ActAsync(InboundMessage message, CancellationToken cancellationToken) => message.Kind switch
    {
        MessageKind.Text when message.Payload.Trim().Length == 0 => Task.FromResult(commands.Introduce(message)),
        MessageKind.Text => answers.AnswerAsync(message, message.Payload, cancellationToken),
        MessageKind.Voice when message.Payload.Trim().Length == 0 => Task.FromResult(Notice(Knowledge.Model.Notice.VoiceUnreadable, message)),
        MessageKind.Voice => HeardAsync(message, cancellationToken),
        MessageKind.Command when MenuKeys.StartKey(message.Payload) is { } key => menu.StartAsync(message, key, cancellationToken),
        MessageKind.Command => commands.RunAsync(message, cancellationToken),
        MessageKind.Menu => menu.PressAsync(message, message.Payload, cancellationToken),
        MessageKind.Suggestion => answers.Suggested(message.Payload) is { } question
            ? answers.AnswerAsync(message, question, cancellationToken)
            : Task.FromResult(Notice(Knowledge.Model.Notice.SuggestionGone, message)),
        MessageKind.Feedback => VoteAsync(message, cancellationToken),
        MessageKind.Inline => inline.AnswerAsync(message, cancellationToken),
        _ => Task.FromResult(Notice(Knowledge.Model.Notice.TextOnly, message)),
    };

    /// <summary>The recognised text answered as if typed (whole, not streamed), after what was heard, in the
    /// answer's language.</summary>
    private async Task<Reply> HeardAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var heard = message.Payload.Trim();
        var reply = await answers.AnswerAsync(message with { Streams = false }, heard, cancellationToken);
        return reply with { Text = answers.Bot.Heard(heard, reply.Answer?.Language ?? message.Language) + "\n" + reply.Text };
    }

    private async Task<Reply> VoteAsync(InboundMessage message, CancellationToken cancellationToken) =>
        Reply.Receipt(answers.Bot.Notice(
            await votes.VoteAsync(message.Channel, message.User, message.Payload, message.Helpful, cancellationToken) ? Knowledge.Model.Notice.Thanks : Knowledge.Model.Notice.AlreadyVoted,
            message.Language));

    /// <summary>A notice in the user's language: a message, or for an inline query its one result.</summary>
    private Reply Notice(Notice notice, InboundMessage message)
    {
        var text = answers.Bot.Notice(notice, message.Language);
        return message.Kind == MessageKind.Inline ? InlineAnswers.Notice(text) : Reply.Plain(text);
    }
}
