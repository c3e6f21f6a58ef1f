using System.Globalization;

namespace NanshanBot.Curation.Import;

/// <summary>A page's publication date, however it is written (ISO 8601 with or without time and offset,
/// 2026年1月27日, 2026/01/27), as the knowledge base writes dates: YYYY-MM-DD, the day where it was published.</summary>
public static class DateText
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyy年MM月dd日",
        "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy年M月d日 H:mm", "yyyy年M月d日H:mm",
    ];

    public static string? Normalize(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return Format(local);
        }

        // An offset, where the page gives one, decides the day (a time late on the 27th in Beijing is the 27th).
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var stamp)
            ? Format(stamp.DateTime)
            : null;
    }

    /// <summary>A WeChat page's unix time (its script's <c>ct</c>), as the day in China.</summary>
    public static string? FromUnixSeconds(long seconds) =>
        Format(DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static string? Format(DateTime date) =>
        date.Year is < 1900 or > 2200 ? null : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
