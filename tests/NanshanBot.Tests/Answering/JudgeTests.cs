using NanshanBot.Evaluation;

namespace NanshanBot.Tests.Answering;

public sealed class JudgeTests
{
    private static EvalCase Case(string lang, Expectation expect) => new("c", lang, ["q"], expect);

    [Fact]
    public void NormalisationIgnoresSpacesCommasAndDashes()
    {
        var c = Case("en", new Expectation(["540000", "five-layer cake"], null, null));

        Assert.Null(Judge.Verdict(c, "about 540,000 yuan", declined: false));
        Assert.Null(Judge.Verdict(c, "a Five Layer Cake", declined: false));
        Assert.Equal("missing 540000/five-layer cake", Judge.Verdict(c, "no number", declined: false));
    }

    [Fact]
    public void EveryGroupOfAnAllExpectationMustMatch()
    {
        var c = Case("zh", new Expectation(null, [["海淀"], ["浦东"]], null));

        Assert.Null(Judge.Verdict(c, "海淀和浦东", declined: false));
        Assert.Equal("missing 浦东", Judge.Verdict(c, "海淀", declined: false));
    }

    [Fact]
    public void AStaleFigureNamedInNoneFailsTheReply()
    {
        var c = Case("zh", new Expectation(["17家"], null, null, ["14家"]));

        Assert.Null(Judge.Verdict(c, "目前公立医院17家", declined: false));
        Assert.Equal("contains stale or wrong 14家", Judge.Verdict(c, "目前公立医院17家，此前为14家", declined: false));
    }

    [Fact]
    public void DeclineCasesNeedTheFlagAndAText()
    {
        var c = Case("zh", new Expectation(null, null, true));

        Assert.Null(Judge.Verdict(c, "抱歉", declined: true));
        Assert.Equal("should decline", Judge.Verdict(c, "", declined: true));
        Assert.Equal("should decline", Judge.Verdict(c, "答案", declined: false));
    }

    [Fact]
    public void LongRepliesAndChineseRepliesToEnglishFail()
    {
        var en = Case("en", new Expectation(["x"], null, null));

        Assert.Equal("reply too long (601 chars)", Judge.Verdict(en, new string('x', 601), declined: false));
        Assert.Equal("English question answered mostly in Chinese", Judge.Verdict(en, "x 中文中文", declined: false));
        Assert.Equal("declined an answerable question", Judge.Verdict(en, "x", declined: true));
    }
}
