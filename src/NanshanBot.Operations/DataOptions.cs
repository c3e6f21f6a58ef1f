using Microsoft.Extensions.Options;

namespace NanshanBot.Operations;

/// <summary>Where the service keeps its state (the question log, Telegram offsets and pending updates):
/// <c>Data:Path</c>, by default the user's local application data folder.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    public string? Path { get; set; }

    /// <summary>How many days of the question log (questions and votes) the service keeps.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>A folder under the data path, created when first asked for (by the service that keeps files there).</summary>
    public string Folder(string name)
    {
        var root = string.IsNullOrWhiteSpace(Path)
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "NanshanBot")
            : System.IO.Path.GetFullPath(Path);
        var folder = System.IO.Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The question log's database.</summary>
    public string QuestionDatabase() => System.IO.Path.Combine(Folder(""), "questions.db");
}

/// <summary>Checks the section at start-up. (Not the source-generated [OptionsValidator]: in .NET 10 its range
/// check ignores ErrorMessage, and the message must name the setting.)</summary>
public sealed class DataOptionsValidator : IValidateOptions<DataOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options) => options.RetentionDays >= 1
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail("Data:RetentionDays must be at least 1 (the days of question log to keep).");
}
