using Microsoft.Extensions.Logging;

namespace NanshanBot.Curation;

/// <summary>Every log line of import and draft.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Target} as {File}: {Sentences} sentences")]
    public static partial void Imported(ILogger logger, string target, string file, int sentences);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import of {Target} refused: {Reason}")]
    public static partial void ImportRefused(ILogger logger, string target, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drafted {Facts} facts from {Article} into {File}")]
    public static partial void Drafted(ILogger logger, string article, string file, int facts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model could not draft for {Article}; the draft is offline only")]
    public static partial void ModelFailed(ILogger logger, string article, Exception exception);
}
