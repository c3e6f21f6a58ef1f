using NanshanBot.Retrieval.Text;

namespace NanshanBot.Tests.Retrieval;

/// <summary>Folding without culture casing (ASCII, the CJK block) gives what culture casing gives, for every
/// character: Latin letters with accents, full-width forms, Greek, Cyrillic, CJK and the rest.</summary>
public sealed class FoldedTextTests
{
    [Fact]
    public void EveryCharacterFoldsAsCultureCasingFoldsIt()
    {
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            Assert.True(CultureFold(c) == FoldedText.Fold(c), $"U+{(int)c:X4} folds to U+{(int)FoldedText.Fold(c):X4}");
        }
    }

    [Fact]
    public void NoCharacterOfTheCjkBlockHasACase()
    {
        // What lets a search for a word beginning with one jump to it as a plain search would.
        for (var c = '\u3001'; c <= '\u9FFF'; c++)
        {
            Assert.True(char.ToUpperInvariant(c) == c && char.ToLowerInvariant(c) == c, $"U+{(int)c:X4} has a case");
        }
    }

    [Theory]
    [InlineData("ÉCOLE Ω Москва ＧＤＰ 南山区 Nanshan’s", "école ω москва gdp 南山区 nanshan's")]
    [InlineData("ＡＢＣ１２３！", "abc123!")]
    public void TextFoldsCharacterByCharacter(string text, string folded)
    {
        Assert.Equal(folded, FoldedText.Folded(text));
        Assert.True(FoldedText.FoldsTo(text, folded));
    }

    [Theory]
    [InlineData("南山区ＧＤＰ达到万亿元", "gdp", 3)]
    [InlineData("南山区ＧＤＰ达到万亿元", "万亿", 8)]
    [InlineData("深圳南山，南山区", "南山区", 5)]
    [InlineData("Die STRAẞE in München", "münchen", 14)]
    [InlineData("南山区", "福田", -1)]
    public void AWordIsFoundWhereTheFoldedTextHasIt(string text, string word, int at) =>
        Assert.Equal(at, FoldedText.IndexOf(text, word));

    /// <summary>Folding as it was before the fast paths: culture casing for every character.</summary>
    private static char CultureFold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => char.ToLowerInvariant((char)(c - 0xFEE0)),
        '\u3000' => ' ',
        '\u2019' => '\'',
        _ => char.ToLowerInvariant(c),
    };
}
