namespace NanshanBot.Retrieval.Text;

/// <summary>Whether normalised text contains a phrase from a word list: Chinese phrases anywhere, English
/// ones as whole words ("he" is not found in "the").</summary>
public static class Phrases
{
    public static bool Contains(string normalizedText, string phrase)
    {
        if (phrase.Length == 0)
        {
            return false;
        }

        if (LanguageDetector.IsHan(phrase[0]))
        {
            return normalizedText.Contains(phrase, StringComparison.Ordinal);
        }

        for (var at = normalizedText.IndexOf(phrase, StringComparison.Ordinal); at >= 0;
             at = normalizedText.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !char.IsAsciiLetterOrDigit(normalizedText[at - 1]))
                && (end == normalizedText.Length || !char.IsAsciiLetterOrDigit(normalizedText[end])))
            {
                return true;
            }
        }

        return false;
    }
}
