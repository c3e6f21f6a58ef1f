using NanshanBot.Knowledge.Model;

namespace NanshanBot.Channels.Telegram;

/// <summary>The channel's own words (not answers): what it says about messages it cannot take.</summary>
internal static class TelegramTexts
{
    public static string TextOnly(Language l) => l == Language.English
        ? "I can only read text messages. Please type your question."
        : "我目前只能看懂文字消息，请用文字提问。";

    public static string TooMany(Language l) => l == Language.English
        ? "You are sending messages faster than I can answer. Please wait a minute, then ask again."
        : "消息发得太快了，请稍等一分钟再问。";

    public static string NoLastAnswer(Language l) => l == Language.English
        ? "There is no answer yet whose sources I could show. Ask me something first."
        : "还没有可以查看来源的回答，请先提个问题。";

    public static string SuggestionGone(Language l) => l == Language.English
        ? "That suggestion is no longer available. Please type your question."
        : "这个推荐问题已经失效，请直接输入你的问题。";

    public static string Thanks(Language l) => l == Language.English ? "Thanks for the feedback!" : "谢谢你的反馈！";

    public static string AlreadyVoted(Language l) => l == Language.English ? "Your vote on this answer is already counted." : "你已经评价过这个回答了。";

    public static string SourcesHeading(Language l) => l == Language.English ? "Sources:" : "资料来源：";

    public static string KnowledgeHeading(Language l) => l == Language.English
        ? "My knowledge comes from these articles:"
        : "我的知识来自以下文章：";

    public static string Describe(Source s, Language l)
    {
        var title = l == Language.English && s.TitleEn is { } en ? en : s.Title;
        var publisher = l == Language.English ? s.PublisherEn : s.Publisher;
        return $"• {title}\n  {publisher}, {s.Date}{(s.Url is null ? "" : "\n  " + s.Url)}";
    }

    /// <summary>The language to talk to a user in before they ask anything: their app's language.</summary>
    public static Language For(string? languageCode) =>
        languageCode?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? Language.Chinese : Language.English;
}
