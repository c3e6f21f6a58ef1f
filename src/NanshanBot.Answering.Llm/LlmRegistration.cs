using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using NanshanBot.Answering.Grounding;
using Polly;

namespace NanshanBot.Answering.Llm;

public static class LlmRegistration
{
    private const string Client = "llm";

    /// <summary>
    /// Registers the model as the engine's grounded writer when <c>Llm:Endpoint</c> and <c>Llm:Model</c> are set,
    /// and nothing otherwise. Its HttpClient has a circuit breaker (Microsoft.Extensions.Http.Resilience) that
    /// stops calling a failing endpoint for <c>Llm:BreakSeconds</c>, and no retries: the deadline is the engine's.
    /// </summary>
    public static IServiceCollection AddLlmWriter(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LlmOptions.Section);
        services.AddOptions<LlmOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();
        if (!LlmOptions.IsOn(configuration))
        {
            return services;
        }

        // The breaker's times come from the validated options, when the client is first made.
        services.AddHttpClient(Client, http => http.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(Client, (pipeline, context) =>
            {
                var breakSeconds = context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value.BreakSeconds;
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 3,
                    SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, breakSeconds)),
                    BreakDuration = TimeSpan.FromSeconds(breakSeconds),
                });
            });
        services.AddSingleton<IChatCompletionService>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(Client);
            return new OpenAIChatCompletionService(o.Model!, new Uri(o.Endpoint!), o.ApiKey ?? "none", httpClient: http,
                loggerFactory: sp.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton<ModelCallBudget>();
        services.AddSingleton<IGroundedWriter, SemanticKernelWriter>();
        return services;
    }
}
