using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using NanshanBot.Answering.Grounding;

namespace NanshanBot.Answering.Llm;

/// <summary>The grounded writer over Semantic Kernel's OpenAI connector: any OpenAI-compatible chat endpoint.</summary>
public sealed class SemanticKernelWriter(IChatCompletionService chat, ModelCallBudget budget, IOptions<LlmOptions> options) : IGroundedWriter
{
    public TimeSpan Timeout => TimeSpan.FromSeconds(options.Value.TimeoutSeconds);

    public ValueTask<bool> TryReserveAsync(CancellationToken cancellationToken) => budget.TryTakeAsync(cancellationToken);

    public async Task<string> CompleteAsync(GroundedRequest request, CancellationToken cancellationToken)
    {
        var reply = await chat.GetChatMessageContentAsync(GroundedPrompt.Build(request), Settings(), cancellationToken: cancellationToken);
        var text = reply.Content ?? "";
        return GroundedPrompt.Leaks(text) ? throw new InvalidOperationException("the reply repeats the instructions") : text;
    }

    public async IAsyncEnumerable<string> StreamAsync(GroundedRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sofar = new System.Text.StringBuilder();
        await foreach (var chunk in chat.GetStreamingChatMessageContentsAsync(GroundedPrompt.Build(request), Settings(), cancellationToken: cancellationToken))
        {
            if (!string.IsNullOrEmpty(chunk.Content))
            {
                if (GroundedPrompt.Leaks(sofar.Append(chunk.Content).ToString()))
                {
                    throw new InvalidOperationException("the reply repeats the instructions");
                }

                yield return chunk.Content;
            }
        }
    }

    private OpenAIPromptExecutionSettings Settings() => new()
    {
        Temperature = options.Value.Temperature,
        MaxTokens = options.Value.MaxTokens,
    };
}
