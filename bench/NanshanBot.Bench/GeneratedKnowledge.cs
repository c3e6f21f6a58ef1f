using System.Diagnostics;
using System.Text;
using NanshanBot.Answering;
using NanshanBot.Evaluation;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Retrieval;
using NanshanBot.Retrieval.Index;
using NanshanBot.Retrieval.Search;

namespace NanshanBot.Bench;

/// <summary>
/// Knowledge bases of 1,000 and 10,000 generated articles (deterministic, seed 42) beside the bundled
/// knowledge: load and index time, managed memory of the index, and question latency over the dev questions,
/// by retrieval alone and through the service host's engine.
/// </summary>
public static class GeneratedKnowledge
{
    private static readonly string[] Places = ["前海", "蛇口", "后海", "科技园", "西丽", "大学城", "深圳湾", "华侨城", "留仙洞", "桃源"];
    private static readonly string[] Topics = ["新能源汽车", "生物医药", "低空经济", "集成电路", "跨境电商", "文旅消费", "海洋经济", "工业软件", "智能终端", "绿色建筑"];
    private static readonly string[] Verbs = ["发布了", "启动了", "签约了", "举办了", "建成了", "引进了"];

    public static async Task RunAsync(BenchReport report)
    {
        foreach (var count in report.Quick ? new[] { 1000 } : [1000, 10_000])
        {
            var folder = Generate(count);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            var index = KnowledgeFactory.Load(folder);
            var loadMs = clock.Elapsed.TotalMilliseconds;
            var memory = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / 1024.0;
            var retriever = new Retriever(new RetrievalOptions());
            var questions = EvalCase.ReadAll(Repo.DevQuestions).SelectMany(c => c.Turns).Concat(["前海的新能源汽车项目", "蛇口举办了什么活动"]).ToList();
            for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(2);)
            {
                questions.ForEach(q => retriever.Search(index, q));
            }

            var micros = new List<double>();
            for (var round = 0; round < 20; round++)
            {
                foreach (var q in questions)
                {
                    var start = Stopwatch.GetTimestamp();
                    retriever.Search(index, q);
                    micros.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
            }

            var scenario = $"generated knowledge ({count:N0} articles, {index.Documents.Count:N0} passages)";
            report.Add(scenario, "load and index", loadMs, "ms");
            report.Add(scenario, "index memory (managed)", memory, "MB");
            report.Add(scenario, "question p50", BenchReport.Percentile(micros, 0.5) / 1000, "ms");
            report.Add(scenario, "question p99", BenchReport.Percentile(micros, 0.99) / 1000, "ms");
            GC.KeepAlive(index);
            await HostPathAsync(report, scenario, folder, questions);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task HostPathAsync(BenchReport report, string scenario, string folder, List<string> questions)
    {
        await using var host = await HostUnderTest.StartAsync(folder);
        var cases = questions.Select((q, i) => new EvalCase($"g{i}", "zh", [q], new Expectation(null, null, null))).ToList();
        var figures = LatencyProbe.Measure(host.Engine, cases, 20, TimeSpan.FromSeconds(2));
        report.Add(scenario, "host path p50", figures.P50 / 1000, "ms");
        report.Add(scenario, "host path p99", figures.P99 / 1000, "ms");
    }

    private static string Generate(int count)
    {
        var folder = BenchKnowledge.CopyOfBundled();
        var random = new Random(42);
        string Pick(string[] list) => list[random.Next(list.Length)];
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder($"---\ntitle: 生成的测试文章 {i}\npublisher: 基准测试\ndate: 2026-0{1 + i % 9}-1{i % 9}\n---\n");
            for (var paragraph = 0; paragraph < 4; paragraph++)
            {
                for (var sentence = 0; sentence < 3; sentence++)
                {
                    text.Append($"{2020 + random.Next(6)}年，{Pick(Places)}{Pick(Verbs)}{random.Next(2, 90)}个{Pick(Topics)}项目，投资约{random.Next(1, 500)}亿元。");
                }

                text.Append("\n\n");
            }

            File.WriteAllText(Path.Combine(folder, "articles", $"gen-{i:D5}.md"), text.ToString());
        }

        return folder;
    }
}
