namespace NanshanBot.Knowledge;

/// <summary>A setting that keeps the program from starting: the message says what is wrong and what to set. The
/// program prints it and exits 2 (as for invalid options or knowledge); any other exception keeps its stack.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
