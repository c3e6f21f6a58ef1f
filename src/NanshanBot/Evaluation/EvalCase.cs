using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanshanBot.Evaluation;

/// <summary>One case of a question set (shared/eval/README.md): turns sent in one fresh conversation, and
/// what the reply to the last turn must satisfy.</summary>
public sealed record EvalCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("lang")] string Lang,
    [property: JsonPropertyName("turns")] IReadOnlyList<string> Turns,
    [property: JsonPropertyName("expect")] Expectation Expect)
{
    /// <summary>Reads a JSON-lines file; a malformed line is an error naming its line number.</summary>
    public static List<EvalCase> ReadAll(string path)
    {
        var cases = new List<EvalCase>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                var c = JsonSerializer.Deserialize<EvalCase>(line);
                if (c?.Id is null || c.Turns is not { Count: > 0 } || c.Expect is null)
                {
                    throw new JsonException("a case needs id, turns and expect");
                }

                cases.Add(c);
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path}:{lineNo}: not a valid case: {e.Message}", e);
            }
        }

        return cases;
    }
}

public sealed record Expectation(
    [property: JsonPropertyName("any")] IReadOnlyList<string>? Any,
    [property: JsonPropertyName("all")] IReadOnlyList<IReadOnlyList<string>>? All,
    [property: JsonPropertyName("declined")] bool? Declined,
    [property: JsonPropertyName("none")] IReadOnlyList<string>? None = null);
