using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace NanshanBot.Answering.Llm;

/// <summary>Configuration section <c>Llm</c>. The model is used when <see cref="Endpoint"/> and
/// <see cref="Model"/> are set; the key comes from the environment (<c>Llm__ApiKey</c>) or user secrets.</summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    /// <summary>An OpenAI-compatible base URL ending in /v1: https://api.openai.com/v1, https://api.deepseek.com/v1,
    /// http://localhost:11434/v1 (Ollama)...</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>How long the model may take before the offline answer is used; the default leaves WeChat's
    /// 5-second limit a margin.</summary>
    public double TimeoutSeconds { get; set; } = 3.5;

    /// <summary>After repeated failures the endpoint is not called for this long (the circuit breaker).</summary>
    public double BreakSeconds { get; set; } = 30;

    /// <summary>Model calls allowed per minute (all instances together); past it, the offline answer.</summary>
    public int MaxCallsPerMinute { get; set; } = 60;

    /// <summary>How long one model call of <c>kb draft</c> may take (a batch of sentences; nobody waits on a chat).</summary>
    public double DraftTimeoutSeconds { get; set; } = 60;

    public double Temperature { get; set; } = 0.2;

    public int MaxTokens { get; set; } = 400;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);

    /// <summary>Whether <paramref name="configuration"/> turns the model on: what registration decides with.</summary>
    public static bool IsOn(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[Section + ":" + nameof(Endpoint)]) && !string.IsNullOrWhiteSpace(configuration[Section + ":" + nameof(Model)]);
}

public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions o)
    {
        if (!o.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add($"Llm:Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1; got '{o.Endpoint}'.");
        }

        if (o.TimeoutSeconds is <= 0 or > 60 || o.BreakSeconds < 1 || o.MaxTokens < 1 || o.MaxCallsPerMinute < 1)
        {
            errors.Add("Llm:TimeoutSeconds must be between 0 and 60, Llm:BreakSeconds, Llm:MaxTokens and Llm:MaxCallsPerMinute at least 1.");
        }

        if (o.DraftTimeoutSeconds is <= 0 or > 600)
        {
            errors.Add("Llm:DraftTimeoutSeconds must be between 0 and 600.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
