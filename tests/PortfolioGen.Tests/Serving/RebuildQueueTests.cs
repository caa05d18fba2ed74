using PortfolioGen.Serving;
using Xunit;

namespace PortfolioGen.Tests.Serving;

/// <summary>The queue of changes a serve session rebuilds, and the one loop that takes them.</summary>
public class RebuildQueueTests
{
    // A change queued after the loop found the queue empty, while that loop's task had not yet completed, used to be
    // left queued with no loop to take it (the session asked whether the task had completed): it waited for the next save.
    [Fact]
    public async Task A_change_queued_as_the_loop_ends_starts_a_new_loop()
    {
        using var ended = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var taken = new List<string[]>();
        var loops = 0;
        RebuildQueue? queue = null;
        queue = new RebuildQueue(async () =>
        {
            var loop = Interlocked.Increment(ref loops);
            await Task.Yield();
            while (queue!.Take() is { } batch)
            {
                lock (taken) taken.Add(batch.Paths);
            }
            // The queue was found empty; the first loop's task has not completed yet.
            if (loop == 1)
            {
                ended.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            }
        });
        var first = queue.Add(["a"], building: false);
        Assert.True(ended.Wait(TimeSpan.FromSeconds(30)));
        var second = queue.Add(["b"], building: false);
        Assert.NotSame(first, second);
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        release.Set();
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, loops);
        Assert.Equal([["a"], ["b"]], taken);
    }

    [Fact]
    public async Task Changes_queued_while_the_loop_runs_are_taken_by_it_in_one_batch_timed_from_the_first()
    {
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var batches = new List<RebuildQueue.Batch>();
        var loops = 0;
        RebuildQueue? queue = null;
        queue = new RebuildQueue(async () =>
        {
            Interlocked.Increment(ref loops);
            await Task.Yield();
            while (queue!.Take() is { } batch)
            {
                batches.Add(batch);
                if (batches.Count == 1)
                {
                    inside.Set();
                    release.Wait(TimeSpan.FromSeconds(30));
                }
            }
        });
        var loop = queue.Add(["p"], building: false);
        Assert.True(inside.Wait(TimeSpan.FromSeconds(30)));
        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.Same(loop, queue.Add(["z", "q"], building: false));
        Assert.Same(loop, queue.Add(["q", "m"], building: false));
        release.Set();
        await loop.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, loops);
        Assert.Equal(2, batches.Count);
        Assert.False(batches[0].Behind);
        // The second batch: every path once, in ordinal order; it waited behind the first, from its first change.
        Assert.Equal(["m", "q", "z"], batches[1].Paths);
        Assert.True(batches[1].Behind);
        Assert.True(batches[1].Since >= before);
        // A change while a build outside the loop (the session's first) runs waits behind it too.
        await queue.Add(["x"], building: true).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(batches[^1].Behind);
        Assert.Equal(2, loops);
    }

    [Fact]
    public async Task A_loop_that_throws_does_not_stop_the_next_change_from_being_rebuilt()
    {
        var calls = 0;
        RebuildQueue? queue = null;
        queue = new RebuildQueue(async () =>
        {
            await Task.Yield();
            queue!.Take();
            if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("a bug");
        });
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.Add(["a"], building: false).WaitAsync(TimeSpan.FromSeconds(30)));
        await queue.Add(["b"], building: false).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, calls);
    }
}
