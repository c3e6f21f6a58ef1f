using System.Text.Encodings.Web;
using System.Text.Json;
using NanshanBot.Answering;

namespace NanshanBot.Commands;

/// <summary>The JSON shape of an answer shared by <c>ask --json</c> and the eval result file.</summary>
public static class AnswerJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static object Shape(Answer answer) => new { reply = answer.Text, declined = answer.Declined, sources = Sources(answer) };

    public static object[] Sources(Answer answer) =>
        answer.Sources.Select(s => (object)new
        {
            title = s.Title, publisher = s.Publisher, date = s.Date, url = s.Url,
            quotes = answer.Quotes.Where(q => q.SourceId == s.Id).Select(q => q.Text).ToArray(),
        }).ToArray();

    public static string Serialize(Answer answer) => JsonSerializer.Serialize(Shape(answer), Options);
}
