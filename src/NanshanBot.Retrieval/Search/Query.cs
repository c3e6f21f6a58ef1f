using NanshanBot.Knowledge.Model;
using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval.Search;

/// <summary>A question as analysed once and used by every later step: its normalised text, tokens and language.</summary>
public sealed record Query(string Text, string Normalized, List<Token> Tokens, Language Language);
