using System.Runtime;

namespace PortfolioGen.Serving;

/// <summary>
/// Keeps the garbage collector out of a serve rebuild. A rebuild of a big site allocates for a moment and keeps
/// little, but the CLI's small young generation (it keeps a full build's peak memory down) made a 10,000-paper
/// rebuild stop for ~25 young-generation collections, each scanning a heap of several hundred megabytes: a third
/// of the rebuild's time. So once a build is written and the session has collected, it opens a no-GC region as large
/// as the last build allocated, and the next rebuild allocates into it without stopping; the session collects
/// once again after that rebuild, while nobody waits. The region is process-wide: one session at a time holds it,
/// and one whose budget ran out (the region then ends with a collection, as any other) just rebuilds as usual.
/// </summary>
public static class CollectionWindow
{
    private static readonly Lock Gate = new();
    private static bool _open;

    /// <summary>The budget for a build that allocated this much: a quarter more, and never more than half the memory the process may still take.</summary>
    public static long BudgetFor(long allocated)
    {
        var info = GC.GetGCMemoryInfo();
        var room = (info.TotalAvailableMemoryBytes - info.HeapSizeBytes) / 2;
        return Math.Min(Wanted(allocated), room);
    }

    // What the next rebuild is given to allocate in, after one that allocated this much: a quarter more, and 32 MB.
    private static long Wanted(long allocated) => allocated + allocated / 4 + (32L << 20);

    /// <summary>
    /// How much memory beyond its heap the process may keep for a rebuild after one that allocated this much: twice the
    /// next one's budget, and never more than a quarter of the memory the process may still take (where the budget is
    /// capped by the room left, twice it would be all of that room, and nothing would ever be given back).
    /// </summary>
    public static long KeepFor(long allocated)
    {
        var info = GC.GetGCMemoryInfo();
        return KeepFor(allocated, info.TotalAvailableMemoryBytes, info.HeapSizeBytes);
    }

    /// <summary><see cref="KeepFor(long)"/> for a process that may take <paramref name="available"/> bytes and has a heap of <paramref name="heap"/>.</summary>
    public static long KeepFor(long allocated, long available, long heap)
        => Math.Max(0, Math.Min(2 * Wanted(allocated), (available - heap) / 4));

    /// <summary>Whether a collection that left the heap at <paramref name="heap"/> bytes with <paramref name="committed"/> committed should give memory back: it keeps more than <paramref name="keep"/> beyond the heap.</summary>
    public static bool GiveBack(long committed, long heap, long keep) => committed - heap > keep;

    /// <summary>
    /// Opens a no-GC region of <paramref name="bytes"/> (starting one is itself a full collection); false when the
    /// runtime refuses that size, another region is open, or the budget is too small to matter.
    /// </summary>
    public static bool Open(long bytes)
    {
        lock (Gate)
        {
            if (_open || bytes < 16L << 20 || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return false;
            try
            {
                _open = GC.TryStartNoGCRegion(bytes);
            }
            catch (ArgumentOutOfRangeException)
            {
                // More than the runtime allows a region: rebuilds collect as usual.
            }
            catch (InvalidOperationException)
            {
                // Someone else's region.
            }
            return _open;
        }
    }

    /// <summary>Whether this class's region is open (it may have ended since, with a collection, when its budget ran out).</summary>
    public static bool IsOpen
    {
        get
        {
            lock (Gate) return _open && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
        }
    }

    /// <summary>Ends the region, if it is still open.</summary>
    public static void Close()
    {
        lock (Gate)
        {
            if (!_open) return;
            _open = false;
            if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile (a collection was induced, or the budget ran out).
            }
        }
    }
}
