using NanshanBot.Answering;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Channels;

/// <summary>
/// An inline query (Telegram's <c>@bot 南山GDP</c> in any chat) answered with results to pick from: the answer to
/// the query, then answers to up to two of the questions it suggests next, each with its source line and in the
/// question's language, for anyone who sends the same query. An empty or declined query gets one result, for this
/// user in their app's language: what the bot can answer (the introduction). Each question is answered on its
/// own (the chat it is sent into has seen no earlier question), and its sources are not kept for /sources.
/// </summary>
public sealed class InlineAnswers(AnswerRelay answers, ChatCommands commands)
{
    public const int MaxChoices = 3;

    public async Task<Reply> AnswerAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var query = message.Payload.Trim();
        if (query.Length == 0 || await AnsweredAsync(message, query, 0, cancellationToken) is not { } first)
        {
            return Hint(message);
        }

        var choices = new List<Choice> { new(query, first.Text, first) };
        foreach (var next in first.Suggestions)
        {
            if (choices.Count == MaxChoices)
            {
                break;
            }

            if (await AnsweredAsync(message, next.Text, choices.Count, cancellationToken) is { } answer)
            {
                choices.Add(new Choice(next.Text, answer.Text, answer));
            }
        }

        return Reply.Choose(choices, personal: false);
    }

    /// <summary>A notice (over the flood limit) as the one result, for this user only.</summary>
    public static Reply Notice(string text) => Reply.Choose([new Choice(text, text)], personal: true);

    private Reply Hint(InboundMessage message) =>
        Reply.Choose([new Choice(answers.Bot.Notice(Knowledge.Model.Notice.InlineHint, message.Language), commands.Introduce(message).Text)], personal: true);

    /// <summary>The answer, or null when the question is declined; each in a conversation of its own.</summary>
    private async Task<Answer?> AnsweredAsync(InboundMessage message, string question, int index, CancellationToken cancellationToken)
    {
        var own = message with { Conversation = $"{message.Conversation}:{index}", Streams = false };
        var reply = await answers.AnswerAsync(own, question, cancellationToken);
        return reply.Answer is { Kind: AnswerKind.Answered } answer ? answer : null;
    }
}
