using Microsoft.Extensions.Options;

namespace NanshanBot.Curation.Import;

/// <summary>Configuration section <c>Import</c>: how pages are fetched for <c>kb import</c> and <c>/import</c>.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>The longest a page may take, redirects included. The default lets WeChat's passive reply (answered
    /// on WeChat's retries of the message, within about 15 s) carry the result of <c>/import</c>.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>The largest page (after decompression) that is read.</summary>
    public int MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Whether pages on loopback and private networks may be fetched (a test server on 127.0.0.1); for the
    /// command line, <c>--allow-private</c> does the same for one import. Never from a chat.</summary>
    public bool AllowPrivateAddresses { get; set; }
}

public sealed class ImportOptionsValidator : IValidateOptions<ImportOptions>
{
    public ValidateOptionsResult Validate(string? name, ImportOptions options) =>
        options.TimeoutSeconds is <= 0 or > 120 || options.MaxBytes < 1024
            ? ValidateOptionsResult.Fail("Import:TimeoutSeconds must be between 0 and 120, Import:MaxBytes at least 1024.")
            : ValidateOptionsResult.Success;
}
