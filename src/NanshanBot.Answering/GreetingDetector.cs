using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Answering;

/// <summary>Recognises a greeting or a "what can you do" (from the knowledge base's list), alone or with a
/// word or two around it ("hi there", "你好呀"), but not a question that merely starts with "hello".</summary>
public static class GreetingDetector
{
    private const int MaxExtraCharacters = 6;

    public static bool IsGreeting(string normalizedText, BotTexts bot)
    {
        var text = Strip(normalizedText);
        if (text.Length == 0)
        {
            return true;
        }

        foreach (var greeting in bot.Greetings)
        {
            var g = Strip(greeting.ToLowerInvariant());
            if (g.Length > 0 && text.StartsWith(g, StringComparison.Ordinal) && text.Length - g.Length <= Extra(g))
            {
                return true;
            }
        }

        return false;
    }

    private static int Extra(string greeting) => LanguageDetector.IsHan(greeting[0]) ? 2 : MaxExtraCharacters;

    private static string Strip(string text) =>
        string.Concat(text.Where(c => char.IsAsciiLetterOrDigit(c) || LanguageDetector.IsHan(c)));
}
