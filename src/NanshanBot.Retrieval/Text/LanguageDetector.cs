using NanshanBot.Knowledge.Model;

namespace NanshanBot.Retrieval.Text;

public static class LanguageDetector
{
    /// <summary>Chinese when Han characters dominate; an English sentence that names 南山 stays English.</summary>
    public static Language Detect(string text)
    {
        int han = 0, latinWords = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (IsHan(c))
            {
                han++;
            }

            var latin = char.IsAsciiLetter(c);
            if (latin && !inWord)
            {
                latinWords++;
            }

            inWord = latin;
        }

        return han > 0 && han >= 2 * latinWords ? Language.Chinese : latinWords > 0 ? Language.English : Language.Chinese;
    }

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf' or >= '\uf900' and <= '\ufaff';
}
