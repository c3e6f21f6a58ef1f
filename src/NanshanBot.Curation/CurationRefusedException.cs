namespace NanshanBot.Curation;

/// <summary>Why an article was not imported or its facts not drafted, in words for the admin.</summary>
public sealed class CurationRefusedException(string reason) : Exception(reason);
