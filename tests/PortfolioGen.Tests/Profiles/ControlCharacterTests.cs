using System.Text;
using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>
/// A control character in a profile (a NUL, an escape, a bell pasted with a title) is an error at its line and column on
/// every path that reads one, not raw bytes in the HTML or a feed that fails without saying where.
/// </summary>
public class ControlCharacterTests
{
    // Line 27 is the title "An Analysis and Mitigation of the Reversal Curse"; column 4 is the space after "An".
    private static string WithTitleControl(char c) => BadInput.With(27, $"An{c} Analysis and Mitigation of the Reversal Curse");

    private static string Expected(char c) => $"p.txt(27,3): error PG0022: this line has a control character (U+{(int)c:X4} at column 3); delete it";

    [Theory]
    [InlineData('\0')]
    [InlineData('\u001b')]
    [InlineData('\u0007')]
    [InlineData('\u000b')]
    [InlineData('\u007f')]
    [InlineData('\u0085')]
    [InlineData('\u009b')]
    public void A_control_character_in_a_title_is_an_error_at_its_line_and_column(char c)
    {
        var r = ProfileParser.Parse(WithTitleControl(c), "p.txt");
        Assert.Equal(Expected(c), BadInput.Errors(r));
    }

    // U+FFFE (a byte-swapped byte-order mark, pasted from a UTF-16 file read the wrong way round) and U+FFFF are
    // valid UTF-8 but no XML document may hold them, so the feed could not be written; and .NET's normalisation, which
    // reads every name, throws on U+FFFE. They are errors at their place like the controls, never a crash.
    [Theory]
    [InlineData('\uFFFE')]
    [InlineData('\uFFFF')]
    public void A_noncharacter_no_XML_may_hold_is_an_error_at_its_line_and_column(char c)
    {
        var r = ProfileParser.Parse(WithTitleControl(c), "p.txt");
        Assert.Equal(Expected(c), BadInput.Errors(r));
        // In a name too: every author is read (normalised to know the same person twice), and the error still stands.
        var named = ProfileParser.Parse(BadInput.With(29, $"Ang Lv, Kai{c}yi Zhang, Shufang Xie et al."), "p.txt");
        Assert.Equal($"p.txt(29,12): error PG0022: this line has a control character (U+{(int)c:X4} at column 12); delete it", BadInput.Errors(named));
    }

    [Fact]
    public void In_an_abstract_too_with_its_indent_counted()
    {
        // Line 17 is the first abstract.
        var r = ProfileParser.Parse(BadInput.With(17, "  Lyric\0-to-melody generation."), "p.txt");
        Assert.Equal("p.txt(17,8): error PG0022: this line has a control character (U+0000 at column 8); delete it", BadInput.Errors(r));
    }

    [Fact]
    public void Tabs_are_not_control_characters_here()
    {
        var r = ProfileParser.Parse(BadInput.With(27, "An\tAnalysis and Mitigation of the Reversal Curse"), "p.txt");
        Assert.Empty(r.Diagnostics);
    }

    [Fact]
    public void Files_serve_and_pipes_find_it_too()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "p.txt");
        var bad = Encoding.UTF8.GetBytes(WithTitleControl('\u001b'));
        File.WriteAllBytes(path, bad);
        Assert.Equal(Expected('\u001b'), BadInput.Errors(ProfileParser.ParseFile(path, displayPath: "p.txt")));
        // Serve reads the file sound, then with the escape, then mended.
        var options = new ProfileParseOptions { Cache = new ProfileParseCache() };
        File.WriteAllBytes(path, File.ReadAllBytes(TestPaths.ReferenceProfile));
        Assert.Empty(ProfileParser.ParseFile(path, options, "p.txt").Diagnostics);
        File.WriteAllBytes(path, bad);
        Assert.Equal(Expected('\u001b'), BadInput.Errors(ProfileParser.ParseFile(path, options, "p.txt")));
        // An edit elsewhere: the line with the escape is kept from the last read, and still reported.
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(WithTitleControl('\u001b').Replace("Lyric-to-melody", "Lyric-to-Melody", StringComparison.Ordinal)));
        Assert.Equal(Expected('\u001b'), BadInput.Errors(ProfileParser.ParseFile(path, options, "p.txt")));
        File.WriteAllBytes(path, File.ReadAllBytes(TestPaths.ReferenceProfile));
        Assert.Empty(ProfileParser.ParseFile(path, options, "p.txt").Diagnostics);
        Assert.Equal(Expected('\u001b'), BadInput.Errors(ProfileParser.ParseBytes(bad, "p.txt")));
    }

    [Fact]
    public void The_build_fails_at_the_profile_not_in_the_feed()
    {
        using var site = new Site.TestSite(Site.TestSite.SmallProfile);
        File.WriteAllBytes(Path.Combine(site.Root, "seeds", "ada.txt"), "Ada\n\nCLFeb 3, 2024\nT\0\n\nAda\n"u8.ToArray());
        var r = Cli.CliRunner.Run(site.Root, "build", "--base-url", "https://ada.example.org/");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("seeds/ada.txt(4,2): error PG0022: this line has a control character (U+0000 at column 2); delete it", r.Stderr);
        Assert.DoesNotContain("PG0403", r.Stderr);
    }

    [Theory]
    [InlineData("\uFFFE")]
    [InlineData("\uFFFF")]
    public void A_noncharacter_fails_the_build_at_the_profile_not_with_a_crash_or_in_the_feed(string c)
    {
        using var site = new Site.TestSite(Site.TestSite.SmallProfile);
        File.WriteAllBytes(Path.Combine(site.Root, "seeds", "ada.txt"), Encoding.UTF8.GetBytes($"Ada\n\nCLFeb 3, 2024\nT{c}\n\nAda, Bo{c}b\n"));
        var r = Cli.CliRunner.Run(site.Root, "build", "--base-url", "https://ada.example.org/");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"seeds/ada.txt(4,2): error PG0022: this line has a control character (U+{(int)c[0]:X4} at column 2); delete it", r.Stderr);
        Assert.Contains($"seeds/ada.txt(6,8): error PG0022", r.Stderr);
        Assert.DoesNotContain("PG0403", r.Stderr);
        Assert.DoesNotContain("Unhandled", r.Stderr);
    }
}
