namespace NanshanBot.Retrieval.Text;

/// <summary>A light suffix stripper (plural, past, gerund, possessive) that is enough to match
/// "companies" to "company" and "visited" to "visit" without a full Porter stemmer's surprises.</summary>
public static class EnglishStemmer
{
    public static string Stem(string word) => DropFinalE(StripSuffix(word));

    /// <summary>"name" and "named" both become "nam": the suffix rules leave a silent e on one side only.</summary>
    private static string DropFinalE(string stem) => stem.Length > 3 && stem[^1] == 'e' && stem[^2] != 'e' ? stem[..^1] : stem;

    private static string StripSuffix(string word)
    {
        if (word.EndsWith("'s", StringComparison.Ordinal))
        {
            word = word[..^2];
        }

        if (word.Length <= 3)
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) || word.EndsWith("ied", StringComparison.Ordinal))
        {
            return word.Length > 4 ? word[..^3] + "y" : word;
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal)
            || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        // Nouns of action and their verbs meet: desalination and desalinate are both "desalin".
        if (word.EndsWith("ation", StringComparison.Ordinal) && word.Length >= 9)
        {
            return word[..^5];
        }

        if (word.EndsWith("ate", StringComparison.Ordinal) && word.Length >= 8)
        {
            return word[..^3];
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            return Undouble(word[..^3]);
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            return Undouble(word.EndsWith("eed", StringComparison.Ordinal) ? word[..^1] : word[..^2]);
        }

        return word;
    }

    private static string Undouble(string stem) =>
        stem.Length > 2 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z') ? stem[..^1] : stem;
}
