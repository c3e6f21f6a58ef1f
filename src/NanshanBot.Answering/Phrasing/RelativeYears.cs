using System.Text.RegularExpressions;
using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Index;

namespace NanshanBot.Answering.Phrasing;

/// <summary>A sentence quoted later than it was written says which year its 去年 / "last year" is, so that every
/// figure in a reply says the year it refers to.</summary>
public static partial class RelativeYears
{
    public static string Note(IndexedDocument document, string text, Language language)
    {
        if (!document.IsPassage || document.RelativeYear is not { } year || Relative().Match(text) is not { Success: true } said)
        {
            return "";
        }

        return language == Language.English ? $" (“{said.Value}” is {year})" : $"（“{said.Value}”即{year}年）";
    }

    [GeneratedRegex(@"今年|去年|前年|明年|本年|this year|last year|next year", RegexOptions.IgnoreCase)]
    private static partial Regex Relative();
}
