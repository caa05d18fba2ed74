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

    [Theory]
    // Editors' swap, backup and temporary files, and the file `sed -i` writes before it renames it over the original.
    [InlineData(".#ang-lv.txt", false)]
    [InlineData("ang-lv.txt~", false)]
    [InlineData(".ang-lv.txt.swp", false)]
    [InlineData(".ang-lv.txt.swx", false)]
    [InlineData("ang-lv.txt.tmp", false)]
    [InlineData("4913", false)]
    [InlineData("sedZt0MJ3", false)]
    [InlineData("sed0aB9zQ", false)]
    // What a site is made of, including names that merely start like sed's.
    [InlineData("ang-lv.txt", true)]
    [InlineData("site.yml", true)]
    [InlineData("sedimentary", true)]
    [InlineData("sed12345.md", true)]
    [InlineData("sedan", true)]
    public void Only_changes_to_the_site_s_own_files_count(string name, bool relevant)
    {
        using var dir = new TempDirectory();
        dir.Write("site/seeds/a.txt", "x");
        using var watcher = new SiteWatcher([dir["site/seeds"]], dir["site/_site"], TimeSpan.FromMilliseconds(50), _ => { });
        Assert.Equal(relevant, watcher.IsRelevant(dir["site/seeds/" + name]));
        Assert.False(watcher.IsRelevant(dir["site/_site/index.html"]));
    }
}
