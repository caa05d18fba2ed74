using PortfolioGen.Output;
using Xunit;

namespace PortfolioGen.Tests.Output;

/// <summary>
/// A serve session that watches its output folder trusts the folders its last check found with no stat, while no event
/// touched them; and an event is a change, whatever the folder's time says. (Linux only: elsewhere a session asks each
/// folder for its time, which <see cref="OutputFolderTests"/> covers.)
/// </summary>
public class OutputWatchTests
{
    private sealed class Site : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public Site()
        {
            Root = Path.Combine(_dir.Path, "_site");
            Verified = new VerifiedOutput(watch: true);
            var first = new OutputFolder(Root, Verified);
            Files = [first.Stage("a.txt", "aa"u8), first.Stage("b/b.txt", "bbb"u8), first.Stage("c/c.txt", "cccc"u8), first.Stage("d/e/e.txt", "eeeee"u8)];
            Checked = Commit(first, Files);
        }

        // Commits a build that has these files (kept where the site has them) and checks it as the session does; how many the check found.
        public int Commit(OutputFolder build, IEnumerable<StagedFile> files)
        {
            foreach (var f in files) build.CommitStaged(build.StageUnchanged(f.Destination, f.Hash, f.Length) ?? f);
            build.Commit();
            Verified.Committed(build);
            Serving.IncrementalEquivalenceTests.Backdate(Root);
            return Verified.Verify();
        }

        public string Root { get; }
        public VerifiedOutput Verified { get; }
        public StagedFile[] Files { get; }
        public int Checked { get; }

        public StagedFile this[string destination] => Files.Single(f => f.Destination == destination);

        // What a rebuild keeps of a file, and how many folders it asked about.
        public (bool Kept, int FolderStats) Keep(string destination)
        {
            var build = new OutputFolder(Root, Verified);
            var file = Files.FirstOrDefault(f => f.Destination == destination) ?? new OutputFolder(Root).StageUnchanged(destination, OutputFolder.Hash("x"u8), 1)!;
            return (build.StageUnchanged(destination, file.Hash, file.Length) is not null, build.FolderStats);
        }

        public void Dispose()
        {
            Verified.Dispose();
            _dir.Dispose();
        }
    }

    [Fact]
    public void A_watched_session_keeps_the_files_it_checked_without_asking_about_their_folders()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var site = new Site();
        // Not a.txt: the marker file of the check's sync changed the output folder itself a moment ago, so its own
        // files are looked at one by one (as they are in serve anyway: each rebuild that stages a file changes it).
        Assert.Equal(3, site.Checked);
        Assert.NotNull(site.Verified.Watch);
        foreach (var destination in new[] { "b/b.txt", "c/c.txt", "d/e/e.txt" }) Assert.Equal((true, 0), site.Keep(destination));
        // Without the watch, each folder is a stat.
        site.Verified.Watch!.Fail();
        Assert.Equal((true, 1), site.Keep("c/c.txt"));
    }

    [Fact]
    public void A_file_deleted_from_a_watched_folder_is_noticed_even_when_the_folder_time_is_put_back()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var site = new Site();
        var folder = Path.GetDirectoryName(site["b/b.txt"].FinalPath)!;
        var seen = Directory.GetLastWriteTimeUtc(folder);
        File.Delete(site["b/b.txt"].FinalPath);
        // The folder's time alone would now say nothing changed.
        Directory.SetLastWriteTimeUtc(folder, seen);
        Assert.Equal((false, 0), site.Keep("b/b.txt"));
        Assert.Equal((true, 0), site.Keep("c/c.txt"));
        // A file added by hand beside one cut short in place: the folder is not trusted, and the file is looked at.
        folder = Path.GetDirectoryName(site["c/c.txt"].FinalPath)!;
        seen = Directory.GetLastWriteTimeUtc(folder);
        File.WriteAllText(Path.Combine(folder, "new.txt"), "new");
        File.WriteAllText(site["c/c.txt"].FinalPath, "c");
        Directory.SetLastWriteTimeUtc(folder, seen);
        Assert.Equal((false, 0), site.Keep("c/c.txt"));
    }

    [Fact]
    public void A_folder_moved_away_is_noticed_though_nothing_in_it_changed()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var site = new Site();
        // The folder's own entries and time stay as they were; only the folder above it changed.
        Directory.Move(Path.Combine(site.Root, "d"), Path.Combine(site.Root, "moved"));
        Assert.Equal((false, 0), site.Keep("d/e/e.txt"));
        Assert.Equal((true, 0), site.Keep("b/b.txt"));
    }

    [Fact]
    public void After_an_error_the_watch_vouches_for_nothing_until_the_next_check_starts_another()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var site = new Site();
        var first = site.Verified.Watch!;
        // An overflowing event queue: some events may be lost, so the folders are asked about again.
        first.Fail();
        File.Delete(site["b/b.txt"].FinalPath);
        Assert.Equal((false, 1), site.Keep("b/b.txt"));
        Assert.Equal((true, 1), site.Keep("c/c.txt"));
        File.WriteAllText(site["b/b.txt"].FinalPath, "bbb");

        // The next commit's check starts a new watch, which vouches again.
        Assert.Equal(3, site.Commit(new OutputFolder(site.Root, site.Verified), site.Files));
        Assert.NotSame(first, site.Verified.Watch);
        Assert.Equal((true, 0), site.Keep("b/b.txt"));
    }

    [Fact]
    public void A_build_that_writes_much_of_the_site_stops_the_watch_and_the_next_check_starts_another()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var site = new Site();
        var first = site.Verified.Watch!;
        var build = new OutputFolder(site.Root, site.Verified);
        var written = Enumerable.Range(0, OutputFolder.WatchedWrites - 1).Select(i => build.Stage($"many/{i % 50}/{i}.txt", "x"u8)).ToList();
        Assert.Same(first, site.Verified.Watch);
        written.Add(build.Stage("many/last.txt", "x"u8));
        // Each write is an event or more for the watch to take in: past the limit the folders are asked about instead.
        Assert.Null(site.Verified.Watch);
        Assert.True(build.StageUnchanged("c/c.txt", site["c/c.txt"].Hash, site["c/c.txt"].Length) is not null);
        Assert.Equal(1, build.FolderStats);
        Assert.Equal(3 + OutputFolder.WatchedWrites, site.Commit(build, site.Files.Concat(written)));
        Assert.NotNull(site.Verified.Watch);
        Assert.NotSame(first, site.Verified.Watch);
        Assert.Equal((true, 0), site.Keep("many/last.txt"));
    }

    [Fact]
    public void A_watch_whose_folder_was_deleted_and_made_again_is_replaced_by_the_next_check()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var site = new Site();
        var first = site.Verified.Watch!;
        // The whole output folder deleted by hand and built again: the kept watch hears nothing of the new folder.
        var copy = site.Root + "-copy";
        foreach (var file in Directory.EnumerateFiles(site.Root, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(copy, Path.GetRelativePath(site.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        Directory.Delete(site.Root, recursive: true);
        Directory.Move(copy, site.Root);
        Assert.Equal(3, site.Commit(new OutputFolder(site.Root, site.Verified), site.Files));
        Assert.NotSame(first, site.Verified.Watch);
        Assert.Equal((true, 0), site.Keep("c/c.txt"));
        File.Delete(site["c/c.txt"].FinalPath);
        Assert.Equal((false, 0), site.Keep("c/c.txt"));
    }

    [Theory]
    [InlineData("ext4", true)]
    [InlineData("tmpfs", true)]
    [InlineData("xfs", true)]
    [InlineData("btrfs", true)]
    [InlineData("overlay", true)]
    [InlineData("nfs", false)]
    [InlineData("cifs", false)]
    [InlineData("fuse", false)]
    [InlineData("fuseblk", false)]
    [InlineData("9p", false)]
    [InlineData("virtiofs", false)]
    [InlineData("vboxsf", false)]
    [InlineData("drvfs", false)]
    public void Only_file_systems_whose_every_change_this_kernel_makes_are_watched(string format, bool watched)
    {
        // A file deleted from the other side of a network or shared folder makes no event here; a stat sees it.
        Assert.Equal(watched, OutputWatch.Local(format));
    }

    [Fact]
    public void A_marker_a_stopped_session_left_behind_neither_stops_the_watch_nor_stays()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, OutputWatch.MarkerName + "-1-1"), "");
        using var watch = OutputWatch.Start(root)!;
        Assert.NotNull(watch.Sync(TimeSpan.FromSeconds(2)));
        Assert.Empty(Directory.EnumerateFiles(root, OutputWatch.MarkerName + "*"));
    }

    [Fact]
    public void A_failed_watch_is_stopped_at_once_and_one_that_hit_the_limit_of_watches_is_not_started_again()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var site = new Site();
        var first = site.Verified.Watch!;
        first.Fail();
        // Its inotify watches go back to the user's limit without waiting for the next check.
        Assert.True(SpinWait.SpinUntil(() => first.Stopped, TimeSpan.FromSeconds(5)));

        // The user's limit reached (ENOSPC): another watch would use up what is left, so the session stops watching.
        Assert.Equal(3, site.Commit(new OutputFolder(site.Root, site.Verified), site.Files));
        var second = site.Verified.Watch!;
        Assert.NotSame(first, second);
        second.Fail(new IOException("the limit of inotify watches was reached", 28));
        // No watch, no marker: the output folder's own files are checked too.
        Assert.Equal(4, site.Commit(new OutputFolder(site.Root, site.Verified), site.Files));
        Assert.Null(site.Verified.Watch);
        Assert.Equal((true, 1), site.Keep("c/c.txt"));
        Assert.Equal(4, site.Commit(new OutputFolder(site.Root, site.Verified), site.Files));
        Assert.Null(site.Verified.Watch);
    }

    [Fact]
    public void A_session_watches_only_its_output_and_stops_when_disposed()
    {
        if (!OperatingSystem.IsLinux()) return;
        var site = new Site();
        var watch = site.Verified.Watch!;
        // The marker files of its syncs are gone, and no page may be named like them.
        Assert.Empty(Directory.EnumerateFiles(site.Root, OutputWatch.MarkerName + "*"));
        Assert.False(OutputFolder.IsSafeDestination(OutputWatch.MarkerName + "-1", out _));
        site.Dispose();
        Assert.Null(site.Verified.Watch);
        Assert.Null(watch.Sync(TimeSpan.FromMilliseconds(100)));
    }
}
