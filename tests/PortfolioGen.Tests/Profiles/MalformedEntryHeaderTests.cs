using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>
/// A mistyped entry header is an error at its line: read as text, the paper it was meant to start would silently become
/// part of the abstract before it (or, before the first entry, ignored header lines).
/// </summary>
public class MalformedEntryHeaderTests
{
    private static string Expected(int line, string header)
        => $"p.txt({line},1): error PG0011: '{header}' looks like an entry header but is not one; write it as CODE + 'Mon D, YYYY' + optional 'Code', e.g. 'CLJun 29, 2023Code'";

    [Theory]
    [InlineData("CLJun 29, 2023 Code available")]
    [InlineData("CL2023-06-29")]
    [InlineData("CLJun 129, 2023")]
    [InlineData("cl Jun 29, 2023")]
    [InlineData("CL 06/29/2023")]
    [InlineData("cs.CL, cs.AIJun 29, 2023")]
    [InlineData("CL")]
    public void A_mistyped_header_is_an_error_at_its_line(string header)
    {
        // Line 19 is the header of the DialoGPS paper, after the first paper's abstract.
        var r = ProfileParser.Parse(BadInput.With(19, header), "p.txt");
        Assert.Equal(Expected(19, header), BadInput.Errors(r));
        // The paper count the profile declares counts the paper that header meant: no second message for one typo.
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.PaperCountMismatch);
    }

    [Theory]
    [InlineData("SDAug 11, 2022 Code available")]
    [InlineData("SD2022-08-11")]
    [InlineData("SDAug 111, 2022")]
    [InlineData("sd Aug 11, 2022")]
    [InlineData("SD 08/11/2022")]
    [InlineData("cs.SD, eess.ASAug 11, 2022")]
    [InlineData("SD")]
    [InlineData("SDAugust 11, 2022")]
    public void On_the_first_entry_it_is_an_error_too_not_ignored_header_lines(string header)
    {
        // Line 12 is the first entry's header: the lines of that entry are not reported as header lines as well.
        var r = ProfileParser.Parse(BadInput.With(12, header), "p.txt");
        Assert.Equal(Expected(12, header), BadInput.Errors(r));
        Assert.DoesNotContain(r.Diagnostics, d => d.Code is DiagnosticCodes.UnrecognisedHeaderLine or DiagnosticCodes.DuplicateHeaderValue);
    }

    [Theory]
    // Abstract lines that start with what a category is spelt like, before lines that are not a title and authors.
    [InlineData("AI 2027 scenarios are discussed\nin Section 3, with results\non GLUE and SuperGLUE.")]
    [InlineData("We compare three systems.\n\nCL\nis our shorthand for computational linguistics.")]
    [InlineData("As noted\nat Jun 5, 2023, the results\nwere published; Bo Li, Chen Wei agree.")]
    [InlineData("CV 2 (see Table 1) is the second cross-validation fold.\n\nIt is shown here.\n\nAnd so on.")]
    // A version number is no date, though a title-like line and names follow it.
    [InlineData("We study LLMs.\nCV 2.0 Suite\nBenchmarks For Vision\nMeta Research, Google Brain")]
    [InlineData("We study agents.\nAI 2.0 Agents\nA Survey Of Tools\nAda Researcher, Bo Li")]
    public void Abstract_prose_is_not_a_header(string abstractText)
    {
        var text = $"Ada Researcher\n\nCLMar 4, 2024\nA Title\n\nAda Researcher, Bo Li\n\n{abstractText}\n";
        var r = ProfileParser.Parse(text, "p.txt");
        Assert.Empty(r.Diagnostics);
        Assert.Single(r.Profile!.Papers);
    }

    [Fact]
    public void A_primary_category_before_the_figures_is_not_a_header()
    {
        var text = "Ada Researcher\nCL\nh-index3\n\nLGJan 5, 2024\nA Title\n\nAda Researcher\n";
        Assert.Empty(ProfileParser.Parse(text, "p.txt").Diagnostics);
        text = "Ada Researcher\nCL\n\nLGJan 5, 2024\nA Title\n\nAda Researcher\n";
        Assert.Empty(ProfileParser.Parse(text, "p.txt").Diagnostics);
    }

    [Theory]
    [InlineData("SDAug 11, 0000", "p.txt(12,11): error PG0002: 'Aug 11, 0000' is not a date: the year 0000 is out of range (1 to 9999)")]
    [InlineData("SDAug 0, 2022", "p.txt(12,7): error PG0002: 'Aug 0, 2022' is not a date: days start at 1")]
    [InlineData("SDAug 00, 2022", "p.txt(12,7): error PG0002: 'Aug 00, 2022' is not a date: days start at 1")]
    [InlineData("SDSep 31, 2022", "p.txt(12,7): error PG0002: 'Sep 31, 2022' is not a date: Sep has 30 days")]
    [InlineData("SDFeb 29, 2023", "p.txt(12,7): error PG0002: 'Feb 29, 2023' is not a date: 2023 is not a leap year")]
    [InlineData("SDFeb 30, 2024", "p.txt(12,7): error PG0002: 'Feb 30, 2024' is not a date: Feb has 29 days")]
    public void A_date_that_does_not_exist_says_why(string header, string expected)
    {
        var r = ProfileParser.Parse(BadInput.With(12, header), "p.txt");
        Assert.Equal(expected, BadInput.Errors(r));
    }
}
