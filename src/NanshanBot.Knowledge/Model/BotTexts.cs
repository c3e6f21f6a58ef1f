namespace NanshanBot.Knowledge.Model;

/// <summary>The bot's own words (introduction, decline, example questions, the notices every channel shows),
/// kept with the knowledge so that admins edit them where they edit facts.</summary>
public sealed record BotTexts(
    string IntroZh,
    string IntroEn,
    string DeclineZh,
    string DeclineEn,
    IReadOnlyList<string> ExamplesZh,
    IReadOnlyList<string> ExamplesEn,
    IReadOnlyList<string> Greetings)
{
    /// <summary>Each notice in Chinese and English (<c>too_many_zh</c>, <c>too_many_en</c>, ... in bot.kb).</summary>
    public IReadOnlyDictionary<Notice, (string Zh, string En)> Notices { get; init; } = new Dictionary<Notice, (string, string)>();

    /// <summary>The <c>[menu]</c> list: keys (lower case) and what each asks or runs.</summary>
    public IReadOnlyDictionary<string, MenuItem> Menu { get; init; } = new Dictionary<string, MenuItem>();

    /// <summary>The command menu's descriptions (<c>command_start_zh</c>, ...), in the order of
    /// <see cref="BotCommandName"/>.</summary>
    public IReadOnlyList<CommandDescription> Commands { get; init; } = [];

    public string Intro(Language language) => language == Language.English ? IntroEn : IntroZh;

    public string Decline(Language language) => language == Language.English ? DeclineEn : DeclineZh;

    public IReadOnlyList<string> Examples(Language language) =>
        language == Language.English ? ExamplesEn : ExamplesZh;

    /// <summary>The menu item a key names (keys are not case-sensitive), or null.</summary>
    public MenuItem? MenuItem(string key) => Menu.GetValueOrDefault(key.Trim().ToLowerInvariant());

    /// <summary>"你问的是：……": what was heard (a voice message's recognised text), in the answer's language.</summary>
    public string Heard(string question, Language? language) => Notice(Model.Notice.Heard, language).Replace(HeardPlaceholder, question, StringComparison.Ordinal);

    /// <summary>Where <c>heard_zh</c> and <c>heard_en</c> put the recognised words.</summary>
    public const string HeardPlaceholder = "{question}";

    /// <summary>A notice in the user's language; both languages, Chinese first, when it is not known.</summary>
    public string Notice(Notice notice, Language? language)
    {
        var (zh, en) = Notices[notice];
        return language switch
        {
            Language.English => en,
            Language.Chinese => zh,
            _ => zh + " " + en,
        };
    }
}

/// <summary>What the bot says about a message rather than in answer to it; the same on every channel.</summary>
public enum Notice
{
    /// <summary>Over the flood limit (said once a minute).</summary>
    TooMany,

    /// <summary>A photo, a sticker, a voice message without recognised text (Telegram): only text is read.</summary>
    TextOnly,

    /// <summary>/sources before any answer.</summary>
    NoLastAnswer,

    /// <summary>A suggestion button whose question the knowledge no longer has.</summary>
    SuggestionGone,

    /// <summary>A 👍/👎 counted.</summary>
    Thanks,

    /// <summary>A second vote on the same answer.</summary>
    AlreadyVoted,

    /// <summary>Above the sources of the last answer (/sources).</summary>
    SourcesHeading,

    /// <summary>Above the list of every source (/about).</summary>
    KnowledgeHeading,

    /// <summary>Before the answer to a voice message: what was heard (<c>{question}</c> stands for it).</summary>
    Heard,

    /// <summary>A voice message without recognised text: please type.</summary>
    VoiceUnreadable,

    /// <summary>The title of the one inline result for an empty or declined inline query (its message is the
    /// introduction).</summary>
    InlineHint,
}

/// <summary>The bot.kb field names of the notices: <c>too_many_zh</c>, <c>too_many_en</c>, ...</summary>
public static class NoticeFields
{
    public static string Key(Notice notice) =>
        string.Concat(notice.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static IEnumerable<string> All() =>
        Enum.GetValues<Notice>().SelectMany(n => new[] { Key(n) + "_zh", Key(n) + "_en" });
}
