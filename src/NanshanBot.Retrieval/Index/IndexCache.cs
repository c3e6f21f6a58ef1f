using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using NanshanBot.Knowledge.Loading;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Retrieval.Index;

/// <summary>
/// The analysed articles of an index kept in one file, so that a start with unchanged knowledge reads them
/// instead of analysing tens of megabytes of text again. Each article is stored with its file's content hash, so
/// only the ones whose files are unchanged are taken; the whole file is taken only if it was written by this very
/// program (the build of the analysing code) under the same rules (terms, word lists, facts), and ends with the
/// SHA-256 of everything before it. Anything else (another version, a cut or altered file) is ignored, never
/// trusted: the start analyses as if there were no cache, and writes a new one.
/// </summary>
public static class IndexCache
{
    private const string Magic = "NanshanBot index cache";
    private const int Format = 10;
    private const int HashLength = 32;

    /// <summary>The build of the code that reads articles and analyses them: a cache from any other is stale.</summary>
    public static string ProgramVersion { get; } = string.Join('/',
        typeof(IndexCache).Assembly.ManifestModule.ModuleVersionId, typeof(KnowledgeLoader).Assembly.ManifestModule.ModuleVersionId);

    /// <summary>Writes the articles of <paramref name="index"/> to <paramref name="path"/> (through a temporary
    /// file and a rename, so that a reader never sees half of it).</summary>
    public static void Write(string path, KnowledgeIndex index)
    {
        if (!BitConverter.IsLittleEndian)
        {
            return;
        }

        var seed = index.Seed();
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                {
                    WriteBody(writer, seed, index.ArticleWords);
                }

                stream.Position = 0;
                var hash = SHA256.HashData(stream);
                stream.Write(hash);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The seed stored at <paramref name="path"/>, or why there is none to take (no file, another
    /// program version, other rules, a damaged file).</summary>
    public static (IndexSeed? Seed, string? Problem) Read(string path, string rulesVersion)
    {
        if (!File.Exists(path))
        {
            return (null, "no index cache yet");
        }

        if (!BitConverter.IsLittleEndian)
        {
            return (null, "the index cache is kept on little-endian machines only");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            if (stream.Length < HashLength || !HashMatches(stream))
            {
                return (null, "the index cache is damaged (its checksum does not match)");
            }

            stream.Position = 0;
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != Format || reader.ReadString() != ProgramVersion)
            {
                return (null, "the index cache was written by another version of the program");
            }

            if (reader.ReadString() != rulesVersion)
            {
                return (null, "the index cache was written for other terms, word lists or facts");
            }

            return (ReadBody(reader, rulesVersion), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException
            or ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException or DecoderFallbackException)
        {
            return (null, $"the index cache could not be read ({e.GetType().Name}: {e.Message})");
        }
    }

    private static bool HashMatches(FileStream stream)
    {
        var expected = new byte[HashLength];
        stream.Position = stream.Length - HashLength;
        stream.ReadExactly(expected);
        stream.Position = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (var left = stream.Length - HashLength; left > 0;)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                return false;
            }

            sha.AppendData(buffer, 0, read);
            left -= read;
        }

        return CryptographicOperations.FixedTimeEquals(expected, sha.GetHashAndReset());
    }

    private static void WriteBody(BinaryWriter writer, IndexSeed seed, IReadOnlyList<string> articleWords)
    {
        writer.Write(Magic);
        writer.Write(Format);
        writer.Write(ProgramVersion);
        writer.Write(seed.RulesVersion);
        var vocabulary = seed.Vocabulary;
        var keys = vocabulary.Count;
        writer.Write(keys);
        for (var id = 0; id < keys; id++)
        {
            writer.Write(vocabulary[id]);
            var senses = vocabulary.SensesOf(id);
            writer.Write(senses.Length);
            writer.Write(MemoryMarshal.AsBytes(senses));
        }

        writer.Write(seed.TextBigrams.Count);
        foreach (var bigram in seed.TextBigrams)
        {
            writer.Write(bigram);
        }

        writer.Write(articleWords.Count);
        foreach (var word in articleWords)
        {
            writer.Write(word);
        }

        // The few distinct sets of value kinds and of other places, once each; a document names its sets by number.
        var files = seed.Files().ToList();
        var kinds = new Dictionary<IReadOnlySet<char>, int>(ReferenceEqualityComparer.Instance);
        var places = new Dictionary<IReadOnlySet<string>, int>(ReferenceEqualityComparer.Instance);
        foreach (var document in files.SelectMany(f => f.Documents))
        {
            kinds.TryAdd(document.ValueKinds, kinds.Count);
            places.TryAdd(document.OtherPlaces, places.Count);
            places.TryAdd(document.ContextPlaces, places.Count);
        }

        writer.Write(kinds.Count);
        foreach (var set in kinds.Keys)
        {
            writer.Write(new string([.. set.Order()]));
        }

        writer.Write(places.Count);
        foreach (var set in places.Keys)
        {
            writer.Write(string.Join('\n', set.Order(StringComparer.Ordinal)));
        }

        writer.Write(seed.DocumentCount);
        writer.Write(files.Count);
        foreach (var (path, file, documents) in files)
        {
            writer.Write(documents.Offset);
            writer.Write(path);
            writer.Write(file.Hash);
            writer.Write(file.Stamp is not null);
            writer.Write(file.Stamp?.Length ?? 0);
            writer.Write(file.Stamp?.LastWriteTicks ?? 0);
            WriteSource(writer, file.Source!);
            var article = file.Passages[0].Article;
            writer.Write(article.Title);
            writer.Write((byte)article.Language);
            article.Paragraphs.WriteTo(writer);

            // One document per passage, in the passages' order.
            foreach (var document in documents)
            {
                WriteDocument(writer, document.ToStored(), kinds, places);
            }
        }

        // The postings by the documents' numbers above, for the next start to splice (see PostingSplice).
        var postings = seed.Postings ?? [];
        writer.Write(postings.Length);
        foreach (var list in postings)
        {
            writer.Write(list.Count);
            writer.Write(list.Bytes.Length);
            writer.Write(list.Bytes);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static IndexSeed ReadBody(BinaryReader reader, string rulesVersion)
    {
        var keys = Count(reader);
        var keyTexts = new string[keys];
        var senses = new int[keys][];
        for (var id = 0; id < keys; id++)
        {
            keyTexts[id] = reader.ReadString();
            senses[id] = new int[Count(reader)];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(senses[id].AsSpan()));
        }

        var vocabulary = Vocabulary.Restore(keyTexts, senses);

        var bigramCount = Count(reader);
        var bigrams = new HashSet<int>(bigramCount);
        for (var i = bigramCount; i > 0; i--)
        {
            bigrams.Add(reader.ReadInt32());
        }

        var articleWords = new string[Count(reader)];
        for (var i = 0; i < articleWords.Length; i++)
        {
            articleWords[i] = reader.ReadString();
        }

        var kinds = new IReadOnlySet<char>[Count(reader)];
        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = reader.ReadString().ToHashSet();
        }

        var places = new IReadOnlySet<string>[Count(reader)];
        for (var i = 0; i < places.Length; i++)
        {
            places[i] = reader.ReadString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        }

        var traits = new Dictionary<(int, int, int), SharedTraits>();
        var files = new Dictionary<string, ArticleFile>(StringComparer.Ordinal);
        var documents = new Dictionary<Article, ArraySegment<IndexedDocument>>(ReferenceEqualityComparer.Instance);
        // Every article's documents at their numbers in the index that wrote the cache (its facts' places left empty).
        var all = new IndexedDocument[Count(reader)];
        for (var count = Count(reader); count > 0; count--)
        {
            var offset = Count(reader);
            var path = reader.ReadString();
            var hash = reader.ReadString();
            var stamped = reader.ReadBoolean();
            var stamp = new FileStamp(reader.ReadInt64(), reader.ReadInt64());
            var source = ReadSource(reader);
            var title = reader.ReadString();
            var language = (Language)reader.ReadByte();
            var article = new Article(source.Id, title, language, SentenceText.ReadFrom(reader));
            if (offset > all.Length - article.Paragraphs.SentenceCount)
            {
                throw new InvalidDataException($"an article at document {offset} of {all.Length}");
            }

            var indexed = new ArraySegment<IndexedDocument>(all, offset, article.Paragraphs.SentenceCount);
            for (var i = 0; i < indexed.Count; i++)
            {
                indexed[i] = indexed[i] is null ? new IndexedDocument(article, i, source, ReadDocument(reader, kinds, places, traits, vocabulary))
                    : throw new InvalidDataException($"two articles at document {offset + i}");
            }

            files[path] = new ArticleFile(hash, source, article.Passages) { Stamp = stamped ? stamp : null };
            documents[article] = indexed;
        }

        var postings = new PostingList[Count(reader)];
        if (postings.Length != vocabulary.Count)
        {
            throw new InvalidDataException($"postings of {postings.Length} keys for {vocabulary.Count}");
        }

        for (var key = 0; key < postings.Length; key++)
        {
            var count = Count(reader);
            var bytes = reader.ReadBytes(Count(reader));
            postings[key] = count == 0 ? PostingList.Empty : new PostingList(bytes, count);
        }

        if (reader.BaseStream.Position != reader.BaseStream.Length - HashLength)
        {
            throw new InvalidDataException("the index cache has data after its last article");
        }

        return new IndexSeed(rulesVersion, vocabulary, files, documents, bigrams) { Postings = postings, DocumentCount = all.Length, ArticleWords = articleWords };
    }

    private static void WriteSource(BinaryWriter writer, Source source)
    {
        writer.Write(source.Id);
        writer.Write(source.Title);
        WriteOptional(writer, source.TitleEn);
        writer.Write(source.Publisher);
        writer.Write(source.PublisherEn);
        writer.Write(source.Date);
        WriteOptional(writer, source.Url);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Source ReadSource(BinaryReader reader) => new(
        reader.ReadString(), reader.ReadString(), ReadOptional(reader), reader.ReadString(), reader.ReadString(), reader.ReadString(), ReadOptional(reader));

    private static void WriteDocument(BinaryWriter writer, IndexedDocument.Stored document,
        Dictionary<IReadOnlySet<char>, int> kinds, Dictionary<IReadOnlySet<string>, int> places)
    {
        WriteOptional(writer, document.NormalizedText);
        writer.Write(document.Length);
        writer.Write(kinds[document.Traits.ValueKinds]);
        writer.Write(document.ListsValues);
        writer.Write(document.RelativeYear ?? -1);
        writer.Write(places[document.Traits.OtherPlaces]);
        writer.Write(places[document.Traits.ContextPlaces]);
        writer.Write(document.NamesSubject);
        writer.Write(document.Entries.Length);
        writer.Write(MemoryMarshal.AsBytes(document.Entries.AsSpan()));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static IndexedDocument.Stored ReadDocument(BinaryReader reader, IReadOnlySet<char>[] kinds, IReadOnlySet<string>[] places,
        Dictionary<(int, int, int), SharedTraits> traits, Vocabulary vocabulary)
    {
        var text = ReadOptional(reader);
        var length = reader.ReadInt32();
        var kindSet = reader.ReadInt32();
        var listsValues = reader.ReadBoolean();
        var relativeYear = reader.ReadInt32();
        var placeSet = reader.ReadInt32();
        var contextPlaces = reader.ReadInt32();
        if (!traits.TryGetValue((kindSet, placeSet, contextPlaces), out var shared))
        {
            shared = traits[(kindSet, placeSet, contextPlaces)] = new SharedTraits(vocabulary, kinds[kindSet], places[placeSet], places[contextPlaces]);
        }

        var namesSubject = reader.ReadBoolean();
        var entries = new uint[Count(reader)];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(entries.AsSpan()));
        for (var i = 0; i < entries.Length; i++)
        {
            var key = entries[i] >> IndexedDocument.KeyShift;
            if (key >= (uint)vocabulary.Count || (i > 0 && key <= entries[i - 1] >> IndexedDocument.KeyShift))
            {
                throw new InvalidDataException("a document's keys are out of order or unknown");
            }
        }

        return new IndexedDocument.Stored(text, length, shared, listsValues, relativeYear < 0 ? null : relativeYear, namesSubject, entries);
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    /// <summary>A stored count, which must be plausible before anything is allocated for it.</summary>
    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count is >= 0 and <= 1 << 26 ? count : throw new InvalidDataException($"implausible count {count}");
    }
}
