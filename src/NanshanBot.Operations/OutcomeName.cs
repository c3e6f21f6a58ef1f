using NanshanBot.Answering;

namespace NanshanBot.Operations;

/// <summary>An answer's outcome as metric labels and counter keys spell it (lower case), without formatting the
/// enum on every question.</summary>
internal static class OutcomeName
{
    public static string Of(AnswerKind kind) => kind switch
    {
        AnswerKind.Answered => "answered",
        AnswerKind.Declined => "declined",
        AnswerKind.Introduction => "introduction",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
