using PortfolioGen.Serving;
using Xunit;

namespace PortfolioGen.Tests.Serving;

public class SiteWatcherTests
{
    [Fact]
    public void Added_paths_are_watched_once_and_not_inside_a_watched_folder()
    {
        using var dir = new TempDirectory();
        dir.Write("site/seeds/a.txt", "x");
        dir.Write("theme/theme.yml", "x");
        using var watcher = new SiteWatcher([dir["site/seeds"]], dir["site/_site"], TimeSpan.FromMilliseconds(50), _ => { });
        watcher.Add([dir["site/seeds/a.txt"], dir["site/seeds"], dir["theme"], dir["theme"], dir["nowhere/missing.txt"]]);
        Assert.Equal([dir["site/seeds"], dir["theme"]], watcher.Watched);
    }

    [Fact]
    public async Task A_change_in_an_added_folder_is_reported()
    {
        using var dir = new TempDirectory();
        dir.Write("site/seeds/a.txt", "x");
        dir.Write("theme/layouts/page.sbn", "x");
        var reported = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new SiteWatcher([dir["site/seeds"]], dir["site/_site"], TimeSpan.FromMilliseconds(50), c => reported.TrySetResult(c));
        watcher.Add([dir["theme"]]);
        File.WriteAllText(dir["theme/layouts/page.sbn"], "y");
        Assert.Contains(dir["theme/layouts/page.sbn"], await reported.Task.WaitAsync(TimeSpan.FromSeconds(20)));
    }
}
