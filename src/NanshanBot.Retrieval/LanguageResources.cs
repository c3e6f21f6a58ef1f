using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval;

/// <summary>The language data that does not change with the knowledge base: jieba's dictionary and the
/// Traditional-to-Simplified table. Loaded once per process (about 0.3 s) and shared by every reload.</summary>
public sealed class LanguageResources
{
    private static readonly Lazy<LanguageResources> Bundled = new(() => Load(Path.Combine(AppContext.BaseDirectory, "Resources")));

    private LanguageResources(WordDictionary dictionary, ChineseConverter converter)
    {
        Dictionary = dictionary;
        Converter = converter;
    }

    public WordDictionary Dictionary { get; }

    public ChineseConverter Converter { get; }

    /// <summary>The resources copied beside the program at build time.</summary>
    public static LanguageResources Default => Bundled.Value;

    public static LanguageResources Load(string folder) =>
        new(WordDictionary.Load(Path.Combine(folder, "dict.txt")), ChineseConverter.Load(Path.Combine(folder, "t2s.txt")));
}
