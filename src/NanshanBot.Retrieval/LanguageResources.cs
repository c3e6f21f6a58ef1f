using NanshanBot.Retrieval.Text;

namespace NanshanBot.Retrieval;

/// <summary>The language data that does not change with the knowledge base: jieba's dictionary, the
/// Traditional-to-Simplified table, English word frequencies and CC-CEDICT. Loaded once per process (the files
/// in parallel) and shared by every reload.</summary>
public sealed class LanguageResources
{
    private static readonly Lazy<LanguageResources> Bundled = new(() => Load(Path.Combine(AppContext.BaseDirectory, "Resources")));

    private LanguageResources(WordDictionary dictionary, ChineseConverter converter, EnglishFrequencies english, ChineseEnglishDictionary bilingual)
    {
        Dictionary = dictionary;
        Converter = converter;
        English = english;
        Bilingual = bilingual;
        Informativeness = new Informativeness(dictionary, english);
    }

    public WordDictionary Dictionary { get; }

    public ChineseConverter Converter { get; }

    public EnglishFrequencies English { get; }

    public ChineseEnglishDictionary Bilingual { get; }

    public Informativeness Informativeness { get; }

    /// <summary>The resources copied beside the program at build time.</summary>
    public static LanguageResources Default => Bundled.Value;

    public static LanguageResources Load(string folder)
    {
        var bilingual = Task.Run(() => ChineseEnglishDictionary.Load(Path.Combine(folder, "cedict.txt")));
        var english = Task.Run(() => EnglishFrequencies.Load(Path.Combine(folder, "en-freq.txt")));
        var dictionary = WordDictionary.Load(Path.Combine(folder, "dict.txt"));
        var converter = ChineseConverter.Load(Path.Combine(folder, "t2s.txt"));
        return new(dictionary, converter, english.GetAwaiter().GetResult(), bilingual.GetAwaiter().GetResult());
    }
}
