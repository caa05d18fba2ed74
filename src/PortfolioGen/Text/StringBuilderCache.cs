using System.Text;

namespace PortfolioGen.Text;

/// <summary>
/// One reusable <see cref="StringBuilder"/> per thread, for code that builds a string and returns it (as .NET's
/// own internal StringBuilderCache, with room for a page rather than a short string). A builder made afresh for
/// each abstract, BibTeX entry or Markdown page grows from 16 characters through a chain of chunks; a reused one
/// has the room already, so building a string allocates only the string. Use as
/// <c>var sb = StringBuilderCache.Acquire(); …; return StringBuilderCache.GetStringAndRelease(sb);</c>; a
/// nested Acquire on the same thread gets another builder.
/// </summary>
public static class StringBuilderCache
{
    // Larger builders are not kept: one very large string (a 10,000-paper home page) must not pin its buffer.
    private const int MaxKept = 64 * 1024;

    // A few per thread, because uses nest: an abstract's HTML is built while LaTeX parses each paragraph's text.
    private const int Kept = 4;

    [ThreadStatic]
    private static StringBuilder?[]? t_cached;

    /// <summary>An empty builder: one this thread gave back, else a new one.</summary>
    public static StringBuilder Acquire(int capacity = 256)
    {
        var cached = t_cached;
        if (cached is not null)
        {
            // The smallest that is large enough: a short use must not take the builder a page-sized one needs.
            var best = -1;
            for (var i = 0; i < cached.Length; i++)
            {
                if (cached[i] is { } sb && capacity <= sb.Capacity && (best < 0 || sb.Capacity < cached[best]!.Capacity)) best = i;
            }
            if (best >= 0)
            {
                var sb = cached[best]!;
                cached[best] = null;
                sb.Clear();
                return sb;
            }
        }
        return new StringBuilder(Math.Max(capacity, 256));
    }

    /// <summary>Gives a builder back for reuse on this thread.</summary>
    public static void Release(StringBuilder sb)
    {
        if (sb.Capacity > MaxKept) return;
        var cached = t_cached ??= new StringBuilder?[Kept];
        // A free slot, else the place of the smallest kept builder if this one is larger.
        var slot = -1;
        for (var i = 0; i < cached.Length; i++)
        {
            if (cached[i] is null)
            {
                slot = i;
                break;
            }
            if (cached[i]!.Capacity < sb.Capacity && (slot < 0 || cached[i]!.Capacity < cached[slot]!.Capacity)) slot = i;
        }
        if (slot >= 0) cached[slot] = sb;
    }

    /// <summary>The builder's text; the builder is given back.</summary>
    public static string GetStringAndRelease(StringBuilder sb)
    {
        var text = sb.ToString();
        Release(sb);
        return text;
    }

    /// <summary>
    /// The builder's text as UTF-8 bytes; the builder is given back. A builder from the cache is one chunk (emptying
    /// a builder joins its chunks), encoded in place; a builder of several chunks is encoded from its string, as a
    /// character pair split between two chunks must be.
    /// </summary>
    public static byte[] GetUtf8AndRelease(StringBuilder sb)
    {
        byte[] bytes;
        var chunks = sb.GetChunks();
        if (chunks.MoveNext() && chunks.Current.Length == sb.Length)
        {
            var text = chunks.Current.Span;
            bytes = new byte[Encoding.UTF8.GetByteCount(text)];
            Encoding.UTF8.GetBytes(text, bytes);
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(sb.ToString());
        }
        Release(sb);
        return bytes;
    }
}
