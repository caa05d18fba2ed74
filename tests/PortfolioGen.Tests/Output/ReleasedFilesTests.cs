using PortfolioGen.Output;
using Xunit;

namespace PortfolioGen.Tests.Output;

/// <summary>
/// A serve session's commit lets the old versions of the large files it replaces go after the rebuild, at the session's
/// check, rather than in the rename that replaces them (Linux, local file systems; elsewhere they are freed in the
/// rename, as a single build always does).
/// </summary>
public class ReleasedFilesTests
{
    private static readonly byte[] Large = Enumerable.Repeat((byte)'a', (int)OutputFolder.ReleaseFrom).ToArray();
    private static readonly byte[] LargeEdited = Enumerable.Repeat((byte)'b', (int)OutputFolder.ReleaseFrom + 1).ToArray();

    private static string[] ReleasedFolders(string root) => Directory.GetDirectories(root, OutputFolder.ReleasedName + "-*");

    // A first build with a large file and a small one, committed (and, in a session, checked).
    private static string FirstBuild(TempDirectory dir, VerifiedOutput? verified)
    {
        var root = Path.Combine(dir.Path, "_site");
        var first = new OutputFolder(root, verified);
        first.CommitStaged(first.Stage("feed.xml", Large));
        first.CommitStaged(first.Stage("papers/a/index.html", "<p>a</p>"u8));
        first.Commit();
        verified?.Committed(first);
        verified?.Verify();
        return root;
    }

    // A rebuild that changes both files, committed but not yet checked.
    private static OutputFolder Rebuild(string root, VerifiedOutput? verified)
    {
        var build = new OutputFolder(root, verified);
        build.CommitStaged(build.Stage("feed.xml", LargeEdited));
        build.CommitStaged(build.Stage("papers/a/index.html", "<p>a, edited</p>"u8));
        build.Commit();
        return build;
    }

    [Fact]
    public void A_session_keeps_the_old_large_file_until_its_check_after_the_rebuild()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDirectory();
        using var verified = new VerifiedOutput();
        var root = FirstBuild(dir, verified);
        Assert.True(verified.ReleasesLater(root));

        var build = Rebuild(root, verified);
        // The site has the new files at once; the old ones are still linked in the one folder set aside (every file a
        // build replaces is kept until it is over, so that a failed one can put it back), so the commit did not free
        // them; the small manifest was replaced by a plain rename.
        Assert.Equal(LargeEdited, File.ReadAllBytes(Path.Combine(root, "feed.xml")));
        Assert.Equal("<p>a, edited</p>", File.ReadAllText(Path.Combine(root, "papers/a/index.html")));
        Assert.False(Directory.Exists(Path.Combine(root, OutputFolder.StagingName)));
        var released = Assert.Single(ReleasedFolders(root));
        var kept = Directory.GetFiles(released, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        Assert.Contains(kept, k => k.AsSpan().SequenceEqual(Large));
        Assert.Contains(kept, k => k.AsSpan().SequenceEqual("<p>a</p>"u8));
        Assert.Equal(2, kept.Count);

        // The check after the rebuild lets them go.
        verified.Committed(build);
        verified.Verify();
        Assert.Empty(ReleasedFolders(root));
        Assert.Equal(LargeEdited, File.ReadAllBytes(Path.Combine(root, "feed.xml")));
    }

    [Fact]
    public void A_session_stopped_before_its_check_lets_them_go_when_it_is_disposed()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDirectory();
        var verified = new VerifiedOutput();
        var root = FirstBuild(dir, verified);
        Rebuild(root, verified);
        Assert.Single(ReleasedFolders(root));
        verified.Dispose();
        Assert.Empty(ReleasedFolders(root));
    }

    [Fact]
    public void A_single_build_frees_the_old_files_in_its_commit_and_leaves_no_folder_aside()
    {
        using var dir = new TempDirectory();
        var root = FirstBuild(dir, null);
        Rebuild(root, null);
        Assert.Empty(ReleasedFolders(root));
        Assert.False(Directory.Exists(Path.Combine(root, OutputFolder.StagingName)));
        Assert.Equal(LargeEdited, File.ReadAllBytes(Path.Combine(root, "feed.xml")));
    }

    [Fact]
    public void A_folder_a_killed_session_left_is_deleted_by_the_next_build()
    {
        using var dir = new TempDirectory();
        var root = FirstBuild(dir, null);
        var left = Path.Combine(root, OutputFolder.ReleasedName + "-4242-7");
        Directory.CreateDirectory(Path.Combine(left, ".replaced"));
        File.WriteAllBytes(Path.Combine(left, ".replaced", "1"), Large);
        _ = new OutputFolder(root);
        Assert.False(Directory.Exists(left));
    }

    [Fact]
    public void A_file_deleted_by_hand_before_the_commit_is_simply_put_in_place()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDirectory();
        using var verified = new VerifiedOutput();
        var root = FirstBuild(dir, verified);
        var build = new OutputFolder(root, verified);
        var staged = build.Stage("feed.xml", LargeEdited);
        File.Delete(Path.Combine(root, "feed.xml"));
        build.CommitStaged(staged);
        build.Commit();
        Assert.Equal(LargeEdited, File.ReadAllBytes(Path.Combine(root, "feed.xml")));
        verified.Committed(build);
        verified.Verify();
        Assert.Empty(ReleasedFolders(root));
    }

    [Fact]
    public void A_large_file_in_a_folder_on_another_file_system_is_still_replaced()
    {
        // A folder of the site that is a link to another file system: no hard link can keep the old file there, and
        // the rename falls back to a copy, as it always did.
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/dev/shm")) return;
        if (new DriveInfo("/dev/shm").DriveFormat == new DriveInfo(Path.GetTempPath()).DriveFormat) return;
        using var dir = new TempDirectory();
        var elsewhere = Path.Combine("/dev/shm", "pg-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(elsewhere);
        try
        {
            using var verified = new VerifiedOutput();
            var root = Path.Combine(dir.Path, "_site");
            Directory.CreateDirectory(root);
            Directory.CreateSymbolicLink(Path.Combine(root, "bib"), elsewhere);
            var first = new OutputFolder(root, verified);
            first.CommitStaged(first.Stage("bib/all.bib", Large));
            first.Commit();
            verified.Committed(first);
            verified.Verify();
            var build = new OutputFolder(root, verified);
            build.CommitStaged(build.Stage("bib/all.bib", LargeEdited));
            build.Commit();
            Assert.Equal(LargeEdited, File.ReadAllBytes(Path.Combine(root, "bib/all.bib")));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public void A_page_is_never_where_the_old_files_are_kept()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDirectory();
        using var verified = new VerifiedOutput();
        var root = Path.Combine(dir.Path, "_site");
        var first = new OutputFolder(root, verified);
        first.CommitStaged(first.Stage("feed.xml", Large));
        first.CommitStaged(first.Stage(".replaced/1", "old page"u8));
        first.Commit();
        verified.Committed(first);
        verified.Verify();
        var build = new OutputFolder(root, verified);
        var feed = build.Stage("feed.xml", LargeEdited);
        var page = build.Stage(".replaced/1", "new page"u8);
        build.CommitStaged(feed);
        build.CommitStaged(page);
        build.Commit();
        Assert.Equal("new page", File.ReadAllText(Path.Combine(root, ".replaced/1")));
        Assert.Equal(LargeEdited, File.ReadAllBytes(Path.Combine(root, "feed.xml")));
    }

    [Fact]
    public void The_folders_names_are_refused_as_pages()
    {
        Assert.False(OutputFolder.IsSafeDestination(OutputFolder.ReleasedName + "-1-1/feed.xml", out var reason));
        Assert.Contains("serve", reason, StringComparison.Ordinal);
    }
}
