namespace NanshanBot.Knowledge.Model;

/// <summary>What a menu key does: ask its question, or run one of the commands every channel has.</summary>
public enum MenuAction
{
    Ask,
    About,
    Help,
    Sources,
}

/// <summary>
/// One line of the <c>[menu]</c> list in bot.kb: a short key (a WeChat or WeCom menu button's <c>EventKey</c>, a
/// WeChat QR code's scene, a Telegram <c>t.me/bot?start=key</c> link) and the question it asks, in both
/// languages, or the command it runs.
/// </summary>
public sealed record MenuItem(string Key, MenuAction Action, string QuestionZh = "", string QuestionEn = "")
{
    /// <summary>The question in <paramref name="language"/> (for <see cref="MenuAction.Ask"/>).</summary>
    public string Question(Language language) => language == Language.English ? QuestionEn : QuestionZh;

    /// <summary>The command a non-question key runs: <c>/about</c>, <c>/help</c>, <c>/sources</c>.</summary>
    public string Command => "/" + Action.ToString().ToLowerInvariant();
}

/// <summary>The commands a messenger's command menu lists (Telegram's menu button), in bot.kb as
/// <c>command_start_zh</c>, <c>command_start_en</c>, ...</summary>
public enum BotCommandName
{
    Start,
    Help,
    About,
    Sources,
}

/// <summary>A command and what the command menu says it does, in both languages.</summary>
public sealed record CommandDescription(BotCommandName Name, string Zh, string En)
{
    /// <summary>As typed, without the slash: <c>start</c>.</summary>
    public string Command => Name.ToString().ToLowerInvariant();

    /// <summary>The bot.kb field of the description in a language, without its <c>_zh</c>/<c>_en</c>.</summary>
    public static string Field(BotCommandName name) => "command_" + name.ToString().ToLowerInvariant();

    public static IEnumerable<string> AllFields() =>
        Enum.GetValues<BotCommandName>().SelectMany(n => new[] { Field(n) + "_zh", Field(n) + "_en" });
}
