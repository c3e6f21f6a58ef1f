using System.Globalization;
using System.Text;

namespace NanshanBot.Operations;

/// <summary>What users typed, made safe to log and to show an admin: control characters (Cc) and format
/// characters (Cf: right-to-left overrides, zero-width joiners and spaces) could reorder or hide what an admin
/// reads in /unanswered or a terminal. Line breaks and tabs become spaces; the rest are removed.</summary>
public static class UserText
{
    public static string Printable(string text)
    {
        if (!text.Any(IsHidden))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsHidden(c))
            {
                clean.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                clean.Append(' ');
            }
        }

        return clean.ToString();
    }

    private static bool IsHidden(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;
}
