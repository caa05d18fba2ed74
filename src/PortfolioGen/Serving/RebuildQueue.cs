using System.Diagnostics;

namespace PortfolioGen.Serving;

/// <summary>
/// The changes a <c>serve</c> session has seen and not yet rebuilt, and the one loop that rebuilds them: a change queued
/// while the loop runs is taken by that loop; one queued after the loop found nothing more starts a new loop. Whether a
/// loop runs is decided under the same lock as the queue, so a change can never be left queued with no loop to take
/// it (a loop that had found the queue empty but whose task had not yet completed once left a change unbuilt until the
/// next save).
/// </summary>
internal sealed class RebuildQueue(Func<Task> loop)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private Task _loop = Task.CompletedTask;
    private bool _running;
    private long _since;
    private bool _behind;

    /// <summary>A batch of changes: the paths, when the first of them was seen, and whether it came while a build ran.</summary>
    public readonly record struct Batch(string[] Paths, long Since, bool Behind);

    /// <summary>
    /// Queues <paramref name="paths"/> (changed, as the watcher saw them), starting the loop when none runs; returns the
    /// loop that will rebuild them. <paramref name="building"/> says whether a build outside the loop (the first) is
    /// running now.
    /// </summary>
    public Task Add(IReadOnlyList<string> paths, bool building)
    {
        lock (_gate)
        {
            if (_paths.Count == 0 && paths.Count > 0)
            {
                _since = Stopwatch.GetTimestamp();
                _behind = _running || building;
            }
            foreach (var p in paths) _paths.Add(p);
            if (!_running)
            {
                _running = true;
                _loop = Task.Run(Run);
            }
            return _loop;
        }
    }

    private async Task Run()
    {
        try
        {
            await loop().ConfigureAwait(false);
        }
        catch
        {
            // A loop that ended by an exception, not by finding the queue empty: the next change starts another.
            lock (_gate) _running = false;
            throw;
        }
    }

    /// <summary>
    /// The changes queued since the last batch, in ordinal order; null when there are none, and then the loop must
    /// end (the next change starts another).
    /// </summary>
    public Batch? Take()
    {
        lock (_gate)
        {
            if (_paths.Count == 0)
            {
                _running = false;
                return null;
            }
            var batch = new Batch([.. _paths.Order(StringComparer.Ordinal)], _since, _behind);
            _paths.Clear();
            return batch;
        }
    }
}
