using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NanshanBot.Answering;
using NanshanBot.Answering.Llm;
using NanshanBot.Fakes;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;

namespace NanshanBot.Bench;

/// <summary>
/// What the LLM path adds beyond the model's own time: answers through the real Semantic Kernel connector to a
/// fake OpenAI server on loopback that replies at once, so the figure is prompt building, the connector, HTTP,
/// and the grounding checks.
/// </summary>
public static class LlmOverhead
{
    public static async Task RunAsync(BenchReport report)
    {
        await using var model = await FakeOpenAi.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = model.Endpoint, ["Llm:Model"] = "bench", ["Llm:ApiKey"] = "k",
        }).Build();
        var index = KnowledgeFactory.Load(Path.Combine(Repo.Root, "knowledge"));
        await using var services = new ServiceCollection().AddLogging().AddAnswering(index).AddLlmWriter(configuration).BuildServiceProvider();
        var engine = services.GetRequiredService<AnswerEngine>();
        var questions = new[] { "南山区人均GDP有多少？", "What was Nanshan District's GDP in 2025?", "南山有多少家上市公司？" };
        for (var i = 0; i < 30; i++)
        {
            await engine.AnswerAsync(new Question("warm" + i, questions[i % questions.Length]));
        }

        var count = report.Quick ? 300 : 3000;
        var millis = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await engine.AnswerAsync(new Question("q" + i, questions[i % questions.Length]));
            millis.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        report.Add("llm path (instant fake model)", "answer p50 (model replies at once)", BenchReport.Percentile(millis, 0.50), "ms");
        report.Add("llm path (instant fake model)", "answer p99 (model replies at once)", BenchReport.Percentile(millis, 0.99), "ms");
    }
}
