using System.Text.Json.Serialization;

namespace NanshanBot.Retrieval.Text;

public enum TokenKind
{
    /// <summary>A Chinese word from the segmenter or a stemmed English word.</summary>
    Word,

    /// <summary>A knowledge-base term matched by any of its names: <c>@gdp</c>.</summary>
    Term,
    Year,
    Date,
    Number,
    Percent,
    Ordinal,
}

/// <summary>
/// A unit of meaning for matching. <see cref="Pos"/> is jieba's part of speech for Chinese words, "eng" for
/// English ones; <see cref="IsPiece"/> marks a sub-word of a longer Chinese word; <see cref="IsStop"/> a word
/// that carries no content (什么, the, 吗).
/// </summary>
public readonly record struct Token(string Text, TokenKind Kind, string Pos, bool IsPiece = false, bool IsStop = false)
{
    /// <summary>Years and dates narrow a question down: a fact must contain them to answer it.</summary>
    [JsonIgnore]
    public bool IsConstraint => Kind is TokenKind.Year or TokenKind.Date;

    /// <summary>Whether the token counts towards what a question asks (not a stop word, piece or constraint).</summary>
    [JsonIgnore]
    public bool IsContent => !IsStop && !IsPiece && !IsConstraint;

    [JsonIgnore]
    public bool IsEnglish => Pos == "eng";
}
