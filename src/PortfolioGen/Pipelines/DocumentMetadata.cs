using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PortfolioGen.Pipelines;

/// <summary>
/// A document's metadata: a few entries (a paper's page has seven) kept in one small array, in the order they were
/// first set. Immutable; each change copies the array, which for so few entries costs less than a hash tree's nodes
/// and leaves one object per document instead of a dozen (a 10,000-paper build has 52,000 documents). Keys are the
/// pipelines' constants, so a lookup compares references first.
/// </summary>
public sealed class DocumentMetadata : IReadOnlyDictionary<string, object>
{
    private readonly KeyValuePair<string, object>[] _entries;

    private DocumentMetadata(KeyValuePair<string, object>[] entries) => _entries = entries;

    /// <summary>No metadata.</summary>
    public static DocumentMetadata Empty { get; } = new([]);

    /// <summary>Metadata from pairs; a key given twice keeps its last value.</summary>
    public static DocumentMetadata From(IEnumerable<KeyValuePair<string, object>> pairs) => Empty.SetItems(pairs);

    /// <inheritdoc />
    public int Count => _entries.Length;

    /// <inheritdoc />
    public object this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no metadata '{key}'");

    /// <inheritdoc />
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    /// <inheritdoc />
    public IEnumerable<object> Values => _entries.Select(e => e.Value);

    private int IndexOf(string key) => Find(_entries, _entries.Length, key);

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }
        value = _entries[i].Value;
        return true;
    }

    /// <summary>A copy with one value set (or replaced).</summary>
    public DocumentMetadata SetItem(string key, object value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var i = IndexOf(key);
        if (i >= 0)
        {
            if (ReferenceEquals(_entries[i].Value, value)) return this;
            var copy = (KeyValuePair<string, object>[])_entries.Clone();
            copy[i] = new(_entries[i].Key, value);
            return new(copy);
        }
        var added = new KeyValuePair<string, object>[_entries.Length + 1];
        _entries.CopyTo(added, 0);
        added[^1] = new(key, value);
        return new(added);
    }

    /// <summary>A copy with several values set (or replaced), in one copy.</summary>
    public DocumentMetadata SetItems(IEnumerable<KeyValuePair<string, object>> values)
    {
        // Most calls pass an array or an ImmutableArray (a cached chain's additions, a new document's metadata).
        var count = values.TryGetNonEnumeratedCount(out var n) ? n : 8;
        if (count == 0) return this;
        var entries = new KeyValuePair<string, object>[_entries.Length + count];
        _entries.CopyTo(entries, 0);
        var length = _entries.Length;
        foreach (var (key, value) in values)
        {
            ArgumentNullException.ThrowIfNull(key);
            var i = Find(entries, length, key);
            if (i >= 0)
            {
                entries[i] = new(entries[i].Key, value);
                continue;
            }
            if (length == entries.Length) Array.Resize(ref entries, length * 2);
            entries[length++] = new(key, value);
        }
        if (length < entries.Length) Array.Resize(ref entries, length);
        return new(entries);
    }

    /// <summary>A copy with several values set (or replaced), in one copy, without an enumerator.</summary>
    public DocumentMetadata SetItems(ReadOnlySpan<KeyValuePair<string, object>> values)
    {
        if (values.IsEmpty) return this;
        var entries = new KeyValuePair<string, object>[_entries.Length + values.Length];
        _entries.CopyTo(entries, 0);
        var length = _entries.Length;
        foreach (var (key, value) in values)
        {
            ArgumentNullException.ThrowIfNull(key);
            var i = Find(entries, length, key);
            if (i >= 0) entries[i] = new(entries[i].Key, value);
            else entries[length++] = new(key, value);
        }
        if (length < entries.Length) Array.Resize(ref entries, length);
        return new(entries);
    }

    private static int Find(KeyValuePair<string, object>[] entries, int length, string key)
    {
        for (var i = 0; i < length; i++)
        {
            // string.Equals compares the references first: keys are the pipelines' constants.
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    /// <summary>A copy without <paramref name="key"/>.</summary>
    public DocumentMetadata Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0) return this;
        var copy = new KeyValuePair<string, object>[_entries.Length - 1];
        Array.Copy(_entries, 0, copy, 0, i);
        Array.Copy(_entries, i + 1, copy, i, _entries.Length - i - 1);
        return new(copy);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
