namespace NanshanBot.Knowledge.Model;

/// <summary>The bot's own words (introduction, decline, example questions), kept with the knowledge so
/// that admins edit them where they edit facts.</summary>
public sealed record BotTexts(
    string IntroZh,
    string IntroEn,
    string DeclineZh,
    string DeclineEn,
    IReadOnlyList<string> ExamplesZh,
    IReadOnlyList<string> ExamplesEn,
    IReadOnlyList<string> Greetings)
{
    public string Intro(Language language) => language == Language.English ? IntroEn : IntroZh;

    public string Decline(Language language) => language == Language.English ? DeclineEn : DeclineZh;

    public IReadOnlyList<string> Examples(Language language) =>
        language == Language.English ? ExamplesEn : ExamplesZh;
}
