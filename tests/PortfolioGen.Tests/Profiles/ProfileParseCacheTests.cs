using CsCheck;
using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>A parse that reuses the entries of the previous one reads the file exactly as a fresh parse does.</summary>
public class ProfileParseCacheTests
{
    private static readonly string[] Reference = File.ReadAllLines(TestPaths.ReferenceProfile);

    // Lines an edit may put anywhere: headers (valid, of an unknown category, of an impossible date), titles with math
    // the converter cannot show, author lines, blank lines, stray text.
    private static readonly string[] Pool =
    [
        "CLJan 2, 2020", "ZZMar 3, 2021Code", "LGFeb 30, 2022", "", "", "A Title With $\\unknowncommand{x}$ Math", "Ang Lv, Bo Li et al.",
        "Someone Else · some-lab", "An abstract sentence with $x^2$ in it.", "   indented text   ", "CLJan 2, 2020\nTitle\n\nAng Lv, New Person\n\nAbstract.",
    ];

    private sealed record Edit(int Kind, int At, int Pick);

    private static readonly Gen<Edit> EditGen = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 10_000], Gen.Int[0, Pool.Length - 1], (k, a, p) => new Edit(k, a, p));

    private static List<string> Apply(List<string> lines, Edit e)
    {
        var result = new List<string>(lines);
        var at = result.Count == 0 ? 0 : e.At % result.Count;
        switch (e.Kind)
        {
            case 0: if (result.Count > 0) result.RemoveAt(at); break;
            case 1: result.Insert(at, Pool[e.Pick]); break;
            case 2: if (result.Count > 0) result[at] = result[at].Length > 3 ? result[at][..^3] + "xyz" : "edited"; break;
            default: if (result.Count > 0) result.Insert(at, result[at]); break;
        }
        return result;
    }

    // The model and every message, and where each paper's entry is (the JSON leaves lines out; messages made later
    // from a paper, by the pipelines, point at them).
    private static string Json(ProfileParseResult r)
        => ProfileJson.ToJson(r.Profile, r.Diagnostics) + "\nlines: " + string.Join(",", r.Profile?.Papers.Select(p => p.Line) ?? []);

    [Fact]
    public void After_any_edits_a_cached_parse_equals_a_fresh_one()
    {
        Gen.Select(EditGen.Array[1, 6], Gen.Int[0, 3]).Sample(t =>
        {
            var (edits, aliases) = t;
            var options = new ProfileParseOptions { OwnerAliases = aliases == 0 ? [] : ["A. Lv"] };
            var cached = options with { Cache = new ProfileParseCache() };
            var lines = Reference.ToList();
            ProfileParser.Parse(string.Join('\n', lines), "p.txt", cached);
            foreach (var e in edits)
            {
                lines = Apply(lines, e);
                var text = string.Join('\n', lines);
                var again = ProfileParser.Parse(text, "p.txt", cached);
                var fresh = ProfileParser.Parse(text, "p.txt", options);
                if (Json(again) != Json(fresh)) return false;
            }
            return true;
        }, iter: 150);
    }

    // Small profiles whose papers share titles, dates and co-authors, retitled one entry at a time: the slugs claimed again
    // (a title that takes another paper's slug, or gives one up, or asks for one a suffix makes) and the co-authors' paper
    // lists (ordered by date, then slug, so papers of one day change places when one is renamed) are those of a fresh
    // read, and so are the warnings of repeated entries and of complete author lists without the owner. Serve settles
    // between some edits (the slug index is made then, and a retitle follows it without claiming every slug again).
    [Fact]
    public void Retitled_entries_give_the_slugs_co_authors_and_warnings_of_a_fresh_read()
    {
        string[] titles = ["Alpha", "Beta", "Alpha Beta", "Zeta", "Alpha-2", "Alpha 3", "Gamma", "Delta", "Epsilon", "Eta"];
        string[] dates = ["Jan 1, 2020", "Jan 1, 2021", "Mar 5, 2021"];
        string[] people = ["Ann Lee", "Bob Ray", "Cy Dee"];
        // Who: a bit per co-author, then (bit 3) the owner left out, (bit 4) the list cut with "et al.".
        var entry = Gen.Select(Gen.Int[0, titles.Length - 1], Gen.Int[0, dates.Length - 1], Gen.Int[1, 31], (t, d, who) => (Title: t, Date: d, Who: who));
        var retitle = Gen.Select(Gen.Int[0, 100], Gen.Int[0, titles.Length - 1], Gen.Bool);
        var (retitled, kept) = (0, 0);
        Gen.Select(entry.Array[1, 7], retitle.Array[1, 5]).Sample(t =>
        {
            var (entries, edits) = t;
            var list = entries.ToList();
            string Authors(int who) => string.Join(", ", people.Where((_, i) => (who & (1 << i)) != 0).Prepend((who & 8) == 0 ? "Ada Owner" : "Someone Else"))
                + ((who & 16) != 0 ? " et al." : "");
            string Text() => "Ada Owner\n\nCL\n\n" + string.Concat(list.Select(e => $"CL{dates[e.Date]}\n{titles[e.Title]}\n\n{Authors(e.Who)}\n\nAn abstract.\n\n"));
            var cache = new ProfileParseCache();
            var options = new ProfileParseOptions { Cache = cache };
            ProfileParser.Parse(Text(), "p.txt", options);
            foreach (var (at, title, settle) in edits)
            {
                if (settle) cache.Settle();
                var k = at % list.Count;
                list[k] = list[k] with { Title = title };
                var text = Text();
                if (Json(ProfileParser.Parse(text, "p.txt", options)) != Json(ProfileParser.Parse(text, "p.txt"))) return false;
            }
            (retitled, kept) = (retitled + cache.Retitled, kept + cache.ChecksKept);
            return true;
        }, iter: 400);
        // The shortcuts were taken, not only the long ways.
        Assert.True(retitled > 0 && kept > 0, $"{retitled} retitles and {kept} checks followed");
    }

    // After serve settles, a title edit that asks for a slug nobody has follows the slug index: the same model as a fresh
    // read, the co-authors of the paper with its new slug, the others the very co-authors of the last read. A title that
    // asks for a slug another paper has claims every slug again (and leaves no index for the next edit), and so does a
    // title that gives up a slug shaped like a suffix ("-2"), which another paper's suffix might have skipped.
    [Theory]
    [InlineData("Autonomy-of-Experts Models Revisited", 1, 2)]
    [InlineData("An Analysis and Mitigation of the Reversal Curse", 0, 0)]
    [InlineData("Autonomy-of-Experts Models 2", 1, 1)]
    public void A_settled_session_follows_a_retitled_entry_without_claiming_every_slug_again(string title, int followed, int then)
    {
        var cache = new ProfileParseCache();
        var options = new ProfileParseOptions { Cache = cache };
        var text = string.Join('\n', Reference) + "\n";
        var before = ProfileParser.Parse(text, "p.txt", options).Profile!;
        cache.Settle();
        var edited = text.Replace("\nAutonomy-of-Experts Models\n", "\n" + title + "\n", StringComparison.Ordinal);
        var result = ProfileParser.Parse(edited, "p.txt", options);
        Assert.Equal(Json(ProfileParser.Parse(edited, "p.txt")), Json(result));
        Assert.Equal(followed, cache.Retitled);
        Assert.Equal(1, cache.ChecksKept);
        var after = result.Profile!;
        var renamed = before.Papers.Zip(after.Papers).Where(p => p.First.Slug != p.Second.Slug).ToList();
        Assert.NotEmpty(renamed);
        Assert.Equal(before.CoAuthors.Count(c => !c.Papers.Any(s => renamed.Any(r => r.First.Slug == s))),
            after.CoAuthors.Zip(before.CoAuthors).Count(c => ReferenceEquals(c.First, c.Second)));
        // And the edit after it, on the index the retitle left.
        var again = edited.Replace("\n" + title + "\n", "\nAutonomy-of-Experts Models, Again\n", StringComparison.Ordinal);
        Assert.Equal(Json(ProfileParser.Parse(again, "p.txt")), Json(ProfileParser.Parse(again, "p.txt", options)));
        Assert.Equal(then, cache.Retitled);
    }

    [Fact]
    public void Only_the_edited_entry_is_read_again_and_a_moved_entry_keeps_its_messages_at_its_new_line()
    {
        var cache = new ProfileParseCache();
        var options = new ProfileParseOptions { Cache = cache };
        var text = string.Join('\n', Reference) + "\n\nZZJan 2, 2020\nA Paper Of An Unknown Category\n\nAng Lv\n";
        ProfileParser.Parse(text, "p.txt", options);
        Assert.Equal(0, cache.Reused);
        var edited = text.Replace("An Analysis and Mitigation of the Reversal Curse", "An Analysis of the Reversal Curse", StringComparison.Ordinal);
        ProfileParser.Parse(edited, "p.txt", options);
        Assert.Equal(21, cache.Reused);
        // Two lines added at the top move every entry, and the unknown category's warning with it.
        var moved = edited.Replace("21 Papers\n", "21 Papers\n\n\n", StringComparison.Ordinal);
        var result = ProfileParser.Parse(moved, "p.txt", options);
        Assert.Equal(22, cache.Reused);
        Assert.Equal(Json(ProfileParser.Parse(moved, "p.txt")), Json(result));
        var warning = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.UnknownCategory);
        Assert.Equal(moved.Split('\n').ToList().FindIndex(l => l.StartsWith("ZZJan", StringComparison.Ordinal)) + 1, warning.Line);
    }

    // An entry cut and pasted elsewhere is not where the last read had it: it is found by the content of its lines, and
    // not read again, whether serve settled (the lookup by content is made then) or not (it is made when first needed).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_entry_moved_elsewhere_is_found_by_its_lines_and_not_read_again(bool settle)
    {
        var cache = new ProfileParseCache();
        var options = new ProfileParseOptions { Cache = cache };
        var text = string.Join('\n', Reference) + "\n";
        ProfileParser.Parse(text, "p.txt", options);
        if (settle) cache.Settle();
        // The fifth entry (its header, title, authors, abstract and the blank lines after them) pasted before the first.
        var lines = text.Split('\n').ToList();
        var headers = lines.Select((l, i) => (l, i)).Where(p => System.Text.RegularExpressions.Regex.IsMatch(p.l, @"^[A-Z]{2}[A-Z][a-z]{2} \d")).Select(p => p.i).ToList();
        var fifth = lines.GetRange(headers[4], headers[5] - headers[4]);
        lines.RemoveRange(headers[4], fifth.Count);
        lines.InsertRange(headers[0], fifth);
        var moved = string.Join('\n', lines);
        var result = ProfileParser.Parse(moved, "p.txt", options);
        Assert.Equal(Json(ProfileParser.Parse(moved, "p.txt")), Json(result));
        Assert.Equal(21, cache.Reused);
    }

    // Slugs and co-authors are worked out again only when an entry's date or authors changed, or the entries' number:
    // otherwise the last read's are kept (its very papers for the entries it handed on), and a title that asks for
    // another slug gives slugs again and new paper lists to that paper's co-authors only. A fresh read must give the
    // same in every case.
    [Theory]
    [InlineData("To address this, we propose Autonomy-of-Experts", "To address this, we now propose Autonomy-of-Experts", "kept", 20)]
    [InlineData("21 Papers\n", "21 Papers\n\n\n", "kept", 0)]
    [InlineData("CLJan 22, 2025\n", "CLJan 22, 2025Code\n", "kept", 20)]
    [InlineData("\nAutonomy-of-Experts Models\n", "\nAutonomy-of-Experts Models Revisited\n", "renamed", 20)]
    // The newer paper now asks for the older one's slug: the older keeps it, the newer gets it with -2.
    [InlineData("\nAutonomy-of-Experts Models\n", "\nAn Analysis and Mitigation of the Reversal Curse\n", "renamed", 20)]
    // The older paper now asks for the newer one's slug and takes it: the newer paper, its entry untouched, is renamed.
    [InlineData("\nAn Analysis and Mitigation of the Reversal Curse\n", "\nAutonomy-of-Experts Models\n", "renamed", 19)]
    [InlineData("Ang Lv, Ruobing Xie, Yining Qian et al.", "Ang Lv, Ruobing Xie, Yining Qiang et al.", "made", 0)]
    [InlineData("CLJan 22, 2025\n", "CLJan 23, 2025\n", "made", 0)]
    public void Slugs_and_co_authors_are_kept_while_no_entry_changed_its_date_or_authors(string from, string to, string model, int untouched)
    {
        var cache = new ProfileParseCache();
        var options = new ProfileParseOptions { Cache = cache };
        var text = string.Join('\n', Reference) + "\n";
        var before = ProfileParser.Parse(text, "p.txt", options).Profile!;
        Assert.Contains(from, text);
        var edited = text.Replace(from, to, StringComparison.Ordinal);
        var result = ProfileParser.Parse(edited, "p.txt", options);
        Assert.Equal(Json(ProfileParser.Parse(edited, "p.txt")), Json(result));
        var after = result.Profile!;
        Assert.Equal(model == "kept", after.CoAuthors == before.CoAuthors);
        // The co-authors of a renamed paper list its new slug; the others are the very co-authors of the last read.
        var renamed = before.Papers.Zip(after.Papers).Where(p => p.First.Slug != p.Second.Slug).Select(p => p.First.Slug).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(model == "renamed", renamed.Count > 0);
        var sameCoAuthors = after.CoAuthors.Zip(before.CoAuthors).Count(c => ReferenceEquals(c.First, c.Second));
        Assert.Equal(model == "made" ? 0 : before.CoAuthors.Count(c => !c.Papers.Any(renamed.Contains)), sameCoAuthors);
        // The entries the edit did not touch are the very papers of the last read, unless the model was made again.
        var same = after.Papers.Zip(before.Papers).Count(p => ReferenceEquals(p.First, p.Second));
        Assert.Equal(untouched, same);
    }

    // An entry whose lines all come from the last read keeps the key it had there only if it began and ended at the same
    // lines: here an edit inside a line of one paper's text makes that line a header, so the paper before it now ends there.
    [Theory]
    [InlineData(" and more words.", "")]
    [InlineData("", " and more words.")]
    public void An_edit_inside_a_line_that_makes_or_unmakes_a_header_splits_the_entries_as_a_fresh_read_does(string before, string after)
    {
        var cached = new ProfileParseOptions { Cache = new ProfileParseCache() };
        var lines = Reference.ToList();
        var at = lines.FindIndex(l => l.StartsWith("Mixture-of-Experts (MoE) models mostly", StringComparison.Ordinal));
        lines.Insert(at + 1, "");
        lines.Insert(at + 2, "CLJan 2, 2020" + before);
        lines.Insert(at + 3, "");
        lines.Insert(at + 4, "A Paper Inside Another");
        var text = string.Join('\n', lines) + "\n";
        ProfileParser.Parse(text, "p.txt", cached);
        var edited = text.Replace("CLJan 2, 2020" + before + "\n", "CLJan 2, 2020" + after + "\n", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        var fresh = ProfileParser.Parse(edited, "p.txt");
        Assert.Equal(Json(fresh), Json(ProfileParser.Parse(edited, "p.txt", cached)));
        // The line is a header on one side only: the reads differ (not a vacuous comparison).
        Assert.NotEqual(Json(ProfileParser.Parse(text, "p.txt")), Json(fresh));
    }

    // The lines a read shares with the last one, at the start and at the end of the text, are taken from it rather than
    // split again; how the text is cut into lines must not change. Edits here are of characters, anywhere (inside a
    // CRLF, before or after a byte order mark), and lines end in LF, CRLF or CR, mixed.
    private static readonly string[] Snippets = ["\n", "\r", "\r\n", "\n\n", "x", "  ", "\uFEFF", "\nCLJan 2, 2020\nA Title\n\nAng Lv\n\nText.\n", "Code", "\nZZ Mar 3 2021\n"];

    private sealed record CharEdit(bool Insert, int At, int Length, int Pick);

    private static readonly Gen<CharEdit> CharEditGen =
        Gen.Select(Gen.Bool, Gen.Int[0, 1_000_000], Gen.Int[0, 6], Gen.Int[0, Snippets.Length - 1], (i, a, l, p) => new CharEdit(i, a, l, p));

    private static string Apply(string text, CharEdit e)
    {
        var at = text.Length == 0 ? 0 : e.At % (text.Length + 1);
        return e.Insert ? text.Insert(at, Snippets[e.Pick]) : text.Remove(at, Math.Min(e.Length, text.Length - at));
    }

    [Fact]
    public void After_any_character_edits_with_any_line_ends_a_read_that_reuses_lines_equals_a_fresh_one()
    {
        Gen.Select(Gen.Int[0, 2].Array[Reference.Length], Gen.Bool, CharEditGen.Array[1, 5]).Sample(t =>
        {
            var (ends, bom, edits) = t;
            var cached = new ProfileParseOptions { Cache = new ProfileParseCache() };
            var text = (bom ? "\uFEFF" : "") + string.Concat(Reference.Select((l, i) => l + (ends[i] switch { 0 => "\n", 1 => "\r\n", _ => "\r" })));
            ProfileParser.Parse(text, "p.txt", cached);
            foreach (var e in edits)
            {
                text = Apply(text, e);
                var again = ProfileParser.Parse(text, "p.txt", cached);
                var fresh = ProfileParser.Parse(text, "p.txt");
                if (Json(again) != Json(fresh)) return false;
            }
            return true;
        }, iter: 300);
    }

    // A session reads the profile file into a kept buffer and decodes only the bytes that differ from the last read. The
    // text must be what decoding the whole file gives, whatever the edit: into a multi-byte character or between its
    // bytes, invalid UTF-8, a BOM, line ends of any kind, a file that grows or shrinks (the buffer is then reused longer
    // than the file).
    private static readonly byte[][] ByteSnippets =
    [
        "\n"u8.ToArray(), "\r\n"u8.ToArray(), "é"u8.ToArray(), "吕昂"u8.ToArray(), "😀\n"u8.ToArray(), [0xE5], [0x90, 0x95], [0xFF, 0xC3], [0xEF, 0xBB, 0xBF],
        "x"u8.ToArray(), "\nCLJan 2, 2020\nA Title\n\nAng Lv\n\nText.\n"u8.ToArray(),
    ];

    private static byte[] Apply(byte[] bytes, CharEdit e)
    {
        var at = bytes.Length == 0 ? 0 : e.At % (bytes.Length + 1);
        return e.Insert ? [.. bytes.AsSpan(0, at), .. ByteSnippets[e.Pick % ByteSnippets.Length], .. bytes.AsSpan(at)]
            : [.. bytes.AsSpan(0, at), .. bytes.AsSpan(Math.Min(bytes.Length, at + e.Length))];
    }

    [Fact]
    public void A_file_read_that_decodes_only_what_changed_gives_the_text_a_whole_decode_gives()
    {
        using var dir = new TempDirectory();
        var start = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Reference.Take(60)) + "\n");
        Gen.Select(Gen.Bool, CharEditGen.Array[1, 8]).Sample(t =>
        {
            var (bom, edits) = t;
            // CsCheck runs samples on several threads at once: a file each.
            var path = dir[Guid.NewGuid().ToString("N") + ".txt"];
            var cache = new ProfileParseCache();
            var bytes = bom ? [0xEF, 0xBB, 0xBF, .. start] : start;
            File.WriteAllBytes(path, bytes);
            if (cache.Read(path).Whole != System.Text.Encoding.UTF8.GetString(bytes)) return false;
            foreach (var e in edits)
            {
                bytes = Apply(bytes, e);
                File.WriteAllBytes(path, bytes);
                if (cache.Read(path).Whole != System.Text.Encoding.UTF8.GetString(bytes)) return false;
            }
            return true;
        }, iter: 300);
    }

    // The way serve reads: from the file, each text spliced into the last one (and made whole only when the session
    // settles, or not before the next edit), the same text read twice (the head start, then the rebuild). Every read
    // gives what a fresh read of the text gives.
    [Fact]
    public void Reading_a_file_as_serve_does_after_any_edits_equals_a_fresh_read()
    {
        using var dir = new TempDirectory();
        Gen.Select(EditGen.Array[1, 6], Gen.Bool.Array[6], Gen.Bool.Array[6]).Sample(t =>
        {
            var (edits, settle, twice) = t;
            var path = dir[Guid.NewGuid().ToString("N") + ".txt"];
            var cache = new ProfileParseCache();
            var options = new ProfileParseOptions { Cache = cache };
            var lines = Reference.ToList();
            File.WriteAllText(path, string.Join('\n', lines));
            ProfileParser.ParseFile(path, options, "p.txt");
            for (var i = 0; i < edits.Length; i++)
            {
                lines = Apply(lines, edits[i]);
                var text = string.Join('\n', lines);
                File.WriteAllText(path, text);
                var fresh = Json(ProfileParser.Parse(text, "p.txt"));
                if (Json(ProfileParser.ParseFile(path, options, "p.txt")) != fresh) return false;
                if (twice[i] && Json(ProfileParser.ParseFile(path, options, "p.txt")) != fresh) return false;
                if (settle[i]) cache.Settle();
            }
            return true;
        }, iter: 150);
    }

    // The head start and the rebuild read the same bytes: the second parse is the first one's result.
    [Fact]
    public void The_same_bytes_read_again_give_the_last_result_unless_the_aliases_or_the_name_differ()
    {
        using var dir = new TempDirectory();
        var path = dir["p.txt"];
        File.WriteAllText(path, string.Join('\n', Reference));
        var options = new ProfileParseOptions { Cache = new ProfileParseCache() };
        var first = ProfileParser.ParseFile(path, options, "p.txt");
        Assert.Same(first, ProfileParser.ParseFile(path, options with { }, "p.txt"));
        var aliased = ProfileParser.ParseFile(path, options with { OwnerAliases = ["A. Lv"] }, "p.txt");
        Assert.NotSame(first, aliased);
        Assert.NotSame(aliased, ProfileParser.ParseFile(path, options, "q.txt"));
        File.WriteAllText(path, string.Join('\n', Reference).Replace("Ang Lv", "Ang  Lv", StringComparison.Ordinal));
        var edited = ProfileParser.ParseFile(path, options, "p.txt");
        Assert.NotSame(first, edited);
        Assert.Equal(Json(ProfileParser.Parse(File.ReadAllText(path), "p.txt")), Json(edited));
    }

    // Each edit in serve usually makes the file a few bytes longer. Reading it into a buffer of exactly the last size
    // meant a new file-sized array at every edit (17 MB at 10,000 papers): fresh memory, which a virtual machine whose
    // free pages go back to its host faults in at ~60 ms. Growing by a few bytes reuses the buffers kept.
    [Fact]
    public void A_file_that_grew_a_little_is_read_into_the_buffers_kept_from_the_reads_before()
    {
        using var dir = new TempDirectory();
        var path = dir["p.txt"];
        var text = string.Concat(Enumerable.Repeat(string.Join('\n', Reference) + "\n", 40));
        File.WriteAllText(path, text);
        var cache = new ProfileParseCache();
        cache.Read(path);
        File.WriteAllText(path, text + "x");
        cache.Read(path);
        for (var i = 0; i < 4; i++)
        {
            text += " (edited)";
            File.WriteAllText(path, text);
            cache.Settle(); // as serve does once a build is written
            var before = GC.GetAllocatedBytesForCurrentThread();
            var read = cache.Read(path);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(text, read.Whole);
            Assert.True(allocated < text.Length / 2, $"read {i} allocated {allocated:N0} bytes for a file of {text.Length:N0}");
        }
    }

    // A spliced text's characters, in any range, are the whole text's.
    [Fact]
    public void A_spliced_text_slices_as_its_whole_text_does()
    {
        Gen.Select(Gen.String[0, 12], Gen.String[0, 6], Gen.Int[0, 100], Gen.Int[0, 100]).Sample(t =>
        {
            var (before, middle, h, k) = t;
            var head = before.Length == 0 ? 0 : h % (before.Length + 1);
            var tail = before.Length - head == 0 ? 0 : k % (before.Length - head + 1);
            var text = ProfileText.Spliced(before, head, middle, tail);
            var whole = before[..head] + middle + before[^tail..];
            if (text.Length != whole.Length || text.First != (whole.Length == 0 ? '\0' : whole[0])) return false;
            for (var from = 0; from <= whole.Length; from++)
            {
                for (var to = from; to <= whole.Length; to++)
                {
                    if (!text.Slice(from, to).SequenceEqual(whole.AsSpan(from, to - from))) return false;
                }
            }
            return text.Whole == whole;
        }, iter: 500);
    }

    [Theory]
    [InlineData("a\nb\nc\n", "a\nb\nc\n")]
    [InlineData("a\nb\nc\n", "a\nB\nc\n")]
    [InlineData("a\nb\nc\n", "a\nb\nc\nd")]
    [InlineData("a\nb\nc\n", "a\nb\n")]
    [InlineData("a\nb\nc\n", "")]
    [InlineData("", "x\n")]
    [InlineData("é\né\n", "é\nè\n")]
    [InlineData("ab\nab\nab\n", "ab\nab\n")]
    public void Splicing_a_decoded_text_gives_the_whole_decode(string before, string after)
    {
        var (b, a) = (System.Text.Encoding.UTF8.GetBytes(before), System.Text.Encoding.UTF8.GetBytes(after));
        Assert.Equal(after, ProfileParseCache.Splice(b, ProfileText.Of(before), a).Whole);
    }

    // A line end that changes kind where the edit is: a CR that a new LF after it makes a CRLF (the next line no longer
    // starts after the CR), and a CRLF that loses its LF.
    [Theory]
    [InlineData("\r", "\n")]
    [InlineData("\r\n", "")]
    [InlineData("\n", "\r")]
    public void A_line_end_that_changes_kind_is_split_as_a_fresh_read_splits_it(string end, string change)
    {
        foreach (var line in new[] { 3, 10, 25 })
        {
            var cached = new ProfileParseOptions { Cache = new ProfileParseCache() };
            var text = string.Join(end, Reference);
            ProfileParser.Parse(text, "p.txt", cached);
            var at = Reference.Take(line).Sum(l => l.Length + end.Length) - (change.Length == 0 ? 1 : 0);
            var edited = change.Length == 0 ? text.Remove(at, 1) : text.Insert(at, change);
            Assert.Equal(Json(ProfileParser.Parse(edited, "p.txt")), Json(ProfileParser.Parse(edited, "p.txt", cached)));
        }
    }

    [Fact]
    public void A_title_edit_splits_only_the_lines_it_touched()
    {
        var cache = new ProfileParseCache();
        var options = new ProfileParseOptions { Cache = cache };
        var text = string.Join("\r\n", Reference);
        ProfileParser.Parse(text, "p.txt", options);
        Assert.Equal(0, cache.LinesReused);
        var edited = text.Replace("Mitigation of the Reversal Curse", "Mitigation of the Reversal Curses", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        ProfileParser.Parse(edited, "p.txt", options);
        Assert.InRange(cache.LinesReused, Reference.Length - 2, Reference.Length - 1);
    }

    [Fact]
    public void Another_file_or_math_renderer_is_read_afresh()
    {
        var cache = new ProfileParseCache();
        var text = string.Join('\n', Reference);
        ProfileParser.Parse(text, "a.txt", new ProfileParseOptions { Cache = cache });
        ProfileParser.Parse(text, "b.txt", new ProfileParseOptions { Cache = cache });
        Assert.Equal(0, cache.Reused);
        ProfileParser.Parse(text, "b.txt", new ProfileParseOptions { Cache = cache });
        Assert.Equal(21, cache.Reused);
    }
}

/// <summary>ParseFile reads the file's bytes once: with or without a UTF-8 byte order mark, or as UTF-16, the profile is the same.</summary>
public class ProfileFileEncodingTests
{
    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16")]
    public void A_profile_file_reads_the_same_in_any_unicode_encoding(string encoding)
    {
        using var dir = new TempDirectory();
        var text = File.ReadAllText(TestPaths.ReferenceProfile);
        var path = dir["p.txt"];
        File.WriteAllBytes(path, encoding switch
        {
            "utf-8" => System.Text.Encoding.UTF8.GetBytes(text),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)],
            _ => [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)],
        });
        var fromFile = ProfileParser.ParseFile(path, displayPath: "p.txt");
        var fromText = ProfileParser.Parse(text, "p.txt");
        Assert.Equal(ProfileJson.ToJson(fromText.Profile, fromText.Diagnostics), ProfileJson.ToJson(fromFile.Profile, fromFile.Diagnostics));
        Assert.Equal(21, fromFile.Profile!.Papers.Length);
        // As a serve session reads it (its kept buffer, decoded the same way).
        var inSession = ProfileParser.ParseFile(path, new ProfileParseOptions { Cache = new ProfileParseCache() }, "p.txt");
        Assert.Equal(ProfileJson.ToJson(fromText.Profile, fromText.Diagnostics), ProfileJson.ToJson(inSession.Profile, inSession.Diagnostics));
    }
}
