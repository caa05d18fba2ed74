using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>A profile that is not UTF-8 is an error at the line and column of its first bad byte, on every path that reads one.</summary>
public class InvalidUtf8Tests
{
    private static byte[] Latin1Title()
    {
        var bytes = File.ReadAllBytes(TestPaths.ReferenceProfile);
        var at = bytes.AsSpan().IndexOf("Reversal Curse"u8);
        bytes[at + 3] = 0xE9; // "Rev\xE9rsal": a Latin-1 é where UTF-8 needs two bytes
        return bytes;
    }

    private const string Expected = "(27,38): error PG0020: this line is not valid UTF-8 (byte 0xE9 at column 38); save the profile as UTF-8";

    [Fact]
    public void A_byte_that_is_not_utf8_is_an_error_at_its_line_and_column()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "p.txt");
        File.WriteAllBytes(path, Latin1Title());
        var r = ProfileParser.ParseFile(path, displayPath: "p.txt");
        Assert.Equal("p.txt" + Expected, BadInput.Errors(r));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(4096)]
    public void Found_whichever_piece_of_the_file_it_lies_in(int pieceBytes)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "p.txt");
        // A BOM; "Café" then a Latin-1 é (0xE9) before "t"; a stray continuation byte after an indent; a character cut
        // short at the end of the file.
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "Ada\n\nCLMar 4, 2024\r\nCaf\u00e9 "u8, 0xE9, .. "t\u00e9\r\n\nAda\n  "u8, 0x80, .. "x\n"u8, 0xC3];
        File.WriteAllBytes(path, bytes);
        (int, int, byte)[] expected = [(4, 6, 0xE9), (7, 3, 0x80), (8, 1, 0xC3)];
        using var handle = File.OpenHandle(path);
        var split = Utf8Lines.Read(handle, 3, pieceBytes);
        Assert.Equal(expected, split.Invalid.Select(x => (x.Line, x.Column, x.Byte)));
        Assert.Equal(expected, Utf8Lines.FindInvalid(bytes).Select(x => (x.Line, x.Column, x.Byte)));
        Assert.Equal("Caf\u00e9 \uFFFDt\u00e9", split.Lines[3]);
    }

    [Fact]
    public void Serve_and_pipes_find_it_too()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "p.txt");
        File.WriteAllBytes(path, File.ReadAllBytes(TestPaths.ReferenceProfile));
        var options = new ProfileParseOptions { Cache = new ProfileParseCache() };
        Assert.Empty(ProfileParser.ParseFile(path, options, "p.txt").Diagnostics);
        // Serve reads the file again after an edit that makes it invalid, then after one that mends it.
        File.WriteAllBytes(path, Latin1Title());
        Assert.Equal("p.txt" + Expected, BadInput.Errors(ProfileParser.ParseFile(path, options, "p.txt")));
        File.WriteAllBytes(path, File.ReadAllBytes(TestPaths.ReferenceProfile));
        Assert.Empty(ProfileParser.ParseFile(path, options, "p.txt").Diagnostics);
        // A pipe is read to its end as text (see ParseFile).
        Assert.Equal("p.txt" + Expected, BadInput.Errors(ProfileParser.ParseBytes(Latin1Title(), "p.txt")));
    }

    [Fact]
    public void The_build_fails_and_writes_nothing()
    {
        using var site = new Site.TestSite(Site.TestSite.SmallProfile);
        Assert.Equal(0, Cli.CliRunner.Run(site.Root, "build").ExitCode);
        var before = Site.BuildIntegrationTests.Snapshot(Path.Combine(site.Root, "_site"));
        File.WriteAllBytes(Path.Combine(site.Root, "seeds", "ada.txt"), [.. "Ada\n\nCLFeb 3, 2024\nT"u8.ToArray(), 0xE9, .. "\n\nAda\n"u8.ToArray()]);
        var r = Cli.CliRunner.Run(site.Root, "build");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("seeds/ada.txt(4,2): error PG0020: this line is not valid UTF-8 (byte 0xE9 at column 2)", r.Stderr);
        Assert.Equal(before, Site.BuildIntegrationTests.Snapshot(Path.Combine(site.Root, "_site")));
    }

    // The reference profile as UTF-16 (little-endian unless told), with its byte-order mark.
    private static byte[] Utf16(bool bigEndian = false)
    {
        var encoding = new System.Text.UnicodeEncoding(bigEndian, byteOrderMark: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(File.ReadAllText(TestPaths.ReferenceProfile))];
    }

    // Every way a profile file is read: a build (ParseFile), a serve session (its cache), a pipe (ParseBytes).
    private static IEnumerable<string> ReadEveryWay(byte[] bytes)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "p.txt");
        File.WriteAllBytes(path, bytes);
        yield return BadInput.Errors(ProfileParser.ParseFile(path, displayPath: "p.txt"));
        yield return BadInput.Errors(ProfileParser.ParseFile(path, new ProfileParseOptions { Cache = new ProfileParseCache() }, "p.txt"));
        yield return BadInput.Errors(ProfileParser.ParseBytes(bytes, "p.txt"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_lone_surrogate_in_a_utf16_profile_is_an_error_at_its_line_and_column(bool bigEndian)
    {
        // "\xD800" before the owner's name, and a lone low surrogate in the middle of line 3: the title would start with U+FFFD.
        var bytes = Utf16(bigEndian).ToList();
        bytes.InsertRange(2, bigEndian ? [0xD8, 0x00] : [0x00, 0xD8]);
        // And a lone low surrogate after the 3rd character of the first abstract.
        var lines = File.ReadAllText(TestPaths.ReferenceProfile).Split('\n');
        var abstractLine = Array.FindIndex(lines, l => l.Length > 200);
        var at = 2 + 2 * (1 + lines.Take(abstractLine).Sum(l => l.Length + 1) + 3);
        bytes.InsertRange(at, bigEndian ? [0xDC, 0x05] : [0x05, 0xDC]);
        foreach (var errors in ReadEveryWay([.. bytes]))
        {
            Assert.Equal("p.txt(1,1): error PG0020: this line is not valid UTF-16 (an unpaired surrogate 0xD800 at column 1); save the profile as UTF-8\n"
                + $"p.txt({abstractLine + 1},4): error PG0020: this line is not valid UTF-16 (an unpaired surrogate 0xDC05 at column 4); save the profile as UTF-8", errors);
        }
    }

    [Fact]
    public void A_utf16_profile_of_an_odd_number_of_bytes_is_an_error_where_the_half_character_stands()
    {
        var text = File.ReadAllText(TestPaths.ReferenceProfile).ReplaceLineEndings("\n");
        var lines = text.Split('\n');
        foreach (var errors in ReadEveryWay([.. Utf16(), 0x41]))
        {
            Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"p.txt({lines.Length},{lines[^1].Length + 1}): error PG0020: this line is not valid UTF-16 (the file ends in half a character, byte 0x41 at column {lines[^1].Length + 1}); save the profile as UTF-8"), errors);
        }
    }

    [Fact]
    public void A_sound_utf16_profile_has_no_such_error()
    {
        foreach (var errors in ReadEveryWay(Utf16())) Assert.Equal("", errors);
        foreach (var errors in ReadEveryWay(Utf16(bigEndian: true))) Assert.Equal("", errors);
    }

    [Fact]
    public void The_build_of_a_utf16_profile_with_a_lone_surrogate_fails()
    {
        using var site = new Site.TestSite(Site.TestSite.SmallProfile);
        var bytes = System.Text.Encoding.Unicode.GetBytes(File.ReadAllText(Path.Combine(site.Root, "seeds", "ada.txt")));
        File.WriteAllBytes(Path.Combine(site.Root, "seeds", "ada.txt"), [0xFF, 0xFE, 0x00, 0xD8, .. bytes]);
        var r = Cli.CliRunner.Run(site.Root, "build");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("seeds/ada.txt(1,1): error PG0020: this line is not valid UTF-16 (an unpaired surrogate 0xD800 at column 1)", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "_site")));
    }
}
