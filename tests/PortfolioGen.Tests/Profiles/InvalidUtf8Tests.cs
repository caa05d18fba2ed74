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
}
