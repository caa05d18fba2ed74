using System.Collections;
using PortfolioGen.Profiles;

namespace PortfolioGen.Site;

/// <summary>
/// The inputs a cached output was made from (see <see cref="Pipelines.CacheDocuments"/>), compared by content: two
/// keys are equal when every part is. Papers, their views and co-authors are compared field by field, their lists
/// item by item (records holding arrays would otherwise compare the arrays by reference, and a rebuild parses every
/// paper anew). Where the comparison cannot tell, the parts differ: a needless render, never a stale page.
/// </summary>
public sealed class InputKey(params object?[] parts) : IEquatable<InputKey>
{
    private readonly object?[] _parts = parts;

    /// <inheritdoc />
    public bool Equals(InputKey? other)
    {
        if (other is null || other._parts.Length != _parts.Length) return false;
        for (var i = 0; i < _parts.Length; i++)
        {
            if (!Same(_parts[i], other._parts[i])) return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as InputKey);

    /// <inheritdoc />
    public override int GetHashCode() => _parts.Length;

    /// <summary>Whether two inputs have the same content.</summary>
    public static bool Same(object? a, object? b) => ReferenceEquals(a, b) || (a, b) switch
    {
        (null, _) or (_, null) => false,
        (PaperView x, PaperView y) => x.Featured == y.Featured && Same(x.Paper, y.Paper) && Same(x.Additions, y.Additions)
            && x.Authors.SequenceEqual(y.Authors) && x.Links.SequenceEqual(y.Links),
        // The entry's line is left out: it only places messages, and a paper added above would move every line.
        (Paper x, Paper y) => x.Slug == y.Slug && x.Title == y.Title && x.Category == y.Category && x.Date == y.Date && x.HasCode == y.HasCode
            && x.Authors.SequenceEqual(y.Authors) && x.AuthorsTruncated == y.AuthorsTruncated && x.Organization == y.Organization
            && x.Abstract == y.Abstract && x.TitleMarkup == y.TitleMarkup,
        (PaperAdditions x, PaperAdditions y) => x.Source == y.Source && x.ArxivId == y.ArxivId && x.Doi == y.Doi && x.Venue == y.Venue && x.Journal == y.Journal
            && x.Featured == y.Featured && x.Notes == y.Notes && x.NotesFirstLine == y.NotesFirstLine
            && x.Links.SequenceEqual(y.Links) && x.Tags.SequenceEqual(y.Tags),
        (CoAuthor x, CoAuthor y) => x.Name == y.Name && x.Slug == y.Slug && x.Key == y.Key && x.FirstYear == y.FirstYear
            && x.LastYear == y.LastYear && x.Papers.SequenceEqual(y.Papers),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        // Fingerprints and names, the parts of every co-author's and topic's key: compared without boxing each item.
        (UInt128[] x, UInt128[] y) => x.AsSpan().SequenceEqual(y),
        (string?[] x, string?[] y) => x.AsSpan().SequenceEqual(y, StringComparer.Ordinal),
        (IEnumerable x, IEnumerable y) => SameItems(x, y),
        _ => a.GetType() == b.GetType() && a.Equals(b),
    };

    private static bool SameItems(IEnumerable x, IEnumerable y)
    {
        var a = x.GetEnumerator();
        var b = y.GetEnumerator();
        while (true)
        {
            var more = a.MoveNext();
            if (more != b.MoveNext()) return false;
            if (!more) return true;
            if (!Same(a.Current, b.Current)) return false;
        }
    }
}

/// <summary>
/// Values a <c>serve</c> session works out once and keeps while their inputs stay the same (the collaboration graph's
/// layout): one value per name, kept with the <see cref="InputKey"/> it was made from.
/// </summary>
public sealed class SessionMemo
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (InputKey Key, object Value)> _values = new(StringComparer.Ordinal);

    /// <summary>The value last made under <paramref name="name"/> when its key equals <paramref name="key"/>; else made now and kept.</summary>
    public T GetOrAdd<T>(string name, InputKey key, Func<T> make) where T : class
    {
        if (_values.TryGetValue(name, out var known) && known.Value is T value && known.Key.Equals(key)) return value;
        var made = make();
        _values[name] = (key, made);
        return made;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _last = new(StringComparer.Ordinal);

    /// <summary>The value last kept under <paramref name="name"/> (see <see cref="Keep"/>), whatever it was made from: for
    /// values their users check against what they have now.</summary>
    public T? Last<T>(string name) where T : class => _last.TryGetValue(name, out var value) ? value as T : null;

    /// <summary>Keeps a value for the next build's <see cref="Last{T}"/>.</summary>
    public void Keep(string name, object value) => _last[name] = value;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Runtime.CompilerServices.ConditionalWeakTable<object, Tagged>> _byOwner
        = new(StringComparer.Ordinal);

    private sealed record Tagged(string Environment, object Value);

    /// <summary>
    /// The value last made under <paramref name="name"/> for this very object (compared by reference; see
    /// <see cref="PaperViewMemo"/>) in the same <paramref name="environment"/>; else made now and kept for as long as
    /// the object lives.
    /// </summary>
    public T For<T>(string name, object owner, string environment, Func<T> make) where T : class
    {
        var table = _byOwner.GetOrAdd(name, _ => new());
        if (table.TryGetValue(owner, out var known) && known.Environment == environment && known.Value is T value) return value;
        var made = make();
        table.AddOrUpdate(owner, new Tagged(environment, made));
        return made;
    }
}
