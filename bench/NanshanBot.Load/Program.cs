using NanshanBot.Fakes;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Load;

// dotnet run -c Release --project bench/NanshanBot.Load -- [--messages 4000] [--concurrency 16] [--retry-share 0.1]
//     [--stop-redis-halfway] [--redis host:port] [--memory] [--out artifacts/load.json]
// Exit code 1 when a user would have seen something wrong (an error, a lost or duplicate reply).
var options = LoadOptions.Parse(args);
var root = FindRoot();
var questions = KnowledgeLoader.Load(Path.Combine(root, "knowledge")).Facts
    .SelectMany(f => new[] { f.AskZh, f.AskEn }).OfType<string>().ToList();

await using var redis = options.Redis is null && !options.Memory ? await RedisServer.StartAsync() : null;
var shared = options.Redis ?? redis?.Address;
await using var api = await FakeBotApi.StartAsync();
await using (var instances = await Instances.StartAsync(shared, api.Url))
{
    Console.WriteLine($"Two instances, state {(shared is null ? "in each one's memory" : "shared in Redis at " + shared)}; {questions.Count} distinct questions");
    var report = await new LoadRun(options, instances, api, redis, questions).RunAsync();
    report.Print(Console.Out);
    report.Save(options.Out ?? Path.Combine(root, "artifacts", options.Memory ? "load-memory.json" : options.StopRedisHalfway ? "load-redis-stopped.json" : "load.json"));
    Environment.ExitCode = report.Clean ? 0 : 1;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "NanshanBot.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("NanshanBot.sln not found above " + AppContext.BaseDirectory);
}
