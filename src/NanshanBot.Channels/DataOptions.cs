namespace NanshanBot.Channels;

/// <summary>Where the service keeps its small state files (Telegram offsets and the like): <c>Data:Path</c>,
/// by default the user's local application data folder.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    public string? Path { get; set; }

    /// <summary>How many days of the question log (questions and votes) the service keeps.</summary>
    public int RetentionDays { get; set; } = 90;

    public string Folder(string name)
    {
        var root = string.IsNullOrWhiteSpace(Path)
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "NanshanBot")
            : System.IO.Path.GetFullPath(Path);
        var folder = System.IO.Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
