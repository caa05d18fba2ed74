using System.Collections.Immutable;
using System.Text;

namespace PortfolioGen.Pipelines;

/// <summary>
/// What flows through pipelines: a destination path in the output, metadata, and content. Immutable;
/// modules make changed copies with the <c>With…</c> methods, so documents can be shared between
/// pipelines running in parallel.
/// </summary>
public sealed class Document
{
    private Document(string destination, DocumentMetadata metadata, DocumentContent content, string? source)
    {
        Destination = destination;
        Metadata = metadata;
        Content = content;
        Source = source;
    }

    /// <summary>Creates a document.</summary>
    /// <param name="destination">Where it goes in the output, with '/' separators (e.g. <c>papers/x/index.html</c>); may be empty for intermediate documents.</param>
    /// <param name="content">The content.</param>
    /// <param name="source">The input file it came from, as shown in messages; null for generated documents.</param>
    /// <param name="metadata">Initial metadata.</param>
    public static Document Create(string destination, DocumentContent content, string? source = null, IEnumerable<KeyValuePair<string, object>>? metadata = null)
        => new(destination, metadata is null ? DocumentMetadata.Empty : DocumentMetadata.From(metadata), content, source);

    /// <summary>
    /// Creates a document from metadata written in place (<c>[new(Keys.Paper, p), …]</c>): the pairs are read from the
    /// stack, with no list nor enumerator for each of the 50,000 documents a 10,000-paper build makes per rebuild.
    /// </summary>
    public static Document Create(string destination, DocumentContent content, string? source, ReadOnlySpan<KeyValuePair<string, object>> metadata)
        => new(destination, DocumentMetadata.Empty.SetItems(metadata), content, source);

    /// <summary>Where the document is written, relative to the output folder, with '/' separators.</summary>
    public string Destination { get; }

    /// <summary>Metadata; keys are the constants of the pipelines that set them.</summary>
    public DocumentMetadata Metadata { get; }

    /// <summary>The content.</summary>
    public DocumentContent Content { get; }

    /// <summary>The input this document was read from (shown in messages), if any.</summary>
    public string? Source { get; }

    /// <summary>A copy with other content.</summary>
    public Document WithContent(DocumentContent content) => new(Destination, Metadata, content, Source);

    /// <summary>A copy with text content.</summary>
    public Document WithContent(string text) => WithContent(new TextContent(text));

    /// <summary>A copy with another destination.</summary>
    public Document WithDestination(string destination) => new(destination, Metadata, Content, Source);

    /// <summary>A copy with one metadata value set (or replaced).</summary>
    public Document With(string key, object value)
    {
        var metadata = Metadata.SetItem(key, value);
        return ReferenceEquals(metadata, Metadata) ? this : new(Destination, metadata, Content, Source);
    }

    /// <summary>A copy with several metadata values set.</summary>
    public Document With(IEnumerable<KeyValuePair<string, object>> values) => new(Destination, Metadata.SetItems(values), Content, Source);

    /// <summary>A copy with several metadata values set, written in place (<c>[new(Keys.PaperView, v), …]</c>): read from the stack.</summary>
    public Document With(ReadOnlySpan<KeyValuePair<string, object>> values) => new(Destination, Metadata.SetItems(values), Content, Source);

    /// <summary>A copy with several values set (or replaced) and other content, in one copy.</summary>
    public Document With(ImmutableArray<KeyValuePair<string, object>> values, DocumentContent content) => new(Destination, Metadata.SetItems(values.AsSpan()), content, Source);

    /// <summary>A copy without the metadata <paramref name="key"/> (so what it held can go).</summary>
    public Document Without(string key) => Metadata.ContainsKey(key) ? new(Destination, Metadata.Remove(key), Content, Source) : this;

    /// <summary>A metadata value, or the default when absent.</summary>
    public T? Get<T>(string key) => Metadata.TryGetValue(key, out var value) && value is T t ? t : default;

    /// <summary>A metadata value that must be present.</summary>
    public T GetRequired<T>(string key)
        => Metadata.TryGetValue(key, out var value) && value is T t
            ? t
            : throw new InvalidOperationException($"the document '{Destination}' has no metadata '{key}' of type {typeof(T).Name}");

    /// <summary>Whether a metadata key is present.</summary>
    public bool Has(string key) => Metadata.ContainsKey(key);

    /// <summary>How the document is named in messages: its source file, else its destination.</summary>
    public string DisplayName => Source ?? Destination;

    /// <inheritdoc />
    public override string ToString() => DisplayName;
}

/// <summary>A document's content: text, bytes, or a file to copy.</summary>
public abstract class DocumentContent
{
    /// <summary>The content as bytes (UTF-8 for text).</summary>
    public abstract ReadOnlyMemory<byte> GetBytes();

    /// <summary>The content as text (UTF-8 decoded for bytes).</summary>
    public abstract string GetText();

    /// <summary>No content.</summary>
    public static DocumentContent Empty { get; } = new TextContent("");
}

/// <summary>Text content; encoded as UTF-8 without a BOM when written.</summary>
public sealed class TextContent(string text) : DocumentContent
{
    /// <summary>The text.</summary>
    public string Text { get; } = text;

    /// <inheritdoc />
    public override ReadOnlyMemory<byte> GetBytes() => Encoding.UTF8.GetBytes(Text);

    /// <inheritdoc />
    public override string GetText() => Text;
}

/// <summary>Binary content held in memory.</summary>
public sealed class BytesContent(ReadOnlyMemory<byte> bytes) : DocumentContent
{
    /// <inheritdoc />
    public override ReadOnlyMemory<byte> GetBytes() => bytes;

    /// <inheritdoc />
    public override string GetText() => Encoding.UTF8.GetString(bytes.Span);
}

/// <summary>Content that stays in a file until it is needed (assets, static files).</summary>
public sealed class FileContent(string path) : DocumentContent
{
    private byte[]? _bytes;

    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public override ReadOnlyMemory<byte> GetBytes() => _bytes ??= File.ReadAllBytes(Path);

    /// <inheritdoc />
    public override string GetText() => Encoding.UTF8.GetString(GetBytes().Span);
}

/// <summary>
/// Content already written to the output's staging folder (or unchanged in the site): the document keeps
/// only where it is and its hash, so a build of 10,000 pages does not hold them all in memory.
/// </summary>
public sealed class StagedContent(Output.StagedFile file) : DocumentContent
{
    /// <summary>The staged file.</summary>
    public Output.StagedFile File { get; } = file;

    /// <inheritdoc />
    public override ReadOnlyMemory<byte> GetBytes() => System.IO.File.ReadAllBytes(File.StagedPath is { } s && System.IO.File.Exists(s) ? s : File.FinalPath);

    /// <inheritdoc />
    public override string GetText() => Encoding.UTF8.GetString(GetBytes().Span);
}
