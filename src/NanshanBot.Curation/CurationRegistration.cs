using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using NanshanBot.Answering;
using NanshanBot.Answering.Llm;
using NanshanBot.Curation.Drafting;
using NanshanBot.Curation.Import;
using NanshanBot.Retrieval;

namespace NanshanBot.Curation;

public static class CurationRegistration
{
    /// <summary>
    /// Registers the article importer (its page client: no automatic redirects, private addresses refused where the
    /// connection is made, <c>Import:TimeoutSeconds</c>) and the fact drafter, both writing into
    /// <paramref name="knowledgePath"/>. The drafter uses the chat model when <c>Llm:*</c> registered one.
    /// </summary>
    public static IServiceCollection AddCuration(this IServiceCollection services, IConfiguration configuration)
    {
        // Pages in GBK or Big5 (older Chinese sites) are read through the code-page encodings.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ImportOptions>, ImportOptionsValidator>();
        services.AddHttpClient(PageFetcher.Client, (sp, http) =>
            {
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ImportOptions>>().Value.TimeoutSeconds);
                http.DefaultRequestHeaders.UserAgent.ParseAdd("NanshanBot/1.0 (article import)");
                http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,text/plain;q=0.9");
            })
            .ConfigurePrimaryHttpMessageHandler(AddressPolicy.Handler);
        services.AddSingleton(sp => new KnowledgeFolder(sp.GetRequiredService<KnowledgeFactory>().Path));
        services.AddSingleton<PageFetcher>();
        services.AddSingleton<ArticleImporter>();
        services.AddSingleton(sp => new FactDrafter(
            sp.GetRequiredService<KnowledgeFolder>(),
            sp.GetRequiredService<KnowledgeState>(),
            sp.GetService<IChatCompletionService>() is { } chat ? new DraftModel(chat, sp.GetRequiredService<IOptions<LlmOptions>>()) : null,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FactDrafter>>()));
        return services;
    }
}
