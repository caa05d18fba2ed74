using System.Runtime;
using PortfolioGen.Serving;
using PortfolioGen.Site;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>No-GC regions are process-wide: these tests run alone, after the others.</summary>
[CollectionDefinition(nameof(ProcessWideGc), DisableParallelization = true)]
public sealed class ProcessWideGc;

/// <summary>Serve's rebuilds run in a no-GC region opened once the last build was written and collected.</summary>
[Collection(nameof(ProcessWideGc))]
public class CollectionWindowTests
{
    [Fact]
    public void Inside_the_window_allocation_collects_nothing_and_closing_it_twice_is_harmless()
    {
        Assert.True(CollectionWindow.Open(256L << 20));
        try
        {
            Assert.True(CollectionWindow.IsOpen);
            Assert.False(CollectionWindow.Open(256L << 20)); // one at a time
            var gen0 = GC.CollectionCount(0);
            var keep = new List<byte[]>();
            for (var i = 0; i < 64; i++) keep.Add(new byte[1 << 20]);
            for (var i = 0; i < 200_000; i++) _ = new object[4];
            Assert.Equal(gen0, GC.CollectionCount(0));
            GC.KeepAlive(keep);
        }
        finally
        {
            CollectionWindow.Close();
        }
        Assert.False(CollectionWindow.IsOpen);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        CollectionWindow.Close();
    }

    [Fact]
    public void A_window_ended_by_a_collection_closes_quietly_and_a_tiny_budget_opens_none()
    {
        Assert.False(CollectionWindow.Open(1 << 20));
        Assert.True(CollectionWindow.Open(64L << 20));
        GC.Collect();
        Assert.False(CollectionWindow.IsOpen);
        CollectionWindow.Close();
        Assert.True(CollectionWindow.Open(64L << 20));
        CollectionWindow.Close();
    }

    [Fact]
    public void The_budget_is_what_the_build_allocated_and_a_margin_within_half_the_memory_left()
    {
        Assert.Equal((100L << 20) + (25L << 20) + (32L << 20), CollectionWindow.BudgetFor(100L << 20));
        var info = GC.GetGCMemoryInfo();
        Assert.Equal((info.TotalAvailableMemoryBytes - info.HeapSizeBytes) / 2, CollectionWindow.BudgetFor(long.MaxValue / 2), tolerance: 64L << 20);
    }

    // After a rebuild the session keeps freed memory for the next one (fresh pages are slow to fault in on a virtual
    // machine), up to twice the next rebuild's budget beyond the heap, within a quarter of the room left; past that it
    // gives it all back.
    [Fact]
    public void Freed_memory_is_kept_up_to_twice_the_next_budget_and_given_back_past_it()
    {
        var allocated = 100L << 20;
        var (available, heap) = (16L << 30, 600L << 20);
        var keep = CollectionWindow.KeepFor(allocated, available, heap);
        Assert.Equal(2 * ((100L << 20) + (25L << 20) + (32L << 20)), keep);
        // A process near its limit keeps at most a quarter of the room left, so memory can still be given back.
        var tight = CollectionWindow.KeepFor(allocated, heap + (400L << 20), heap);
        Assert.Equal(100L << 20, tight);
        Assert.True(CollectionWindow.GiveBack(heap + (150L << 20), heap, tight));
        Assert.Equal(0, CollectionWindow.KeepFor(allocated, heap, heap + 1));

        Assert.False(CollectionWindow.GiveBack(heap + keep, heap, keep));
        Assert.True(CollectionWindow.GiveBack(heap + keep + 1, heap, keep));

        List<GCCollectionMode> Collect(long keep, bool server, long committed)
        {
            var made = new List<GCCollectionMode>();
            PreviewSession.CollectAfterRebuild(keep, server, made.Add, () => (committed, heap));
            return made;
        }
        // Server GC: what is kept within the bound stays; past it, an aggressive collection gives it all back.
        Assert.Equal([GCCollectionMode.Forced], Collect(keep, server: true, committed: heap + keep));
        Assert.Equal([GCCollectionMode.Forced, GCCollectionMode.Aggressive], Collect(keep, server: true, committed: heap + keep + 1));
        // Nothing to keep (no deferred collections): straight to the aggressive one, as before.
        Assert.Equal([GCCollectionMode.Aggressive], Collect(0, server: true, committed: heap + keep));
        // Workstation GC gives freed memory back by itself: one forced collection.
        Assert.Equal([GCCollectionMode.Forced], Collect(keep, server: false, committed: heap + keep + 1));
        // And the real one runs in the test host.
        PreviewSession.CollectAfterRebuild(keep);
    }

    [Fact]
    public async Task A_serve_session_rebuilds_inside_the_window_and_closes_it_when_it_ends()
    {
        using var site = new TestSite("""
-- seeds/ada.txt --
Ada Researcher

LG

LGMar 4, 2024Code
Learning Things Quickly

Ada Researcher, Bo Li

We learn things.
-- content/site.yml --
base_url: https://ada.example.org/
""");
        var collectionsAtBuilt = new List<int>();
        using (var session = new PreviewSession(new BuildOptions { SiteRoot = site.Root }, new LiveReload(), _ => { }, deferCollections: true))
        {
            session.Built += _ => collectionsAtBuilt.Add(GC.CollectionCount(0));
            Assert.True((await session.BuildAsync()).Success);
            Assert.True(CollectionWindow.IsOpen);
            var before = GC.CollectionCount(0);
            var profile = Path.Combine(site.Root, "seeds", "ada.txt");
            File.WriteAllText(profile, File.ReadAllText(profile).Replace("Quickly", "Slowly", StringComparison.Ordinal));
            await session.Changed([profile]);
            Assert.True(session.Last!.Success);
            Assert.Equal(1, session.Last.Rendered.Count(p => p.Contains("slowly", StringComparison.Ordinal)));
            // The rebuild ran without a collection; the session collected after it and opened the window again.
            Assert.Equal(before, collectionsAtBuilt[^1]);
            Assert.True(CollectionWindow.IsOpen);
        }
        Assert.False(CollectionWindow.IsOpen);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }
}
