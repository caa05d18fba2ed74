using CsCheck;
using PortfolioGen.Output;
using Xunit;

namespace PortfolioGen.Tests.Output;

public class OutputFolderTests
{
    private static string[] Tree(string root) => Directory.Exists(root)
        ? [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order(StringComparer.Ordinal)]
        : [];

    [Fact]
    public void Text_is_staged_as_its_UTF8_bytes_and_a_large_page_leaves_no_buffer_in_the_shared_pool()
    {
        // A 10,000-paper home page is ~10 million characters: a rented buffer of 32 MB would stay in the thread's
        // slot of ArrayPool.Shared after the build, one per thread that ever staged such a page.
        using var dir = new TempDirectory();
        var output = new OutputFolder(Path.Combine(dir.Path, "_site"));
        var small = "<p>café</p>";
        var large = string.Concat(Enumerable.Repeat("<li>Ünïcode paper entry</li>\n", 50_000));
        byte[]? pooled = null, seed = null;
        StagedFile? staged = null;
        var thread = new Thread(() =>
        {
            // The thread's slot for buffers of the page's size holds a zeroed buffer first: a buffer this thread returns
            // to the pool comes back to it first. (A buffer the pool makes afresh is not zeroed: it may hold the bytes
            // of any array the collector freed, the page's own among them, and once did.)
            var size = System.Text.Encoding.UTF8.GetMaxByteCount(large.Length);
            seed = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
            Array.Clear(seed);
            System.Buffers.ArrayPool<byte>.Shared.Return(seed);
            output.StageText("small.html", small);
            staged = output.StageText("index.html", large);
            pooled = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        });
        thread.Start();
        thread.Join();
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(small), File.ReadAllBytes(Path.Combine(dir.Path, "_site", "small.html")));
        var bytes = System.Text.Encoding.UTF8.GetBytes(large);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir.Path, "_site", "index.html")));
        Assert.Equal(OutputFolder.Hash(bytes), staged!.Hash);
        Assert.Equal(bytes.Length, staged.Length);
        // The zeroed buffer came back (unless the pool dropped it under memory pressure), and staging did not fill it.
        if (ReferenceEquals(pooled, seed)) Assert.False(pooled.AsSpan(0, 16).SequenceEqual(bytes.AsSpan(0, 16)), "the page's bytes were left in a pooled buffer");
    }

    [Fact]
    public void A_large_page_staged_again_is_encoded_into_the_memory_the_last_one_used()
    {
        // Serve stages the 6 MB home page of a 10,000-paper site again after every title edit.
        using var dir = new TempDirectory();
        var output = new OutputFolder(Path.Combine(dir.Path, "_site"));
        // Each edit makes the page longer, as a title edit may (a page of the same length is compared with the file).
        string Page(int edit) => string.Concat(Enumerable.Repeat("<li>Ünïcode paper entry</li>\n", 40_000)) + new string('!', edit);
        output.StageText("index.html", Page(0));
        var page = Page(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var staged = output.StageText("index.html", page);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var bytes = System.Text.Encoding.UTF8.GetBytes(page);
        Assert.True(allocated < bytes.Length / 10, $"{allocated:N0} bytes allocated to stage {bytes.Length:N0}");
        Assert.Equal(OutputFolder.Hash(bytes), staged.Hash);
        Assert.Equal(bytes, File.ReadAllBytes(staged.StagedPath ?? staged.FinalPath));
        // A shorter page after it is staged as its own bytes, not the longer one's tail.
        var shorter = output.StageText("other.html", page[..(page.Length / 2)]);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(page[..(page.Length / 2)]), File.ReadAllBytes(shorter.StagedPath ?? shorter.FinalPath));
    }

    [Fact]
    public void A_serve_session_trusts_the_files_it_verified_in_folders_unchanged_since()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var verified = new VerifiedOutput();
        var first = new OutputFolder(root, verified);
        var staged = new[] { first.Stage("a.txt", "aa"u8), first.Stage("b/b.txt", "bbb"u8), first.Stage("c/c.txt", "cccc"u8) };
        foreach (var f in staged) first.CommitStaged(f);
        first.Commit();
        verified.Committed(first);
        var (a, b, c) = (staged[0], staged[1], staged[2]);

        // Folders changed within the last second are not trusted: file-system times advance in steps.
        Assert.Equal(0, verified.Verify());
        verified.Committed(first);
        Serving.IncrementalEquivalenceTests.Backdate(root);
        // Until the session verifies, nothing is trusted: a file deleted now is noticed.
        File.Delete(b.FinalPath);
        Assert.Null(new OutputFolder(root, verified).StageUnchanged("b/b.txt", b.Hash, b.Length));
        File.WriteAllText(b.FinalPath, "bbb");
        Serving.IncrementalEquivalenceTests.Backdate(root);
        Assert.Equal(3, verified.Verify());

        var second = new OutputFolder(root, verified);
        // A file deleted after the check changes its folder's time: that folder's files are looked at again.
        File.Delete(b.FinalPath);
        Assert.Null(second.StageUnchanged("b/b.txt", b.Hash, b.Length));
        // In an unchanged folder a verified file is kept without a look at the file itself (one edited by hand in
        // place is written again by the first rebuild that changes it)...
        File.WriteAllText(c.FinalPath, "edited by hand");
        Assert.Equal(c.FinalPath, second.StageUnchanged("c/c.txt", c.Hash, c.Length)?.FinalPath);
        Assert.Equal(a.FinalPath, second.StageUnchanged("a.txt", a.Hash, a.Length)?.FinalPath);
        // ...but only with the content the manifest and the check recorded.
        Assert.Null(second.StageUnchanged("a.txt", OutputFolder.Hash("ab"u8), 2));
        // A folder opened without the session checks each file, as a build does.
        Assert.Null(new OutputFolder(root).StageUnchanged("c/c.txt", c.Hash, c.Length));
    }

    [Fact]
    public void A_file_a_rebuild_kept_is_kept_again_as_the_same_record_only_while_it_is_the_latest_checks()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var verified = new VerifiedOutput();
        var first = new OutputFolder(root, verified);
        var (a, b) = (first.Stage("x/a.txt", "aa"u8), first.Stage("y/b.txt", "bbb"u8));
        first.CommitStaged(a);
        first.CommitStaged(b);
        first.Commit();
        verified.Committed(first);
        Serving.IncrementalEquivalenceTests.Backdate(root);
        Assert.Equal(2, verified.Verify());

        // The first rebuild finds the file by its path and hands back what it found (the cache keeps it)...
        object? foundA = null, foundB = null;
        var second = new OutputFolder(root, verified);
        var keptA = second.StageUnchanged(a, ref foundA);
        var keptB = second.StageUnchanged(b, ref foundB);
        Assert.NotNull(keptA);
        Assert.NotNull(foundA);
        Assert.Equal((a.FinalPath, a.Hash, a.Length, false, null), (keptA!.FinalPath, keptA.Hash, keptA.Length, keptA.Created, keptA.StagedPath));
        // ...and a later one, after its own commit and check, gets the very same record back: nothing new per file.
        second.CommitStaged(keptA);
        second.CommitStaged(keptB!);
        second.Commit();
        verified.Committed(second);
        // Between a commit and its check, what was found before is not trusted: the file is looked at on disk (cut short
        // in place, which leaves its folder's time as it was).
        File.WriteAllText(b.FinalPath, "b");
        Assert.Null(new OutputFolder(root, verified).StageUnchanged(b, ref foundB));
        File.WriteAllText(b.FinalPath, "bbb");
        Serving.IncrementalEquivalenceTests.Backdate(root);
        Assert.Equal(2, verified.Verify());
        var third = new OutputFolder(root, verified);
        Assert.Same(keptA, third.StageUnchanged(a, ref foundA));
        Assert.Same(keptB, third.StageUnchanged(b, ref foundB));
        // A record for other content is not taken for this file's.
        var other = a with { Hash = OutputFolder.Hash("ab"u8) };
        Assert.Null(third.StageUnchanged(other, ref foundA));
        // A file deleted by hand after the check changes its folder's time, record or not.
        File.Delete(a.FinalPath);
        Assert.Null(new OutputFolder(root, verified).StageUnchanged(a, ref foundA));
        File.WriteAllText(a.FinalPath, "aa");
        // And when the manifest on disk is no longer the one the session saved, even the latest check's records (b's
        // folder is as it was) are not trusted: nothing says the last commit left those files.
        File.Delete(Path.Combine(root, OutputFolder.ManifestName));
        Assert.Null(new OutputFolder(root, verified).StageUnchanged(b, ref foundB));
    }

    [Fact]
    public void A_page_rendered_to_the_same_html_is_kept_as_the_file_staged_for_it_before_while_the_site_has_that_file()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var verified = new VerifiedOutput();
        var pages = new Modules.LinkScanCache();
        var checker = new SiteChecker("/", p => p);
        // A big site's home page: over the size whose UTF-8 bytes are staged from a pooled buffer.
        var html = "<!doctype html><title>Home</title>" + string.Concat(Enumerable.Repeat("<p>Every paper.</p>", 20_000));
        long allocated = 0;
        var encoded = 0;
        CommitResult Build(string page)
        {
            var output = new OutputFolder(root, verified);
            pages.Set("index.html", page, checker.Scan("index.html", page));
            var before = GC.GetAllocatedBytesForCurrentThread();
            var staged = pages.Stage(output, "index.html", page);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            encoded = output.TextsEncoded;
            output.CommitStaged(staged);
            var result = output.Commit();
            verified.Committed(output);
            Serving.IncrementalEquivalenceTests.Backdate(root);
            verified.Verify();
            return result;
        }
        Build(html);
        var file = Path.Combine(root, "index.html");
        Assert.Equal(1, encoded);
        // The same HTML (a render cache's hit) is kept as it is: not encoded, hashed nor staged again.
        File.SetLastWriteTimeUtc(file, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(1, Build(html).Unchanged);
        Assert.Equal(0, encoded);
        Assert.True(allocated < 4096, $"{allocated} bytes allocated to keep a page of {html.Length} characters");
        Assert.Equal(1, Build(new string([.. html])).Unchanged);
        Assert.Equal(0, encoded);
        Assert.True(allocated < 4096, $"{allocated} bytes allocated to keep a page of {html.Length} characters");
        Assert.Equal(new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(file));
        // Other HTML is staged and written.
        var edited = html.Replace("Every", "All", StringComparison.Ordinal);
        Assert.Equal(1, Build(edited).Written);
        Assert.Equal(edited, File.ReadAllText(file));
        // A page deleted by hand since comes back, though the HTML is the same.
        File.Delete(file);
        Assert.Equal(1, Build(edited).Written);
        Assert.Equal(edited, File.ReadAllText(file));
    }

    [Fact]
    public void An_aborted_first_build_leaves_no_folder_it_made_not_even_nested_ones()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var output = new OutputFolder(root);
        output.Stage("papers/a/index.html", "a"u8);
        output.Stage("papers/a/deeper/still/x.txt", "x"u8);
        output.Stage("papers/b/index.html", "b"u8);
        output.Abort();
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void An_aborted_build_removes_only_the_folders_it_made_and_keeps_the_site()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        dir.Write("_site/papers/old/index.html", "old");
        dir.Write("_site/mine/note.txt", "kept");
        var before = Tree(root);
        var output = new OutputFolder(root);
        output.Stage("papers/new/index.html", "n"u8);
        output.Stage("papers/new/sub/x.txt", "x"u8);
        output.Stage("papers/old/sub/y.txt", "y"u8);
        output.Stage("fresh/deep/z.txt", "z"u8);
        output.Abort();
        Assert.Equal(before, Tree(root));
    }

    // A committed first build: a page that the next build changes, one it keeps and one it no longer makes.
    private static string[] FirstBuild(string root)
    {
        var first = new OutputFolder(root);
        first.CommitStaged(first.Stage("index.html", "old"u8));
        first.CommitStaged(first.Stage("papers/a/index.html", "a"u8));
        first.CommitStaged(first.Stage("papers/gone/index.html", "gone"u8));
        first.Commit();
        return Contents(root);
    }

    private static string[] Contents(string root)
        => [.. Tree(root).Select(p => p + "=" + (File.Exists(Path.Combine(root, p)) ? File.ReadAllText(Path.Combine(root, p)) : "/"))];

    [Fact]
    public void An_aborted_build_puts_back_the_files_its_output_phase_already_replaced()
    {
        // The Output phase puts files in place pipeline by pipeline; when a later one fails, those already replaced
        // must be the previous site's again.
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var before = FirstBuild(root);
        var build = new OutputFolder(root);
        build.CommitStaged(build.Stage("index.html", "new"u8));
        build.CommitStaged(build.Stage("papers/a/index.html", "a"u8));
        build.CommitStaged(build.Stage("papers/b/index.html", "b"u8));
        Assert.Equal("new", File.ReadAllText(Path.Combine(root, "index.html")));
        Assert.Empty(build.Abort());
        Assert.Equal(before, Contents(root));
    }

    [Fact]
    public void A_commit_that_cannot_save_its_manifest_fails_and_its_abort_puts_the_previous_site_back()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var before = FirstBuild(root);
        var build = new OutputFolder(root);
        build.CommitStaged(build.Stage("index.html", "new"u8));
        build.CommitStaged(build.Stage("papers/a/index.html", "a"u8));
        // papers/gone is not made again: the commit would delete it. The manifest cannot be written (a folder of its name).
        var manifest = Path.Combine(root, OutputFolder.ManifestName);
        var saved = File.ReadAllBytes(manifest);
        File.Delete(manifest);
        Directory.CreateDirectory(manifest);
        var error = Record.Exception(() => build.Commit());
        Assert.True(error is IOException or UnauthorizedAccessException, error?.ToString());
        Assert.Empty(build.Abort());
        Directory.Delete(manifest);
        File.WriteAllBytes(manifest, saved);
        Assert.Equal(before, Contents(root));
    }

    [Fact]
    public void A_successful_build_leaves_no_copy_of_the_files_it_replaced_or_removed()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        FirstBuild(root);
        var build = new OutputFolder(root);
        build.CommitStaged(build.Stage("index.html", "new"u8));
        build.CommitStaged(build.Stage("papers/a/index.html", "a"u8));
        var result = build.Commit();
        Assert.Equal(1, result.Removed);
        Assert.Equal([OutputFolder.ManifestName + "=" + File.ReadAllText(Path.Combine(root, OutputFolder.ManifestName)), "index.html=new", "papers=/", "papers/a=/", "papers/a/index.html=a"],
            Contents(root));
    }

    private static StagedFile Stream(OutputFolder output, string destination, params string[] pieces)
    {
        var stream = output.OpenStaged(destination);
        foreach (var piece in pieces) stream.Write(System.Text.Encoding.UTF8.GetBytes(piece));
        return stream.Complete();
    }

    [Fact]
    public void A_file_staged_piece_by_piece_is_hashed_as_a_whole_and_written_like_any_other()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        // First build: a new file goes in place at once, with the hash of its whole content.
        var first = new OutputFolder(root);
        var file = Stream(first, "all.bib", "@misc{a}\n", "\n", "@misc{b}\n");
        Assert.True(file.Created);
        Assert.Equal(OutputFolder.Hash("@misc{a}\n\n@misc{b}\n"u8), file.Hash);
        first.CommitStaged(file);
        first.Commit();
        Assert.Equal("@misc{a}\n\n@misc{b}\n", File.ReadAllText(Path.Combine(root, "all.bib")));

        // Same content again: the site's file is left alone and nothing waits in staging.
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(root, "all.bib"));
        var second = new OutputFolder(root);
        var same = Stream(second, "all.bib", "@misc{a}\n\n", "@misc{b}\n");
        Assert.False(same.Created);
        Assert.Null(same.StagedPath);
        Assert.Equal(WriteOutcome.Unchanged, second.CommitStaged(same));
        second.Commit();
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(root, "all.bib")));

        // Changed: staged until the commit, and an aborted build leaves the old file.
        var third = new OutputFolder(root);
        var changed = Stream(third, "all.bib", "@misc{c}\n");
        Assert.NotNull(changed.StagedPath);
        Assert.Equal("@misc{a}\n\n@misc{b}\n", File.ReadAllText(Path.Combine(root, "all.bib")));
        third.Abort();
        Assert.Equal("@misc{a}\n\n@misc{b}\n", File.ReadAllText(Path.Combine(root, "all.bib")));
        var fourth = new OutputFolder(root);
        var committed = Stream(fourth, "all.bib", "@misc{c}\n");
        Assert.Equal(WriteOutcome.Written, fourth.CommitStaged(committed));
        fourth.Commit();
        Assert.Equal("@misc{c}\n", File.ReadAllText(Path.Combine(root, "all.bib")));
        Assert.False(Directory.Exists(Path.Combine(root, OutputFolder.StagingName)));
    }

    // The site's file is compared in blocks read ahead (64 KB): pieces that straddle a block, are larger than one,
    // or differ deep inside the file must be told apart exactly.
    [Theory]
    [InlineData(3_000)]
    [InlineData(65_536)]
    [InlineData(70_001)]
    public void A_large_file_staged_in_pieces_is_compared_with_the_site_s_file_across_blocks(int piece)
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var content = new byte[200_000];
        for (var i = 0; i < content.Length; i++) content[i] = (byte)('a' + (i * 7 + i / 1000) % 26);
        StagedFile Write(OutputFolder output, byte[] bytes)
        {
            using var stream = output.OpenStaged("all.bib");
            for (var at = 0; at < bytes.Length; at += piece) stream.Write(bytes.AsSpan(at, Math.Min(piece, bytes.Length - at)));
            return stream.Complete();
        }
        var first = new OutputFolder(root);
        first.CommitStaged(Write(first, content));
        first.Commit();

        var same = new OutputFolder(root);
        var unchanged = Write(same, content);
        Assert.Null(unchanged.StagedPath);
        Assert.Equal(WriteOutcome.Unchanged, same.CommitStaged(unchanged));
        same.Commit();

        foreach (var at in new[] { 0, 65_535, 65_536, 130_001, 199_999 })
        {
            var edited = (byte[])content.Clone();
            edited[at] = (byte)'!';
            var next = new OutputFolder(root);
            var changed = Write(next, edited);
            Assert.NotNull(changed.StagedPath);
            Assert.Equal(WriteOutcome.Written, next.CommitStaged(changed));
            next.Commit();
            Assert.Equal(edited, File.ReadAllBytes(Path.Combine(root, "all.bib")));
            var back = new OutputFolder(root);
            back.CommitStaged(Write(back, content));
            back.Commit();
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(root, "all.bib")));
        }
    }

    [Fact]
    public void An_aborted_build_closes_and_removes_a_file_still_being_staged()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var output = new OutputFolder(root);
        var stream = output.OpenStaged("all.bib");
        stream.Write("half"u8);
        output.Abort();
        Assert.False(Directory.Exists(root));
    }

    // serve builds again and again in one process: nothing of a finished build's output folder may stay reachable.
    // (Its streams were kept in a ConcurrentBag, whose per-thread queues are held by the thread that added to them:
    // the bag's item pointed back at the folder, so every build's folder, manifest and file list stayed.)
    [Fact]
    public void A_finished_output_folder_is_not_kept_alive_by_the_streams_it_staged()
    {
        using var dir = new TempDirectory();
        var weak = BuildAndDrop(dir.Path);
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weak.IsAlive, "the output folder of a finished build is still reachable");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference BuildAndDrop(string root)
    {
        var output = new OutputFolder(root);
        using (var stream = output.OpenStaged("all.bib"))
        {
            stream.Write("@misc{a}\n"u8);
            output.CommitStaged(stream.Complete());
        }
        output.Stage("page.html", "<p>x</p>"u8);
        output.Commit();
        return new WeakReference(output);
    }

    // serve keeps the manifest it wrote instead of parsing it again before each rebuild (50,000 entries at 10,000
    // papers) — only while the file is as the commit left it.
    [Fact]
    public void A_session_uses_the_manifest_it_wrote_until_the_file_changes()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var verified = new VerifiedOutput();
        var first = new OutputFolder(root, verified);
        first.CommitStaged(first.Stage("a.html", "a"u8));
        first.CommitStaged(first.Stage("b.html", "b"u8));
        first.Commit();
        verified.Committed(first);
        var manifest = Path.Combine(root, OutputFolder.ManifestName);
        Assert.Equal(["a.html", "b.html"], verified.Manifest(manifest)!.Order);
        Assert.Null(verified.Manifest(Path.Combine(dir.Path, "elsewhere", OutputFolder.ManifestName)));

        // The next build drops b.html: the kept manifest says it was ours, so it goes.
        var second = new OutputFolder(root, verified);
        second.CommitStaged(second.Stage("a.html", "a"u8));
        Assert.Equal(1, second.Commit().Removed);
        verified.Committed(second);
        verified.Verify(); // which deletes what the commit kept of the last build until then
        Assert.Equal([".portfoliogen-manifest.json", "a.html"], Tree(root));

        // A manifest changed by someone else is read again: here it no longer lists a.html, so a.html is not removed.
        File.WriteAllText(manifest, "{\"generator\":\"PortfolioGen\",\"files\":{}}");
        File.SetLastWriteTimeUtc(manifest, DateTime.UtcNow.AddMinutes(-5));
        Assert.Null(verified.Manifest(manifest));
        var third = new OutputFolder(root, verified);
        Assert.Empty(third.PreviousFiles);
        Assert.Equal(0, third.Commit().Removed);
        Assert.True(File.Exists(Path.Combine(root, "a.html")));
    }

    // The session's manifest order is the last one merged with the new destinations: the same file a fresh sort writes.
    [Fact]
    public void A_session_manifest_lists_old_and_new_files_in_the_order_a_fresh_build_does()
    {
        using var dir = new TempDirectory();
        string Build(VerifiedOutput? verified, string folder, params string[][] builds)
        {
            var root = Path.Combine(dir.Path, folder);
            foreach (var files in builds)
            {
                var output = new OutputFolder(root, verified);
                foreach (var f in files) output.CommitStaged(output.Stage(f, System.Text.Encoding.UTF8.GetBytes(f)));
                output.Commit();
                verified?.Committed(output);
            }
            return File.ReadAllText(Path.Combine(root, OutputFolder.ManifestName));
        }
        string[] first = ["b/index.html", "d.html", "b.html", "papers/x/cite.bib"];
        string[] second = ["a.html", "b/index.html", "b.html", "c/index.html", "papers/x-y/cite.bib", "papers/x/cite.bib", "z.html", "b-c.html"];
        var session = Build(new VerifiedOutput(), "session", first, second);
        var fresh = Build(null, "fresh", second);
        Assert.Equal(fresh, session);
        Assert.Contains("\"a.html\"", session);
        Assert.DoesNotContain("d.html", session);
    }

    // In a session the commit brings the manifest it keeps up to date in place (the few changed hashes, the files that
    // went or came) instead of building it anew: after every commit it must be the file it wrote, entry for entry.
    [Fact]
    public void A_session_keeps_exactly_the_manifest_it_wrote_as_files_change_go_come_and_are_kept()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var manifest = Path.Combine(root, OutputFolder.ManifestName);
        var verified = new VerifiedOutput();
        SavedManifest? last = null;
        void Build(params (string File, string Content)[] files)
        {
            verified.Committed(Committed(new OutputFolder(root, verified), files));
            var saved = verified.Manifest(manifest)!;
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifest));
            var written = json.RootElement.GetProperty("files").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).ToArray();
            Assert.Equal(written.Select(w => w.Name), saved.Order);
            Assert.Equal(written.OrderBy(w => w.Name, StringComparer.Ordinal), saved.Files.Select(f => (f.Key, f.Value)).OrderBy(w => w.Key, StringComparer.Ordinal));
            last = saved;
        }

        Build(("a.html", "a"), ("b.html", "b"), ("c/index.html", "c"), ("d.html", "d"));
        var order = last!.Order;
        // Two files change: the same destinations, so the same order.
        Build(("a.html", "a2"), ("b.html", "b"), ("c/index.html", "c2"), ("d.html", "d"));
        Assert.Same(order, last!.Order);
        // One goes, two come (one before the others in ordinal order, one among them).
        Build(("0.html", "0"), ("a.html", "a2"), ("b-c.html", "bc"), ("c/index.html", "c2"), ("d.html", "d"));
        Assert.False(File.Exists(Path.Combine(root, "b.html")));
        // Someone edits d.html by hand and the build no longer makes it: it is kept, and stays in the manifest.
        File.WriteAllText(Path.Combine(root, "d.html"), "edited");
        Build(("0.html", "0"), ("a.html", "a3"), ("b-c.html", "bc"), ("c/index.html", "c2"));
        Assert.True(File.Exists(Path.Combine(root, "d.html")));
        Assert.Contains("d.html", last!.Files.Keys);
        // Nothing changes at all.
        order = last!.Order;
        Build(("0.html", "0"), ("a.html", "a3"), ("b-c.html", "bc"), ("c/index.html", "c2"));
        Assert.Same(order, last!.Order);
    }

    // A patched manifest is written into the array of the manifest before last (a new 12 MB array at every rebuild was
    // fresh memory to fault in); the two arrays take turns, and neither is written while the other is read.
    [Fact]
    public void Patched_manifests_take_turns_in_two_arrays_and_each_is_the_manifest_a_fresh_build_writes()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var manifest = Path.Combine(root, OutputFolder.ManifestName);
        var verified = new VerifiedOutput();
        var contents = Enumerable.Range(0, 10).ToDictionary(i => $"p{i}/index.html", i => $"page {i}");
        byte[] Build()
        {
            verified.Committed(Committed(new OutputFolder(root, verified), contents));
            using var other = new TempDirectory();
            Committed(new OutputFolder(Path.Combine(other.Path, "_site")), contents);
            Assert.Equal(File.ReadAllText(Path.Combine(other.Path, "_site", OutputFolder.ManifestName)), File.ReadAllText(manifest));
            Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(verified.Manifest(manifest)!.Bytes!.Bytes, out var array));
            return array.Array!;
        }

        var arrays = new List<byte[]> { Build() };
        for (var edit = 0; edit < 6; edit++)
        {
            contents[$"p{edit}/index.html"] += " edited";
            contents[$"p{(edit * 3 + 5) % 10}/index.html"] += "!";
            arrays.Add(Build());
        }
        // The first is serialised (into its writer's array, longer than the manifest); the second is patched into a new
        // array, as nothing is free yet; from the third on each goes into the one before last, the writer's included.
        Assert.NotSame(arrays[0], arrays[1]);
        Assert.True(arrays[0].Length > File.ReadAllBytes(manifest).Length);
        for (var i = 2; i < arrays.Count; i++) Assert.Same(arrays[i - 2], arrays[i]);
    }

    // When files come and go (a title edit moves a paper's five files), a session splices the manifest it wrote: the
    // entries that stayed are copied as they were, and only the new or changed ones are written (serialising all
    // 52,000 entries took ~40 ms of every such rebuild at 10,000 papers). Whatever comes, goes or changes, in any
    // order of names, the bytes are those a single build writes.
    [Fact]
    public void A_session_splices_the_manifest_it_wrote_when_files_come_and_go()
    {
        // Names JSON escapes (a quote, '+', '<', non-ASCII), ones before, among and after the others in ordinal order.
        string[] names = ["0.html", "a.html", "a+b.html", "b/\"q\".html", "b/x.html", "c/é.html", "c/日本.html", "d<e>.html", "z/index.html", "~.html"];
        var gen = Gen.Select(Gen.Int[0, (1 << names.Length) - 1], Gen.Int[0, 3]).Array[1, 6];
        gen.Sample(steps =>
        {
            using var dir = new TempDirectory();
            var root = Path.Combine(dir.Path, "_site");
            var manifest = Path.Combine(root, OutputFolder.ManifestName);
            var verified = new VerifiedOutput();
            var commits = 0;
            var lastCount = 0;
            foreach (var (present, version) in steps.Prepend((0b1010101010, 0)))
            {
                var files = names.Where((_, i) => (present >> i & 1) == 1).Select((n, i) => (n, $"{n} {(i % 2 == 0 ? version : 0)}")).ToArray();
                var output = Committed(new OutputFolder(root, verified), files);
                verified.Committed(output);
                // Spliced whenever there is a manifest before and after (the first commit reads the file; an empty one is serialised).
                Assert.Equal(commits++ > 0 && files.Length > 0 && verified.Manifest(manifest) is not null && lastCount > 0, output.ManifestSpliced);
                lastCount = files.Length;
                using var other = new TempDirectory();
                Committed(new OutputFolder(Path.Combine(other.Path, "_site")), files);
                var expected = File.ReadAllBytes(Path.Combine(other.Path, "_site", OutputFolder.ManifestName));
                Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), File.ReadAllText(manifest));
                // And what the session keeps for the next commit is those bytes.
                Assert.Equal(expected, verified.Manifest(manifest)!.Bytes!.Bytes.ToArray());
            }
        }, iter: 200);
    }

    [Fact]
    public void A_session_patches_changed_hashes_into_the_manifest_it_wrote()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var manifest = Path.Combine(root, OutputFolder.ManifestName);
        // A manifest edited by hand: d.html's value is one JSON writes escaped ("+" as \u002B), so its bytes are not
        // its characters, and d.html (changed since) is kept under it while no build makes it.
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "d.html"), "mine");
        File.WriteAllText(manifest, "{\"generator\":\"PortfolioGen\",\"files\":{\"d.html\":\"x+y\"}}");
        var verified = new VerifiedOutput();
        Dictionary<string, string> Build(params (string File, string Content)[] files)
        {
            verified.Committed(Committed(new OutputFolder(root, verified), files));
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifest));
            return json.RootElement.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        }
        // What a single build's manifest says of these files.
        Dictionary<string, string> Fresh(params (string File, string Content)[] files)
        {
            using var other = new TempDirectory();
            Committed(new OutputFolder(Path.Combine(other.Path, "_site")), files);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(other.Path, "_site", OutputFolder.ManifestName)));
            return json.RootElement.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        }

        Assert.Equal(Fresh(("a.html", "a"), ("e.html", "e")).Append(new("d.html", "x+y")).OrderBy(p => p.Key), Build(("a.html", "a"), ("e.html", "e")).OrderBy(p => p.Key));
        // The same files, changed on both sides of the escaped entry: their hashes are written over the last manifest's bytes.
        Assert.Equal(Fresh(("a.html", "a2"), ("e.html", "e2")).Append(new("d.html", "x+y")).OrderBy(p => p.Key), Build(("a.html", "a2"), ("e.html", "e2")).OrderBy(p => p.Key));
        Assert.Equal(Fresh(("a.html", "a3"), ("e.html", "e2")).Append(new("d.html", "x+y")).OrderBy(p => p.Key), Build(("a.html", "a3"), ("e.html", "e2")).OrderBy(p => p.Key));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(root, "d.html")));
    }

    // Stages each file with its text, commits them all, and returns the folder.
    private static OutputFolder Committed(OutputFolder output, IEnumerable<KeyValuePair<string, string>> files)
    {
        foreach (var (f, c) in files) output.CommitStaged(output.Stage(f, System.Text.Encoding.UTF8.GetBytes(c)));
        output.Commit();
        return output;
    }

    private static OutputFolder Committed(OutputFolder output, IEnumerable<(string File, string Content)> files)
        => Committed(output, files.Select(x => KeyValuePair.Create(x.File, x.Content)));
}
