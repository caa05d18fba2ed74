using Scriban.Runtime;

namespace PortfolioGen.Themes;

/// <summary>
/// What a page is rendered into: a buffer, pushed on the Scriban context for one render and then kept (see
/// <see cref="PageOutputs"/>) for the next. A page of megabytes (the home page at 10,000 papers is 6 million
/// characters, made again after every title edit in <c>serve</c>) is so written into memory the last render already
/// used, instead of a builder's fresh chunks, the body's string, and the copy of both the layout makes. Fresh memory is
/// what such a page costs: on a small machine each new 4 KB page of it faults in at ~14 µs.
/// </summary>
/// <remarks>
/// The page's own layout is rendered first; <see cref="EndBody"/> marks where it ends and gives the
/// <c>content</c> the base layout prints. The base layout is rendered after it into the same buffer; where it
/// prints <c>content</c>, the context only notes the place (<see cref="TryPlaceBody"/>), and <see cref="Page"/>
/// puts the page together from the two parts, in its one string. A layout that does anything else with
/// <c>content</c> (a filter, a capture, an indented include) reads it as text (<see cref="Body"/>), as before.
/// </remarks>
internal sealed class PageOutput : IScriptOutput
{
    // Large enough for most pages (a paper's is ~20,000 characters), small enough to keep dozens of.
    private const int InitialCapacity = 1 << 15;

    private char[] _chars = new char[InitialCapacity];
    private readonly List<int> _places = [];
    private int _bodyLength = -1;
    private int _render;

    /// <summary>How many characters are written.</summary>
    public int Length { get; private set; }

    /// <summary>How many characters the buffer holds before it grows.</summary>
    public int Capacity => _chars.Length;

    /// <inheritdoc />
    public void Write(string text, int offset, int count)
    {
        if (count <= 0) return;
        if (Length + count > _chars.Length) Grow(Length + count);
        text.CopyTo(offset, _chars, Length, count);
        Length += count;
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return default;
    }

    private void Grow(int needed)
    {
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_chars.Length * 2));
        var grown = new char[capacity];
        _chars.AsSpan(0, Length).CopyTo(grown);
        _chars = grown;
    }

    /// <summary>
    /// Nothing: <see cref="Scriban.Template.Render(Scriban.TemplateContext)"/> asks its output for a string, which the
    /// renderer does not use; the page is taken with <see cref="Page"/>.
    /// </summary>
    public override string ToString() => string.Empty;

    /// <summary>The page's own layout is rendered: what is written so far is its body, which the base layout prints as <c>content</c>.</summary>
    public RawHtml EndBody()
    {
        _bodyLength = Length;
        return RawHtml.Deferred(this, _render);
    }

    /// <summary>
    /// Where the base layout prints <paramref name="content"/> (this render's body, not yet read as text), notes the
    /// place instead of copying the body, and gives its last character, which the context writes as any text (so that
    /// Scriban's own state, whether the output ends a line, stays as if the whole body had been written).
    /// </summary>
    public bool TryPlaceBody(RawHtml content, out string? last)
    {
        last = null;
        if (!content.IsBodyOf(this, _render)) return false;
        if (_bodyLength == 0) return true;
        _places.Add(Length);
        last = _chars[_bodyLength - 1].ToString();
        return true;
    }

    /// <summary>The body as text, for a layout that reads <c>content</c> (only during the render it belongs to).</summary>
    public string Body(int render)
        => render == _render && _bodyLength >= 0
            ? new string(_chars, 0, _bodyLength)
            : throw new InvalidOperationException("a page's content is read only while its base layout renders");

    /// <summary>How long <see cref="Page"/> is.</summary>
    public long PageLength => _bodyLength < 0 ? Length : Length - _bodyLength + (long)_places.Count * Math.Max(_bodyLength - 1, 0);

    /// <summary>
    /// The page: the body alone when there was no base layout, else the base layout with the body (but its last
    /// character, which the layout wrote itself) at each place it printed <c>content</c>.
    /// </summary>
    public string Page()
    {
        if (_bodyLength < 0) return new string(_chars, 0, Length);
        return string.Create(checked((int)PageLength), this, static (page, o) =>
        {
            var body = o._chars.AsSpan(0, Math.Max(o._bodyLength - 1, 0));
            var from = o._bodyLength;
            foreach (var place in o._places)
            {
                o._chars.AsSpan(from, place - from).CopyTo(page);
                page = page[(place - from)..];
                body.CopyTo(page);
                page = page[body.Length..];
                from = place;
            }
            o._chars.AsSpan(from, o.Length - from).CopyTo(page);
        });
    }

    /// <summary>Empties the output for the next render; a <c>content</c> of this one no longer reads.</summary>
    public void Clear()
    {
        Length = 0;
        _bodyLength = -1;
        _places.Clear();
        _render++;
    }
}

/// <summary>
/// The outputs pages are rendered into, kept for the next pages: by a build's renderer, or for a <c>serve</c> session,
/// where each rebuild renders the large pages again (the home page, a topic's, after a title edit) into the outputs
/// the last rebuild left grown to their size.
/// </summary>
public sealed class PageOutputs
{
    // Pages longer than this are remembered with their length, to be given an output that holds them.
    private const int LargePage = 1 << 16;
    // Outputs that grew past this are kept, a few; the others go, with their memory.
    private const int LargeOutput = 1 << 20;
    private const int LargeKept = 4;
    private const int SmallKept = 64;

    private readonly List<PageOutput> _free = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _largePages = new(StringComparer.Ordinal);

    /// <summary>How many outputs are kept, and how many characters they hold in all.</summary>
    public (int Count, long Capacity) Kept
    {
        get
        {
            lock (_free) return (_free.Count, _free.Sum(o => (long)o.Capacity));
        }
    }

    /// <summary>
    /// An output for <paramref name="page"/>: the smallest kept one that holds the page as it was last time (for a page
    /// of unknown size, the smallest of all, leaving large outputs to large pages), else the largest, else a new one.
    /// </summary>
    internal PageOutput Rent(string page)
    {
        var wanted = _largePages.TryGetValue(page, out var last) ? last : 0;
        lock (_free)
        {
            var best = -1;
            for (var i = 0; i < _free.Count; i++)
            {
                if (best < 0 || Better(_free[i].Capacity, _free[best].Capacity, wanted)) best = i;
            }
            if (best >= 0)
            {
                var output = _free[best];
                _free.RemoveAt(best);
                return output;
            }
        }
        return new PageOutput();
    }

    private static bool Better(int capacity, int best, int wanted)
        => (capacity >= wanted) != (best >= wanted) ? capacity >= wanted
            : capacity >= wanted ? capacity < best : capacity > best;

    /// <summary>
    /// Takes back an output <paramref name="page"/> was rendered into (<paramref name="length"/> characters; null when
    /// the render failed). A large output a failed render grew (a page past the output limit) is not kept.
    /// </summary>
    internal void Return(PageOutput output, string page, int? length)
    {
        output.Clear();
        var large = output.Capacity > LargeOutput;
        if (length is not { } rendered)
        {
            if (large) return;
        }
        else if (rendered > LargePage) _largePages[page] = rendered;
        else _largePages.TryRemove(page, out _);
        lock (_free)
        {
            if (_free.Count(o => o.Capacity > LargeOutput == large) < (large ? LargeKept : SmallKept)) _free.Add(output);
        }
    }
}
