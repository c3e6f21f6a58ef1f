using NanshanBot.Knowledge.Model;

namespace NanshanBot.Answering;

/// <summary>
/// A question worth asking next. <see cref="Key"/> names it in the knowledge base (a fact's question or one of
/// the bot's examples), short enough for a Telegram button and the same on every instance:
/// <c>f:en:gdp-2025</c>, <c>x:zh:0</c>.
/// </summary>
public sealed record Suggestion(string Key, string Text)
{
    public static Suggestion ForFact(Fact fact, Language language) =>
        new($"f:{Code(language)}:{fact.Id}", fact.Ask(language)!);

    public static Suggestion ForExample(BotTexts bot, Language language, int index) =>
        new($"x:{Code(language)}:{index}", bot.Examples(language)[index]);

    /// <summary>The question a key names in <paramref name="knowledge"/>, or null when it names nothing (any
    /// more: the knowledge may have been edited since the button was sent).</summary>
    public static string? Resolve(string key, KnowledgeBase knowledge)
    {
        var parts = key.Split(':', 3);
        if (parts.Length != 3 || parts[1] is not ("zh" or "en"))
        {
            return null;
        }

        var language = parts[1] == "en" ? Language.English : Language.Chinese;
        return parts[0] switch
        {
            "f" => knowledge.Facts.FirstOrDefault(f => f.Id == parts[2])?.Ask(language),
            "x" when int.TryParse(parts[2], out var i) && i >= 0 && i < knowledge.Bot.Examples(language).Count
                => knowledge.Bot.Examples(language)[i],
            _ => null,
        };
    }

    private static string Code(Language language) => language == Language.English ? "en" : "zh";
}
