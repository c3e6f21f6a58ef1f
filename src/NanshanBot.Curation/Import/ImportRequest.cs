namespace NanshanBot.Curation.Import;

/// <summary>
/// What an admin asked to import: a web address or a local file, and what the page does not say itself (or says
/// wrongly): <c>--publisher</c>, <c>--date</c>, <c>--lang</c>, <c>--title</c>. <c>--allow-private</c> (command line
/// only) lets a page on a private network or loopback be fetched.
/// </summary>
public sealed record ImportRequest(string Target)
{
    public const string Usage = "URL|FILE [--publisher NAME] [--date YYYY-MM-DD] [--lang zh|en] [--title TITLE] [--allow-private]";

    public string? Publisher { get; init; }

    public string? Date { get; init; }

    public string? Language { get; init; }

    public string? Title { get; init; }

    public bool AllowPrivate { get; init; }

    /// <summary>Reads the arguments after <c>import</c>; <paramref name="mayAllowPrivate"/> is false in a chat.</summary>
    /// <exception cref="CurationRefusedException">The arguments are not usable.</exception>
    public static ImportRequest Parse(IReadOnlyList<string> args, bool mayAllowPrivate)
    {
        string? target = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var allowPrivate = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--allow-private" when mayAllowPrivate:
                    allowPrivate = true;
                    break;
                case "--publisher" or "--date" or "--lang" or "--title" when i + 1 < args.Count:
                    values[args[i][2..]] = args[++i].Trim();
                    break;
                case var arg when !arg.StartsWith("--", StringComparison.Ordinal) && target is null:
                    target = arg;
                    break;
                default:
                    throw new CurationRefusedException($"'{args[i]}' is not understood; expected {Usage}");
            }
        }

        var request = new ImportRequest(target ?? throw new CurationRefusedException($"nothing to import; expected {Usage}"))
        {
            Publisher = values.GetValueOrDefault("publisher"), Date = values.GetValueOrDefault("date"),
            Language = values.GetValueOrDefault("lang"), Title = values.GetValueOrDefault("title"), AllowPrivate = allowPrivate,
        };
        Check(request);
        return request;
    }

    private static void Check(ImportRequest request)
    {
        if (request.Date is { } date && DateText.Normalize(date) != date)
        {
            throw new CurationRefusedException($"--date '{date}' is not YYYY-MM-DD");
        }

        if (request.Language is { } lang && lang is not ("zh" or "en"))
        {
            throw new CurationRefusedException($"--lang '{lang}' is not zh or en");
        }
    }
}
