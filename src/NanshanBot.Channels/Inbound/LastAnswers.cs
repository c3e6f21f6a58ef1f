using System.Text.Json.Serialization;
using NanshanBot.Knowledge.Model;
using NanshanBot.State;

namespace NanshanBot.Channels;

/// <summary>The sources of each conversation's last answer, for /sources, in the shared state: /sources reaching
/// another instance than the answer still finds them. Kept for a day.</summary>
public sealed class LastAnswers(ISharedState state)
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    public ValueTask<SourceList?> SourcesAsync(string conversation, CancellationToken cancellationToken) =>
        state.GetAsync(Key(conversation), SourceJson.Default.SourceList, cancellationToken);

    public ValueTask RememberAsync(string conversation, IReadOnlyList<Source> sources, CancellationToken cancellationToken) =>
        state.SetAsync(Key(conversation), new SourceList(sources), SourceJson.Default.SourceList, Keep, cancellationToken);

    private static string Key(string conversation) => "last-sources:" + conversation;
}

public sealed record SourceList(IReadOnlyList<Source> Sources);

[JsonSerializable(typeof(SourceList))]
internal sealed partial class SourceJson : JsonSerializerContext;
