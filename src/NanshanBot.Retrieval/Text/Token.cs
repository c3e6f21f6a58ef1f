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
    /// <summary>Where the token was found in the normalised text it was read from (-1 for a token that stands for
    /// no text of its own, such as a fact's date).</summary>
    [JsonIgnore]
    public int Start { get; init; } = -1;

    [JsonIgnore]
    public int Length { get; init; }

    /// <summary>A year said relative to now (今年, 去年, last year): in a question it is a preference, not a limit,
    /// since a source published last year says 去年 of the year before.</summary>
    [JsonIgnore]
    public bool IsRelativeYear => Kind == TokenKind.Year && Pos == RelativePos;

    public const string RelativePos = "rel";

    /// <summary>Years and dates narrow a question down: a fact must contain them to answer it.</summary>
    [JsonIgnore]
    public bool IsConstraint => Kind is TokenKind.Year or TokenKind.Date;

    /// <summary>Whether the token counts towards what a question asks (not a stop word, piece or constraint).</summary>
    [JsonIgnore]
    public bool IsContent => !IsStop && !IsPiece && !IsConstraint;

    [JsonIgnore]
    public bool IsEnglish => Pos == "eng";
}
