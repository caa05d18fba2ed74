using System.Text;

namespace PortfolioGen.Text;

/// <summary>
/// One reusable <see cref="StringBuilder"/> per thread, for code that builds a string and returns it (as .NET's
/// own internal StringBuilderCache, with room for a page rather than a short string). A builder made afresh for
/// each abstract, BibTeX entry or Markdown page grows from 16 characters through a chain of chunks; a reused one
/// has the room already, so building a string allocates only the string. Use as
/// <c>var sb = StringBuilderCache.Acquire(); …; return StringBuilderCache.GetStringAndRelease(sb);</c>; a
/// nested Acquire on the same thread gets a new builder.
/// </summary>
public static class StringBuilderCache
{
    // Larger builders are not kept: one very large string (a 10,000-paper home page) must not pin its buffer.
    private const int MaxKept = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    /// <summary>An empty builder: this thread's, unless it is in use.</summary>
    public static StringBuilder Acquire(int capacity = 256)
    {
        var sb = t_cached;
        if (sb is not null && capacity <= sb.Capacity)
        {
            t_cached = null;
            sb.Clear();
            return sb;
        }
        return new StringBuilder(Math.Max(capacity, 256));
    }

    /// <summary>Gives a builder back for reuse on this thread.</summary>
    public static void Release(StringBuilder sb)
    {
        if (sb.Capacity <= MaxKept) t_cached = sb;
    }

    /// <summary>The builder's text; the builder is given back.</summary>
    public static string GetStringAndRelease(StringBuilder sb)
    {
        var text = sb.ToString();
        Release(sb);
        return text;
    }
}
