using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>A title or author line left out is an error where it is missing, not a paper titled with its authors or co-authors made of its abstract.</summary>
public class MissingTitleAndAuthorLineTests
{
    [Fact]
    public void A_missing_title_line_is_an_error_where_the_title_should_be()
    {
        // Line 27 is the title of the reversal-curse paper: its author line moves up, to line 28 after the blank line.
        var r = ProfileParser.Parse(BadInput.With(27), "p.txt");
        Assert.True(r.HasErrors, string.Join('\n', r.Diagnostics));
        Assert.StartsWith("p.txt(28,1): error PG0006: ", BadInput.Errors(r));
        Assert.Contains("'Ang Lv, Kaiyi Zhang, Shufang Xie et al.' is an author list, not a title", BadInput.Errors(r));
        Assert.DoesNotContain(r.Profile!.Papers, p => p.Title.StartsWith("Ang Lv", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Profile.CoAuthors, c => c.Name.Contains("research", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_blank_author_line_is_an_error_at_the_prose_read_in_its_place()
    {
        var r = ProfileParser.Parse(BadInput.With(29, ""), "p.txt");
        Assert.True(r.HasErrors, string.Join('\n', r.Diagnostics));
        Assert.StartsWith("p.txt(31,1): error PG0007: the entry 'An Analysis and Mitigation of the Reversal Curse' has no author line", BadInput.Errors(r));
        Assert.Single(r.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(20, r.Profile!.Papers.Length);
        Assert.DoesNotContain(r.Profile.CoAuthors, c => c.Name.Length > 40);
    }

    [Fact]
    public void A_deleted_author_line_is_the_same_error()
    {
        var r = ProfileParser.Parse(BadInput.With(29), "p.txt");
        Assert.StartsWith("p.txt(30,1): error PG0007: ", BadInput.Errors(r));
    }

    [Fact]
    public void A_missing_title_before_a_short_abstract_is_found_by_the_owner_in_the_author_list()
    {
        // No sentence to give the prose away: but the line in the title's place lists the owner, and the "authors"
        // after it are a complete list without her.
        var text = "Ada Researcher\n\nCLMar 4, 2024\nAda Researcher, Bo Li\n\nResults on GLUE.\n";
        var r = ProfileParser.Parse(text, "p.txt");
        Assert.Equal("p.txt(4,1): error PG0006: this entry has no title: 'Ada Researcher, Bo Li' is an author list, not a title (and the line after it does not name the owner); put the paper's title on the line after the header", BadInput.Errors(r));
    }

    [Fact]
    public void A_missing_title_with_no_abstract_is_a_missing_title()
    {
        var text = "Ada Researcher\n\nCLMar 4, 2024\nAda Researcher, Bo Li et al.\n";
        var r = ProfileParser.Parse(text, "p.txt");
        Assert.Equal("p.txt(4,1): error PG0006: this entry has no title: 'Ada Researcher, Bo Li et al.' is an author list, not a title (and no author line follows it); put the paper's title on the line after the header", BadInput.Errors(r));
    }

    [Theory]
    // A sentence ends inside a "name".
    [InlineData("We propose a method. It works, and it is fast.")]
    // A "name" far longer than any name.
    [InlineData("In this work we study how large language models recall facts from their parameters, with probes")]
    // A "name" that ends a sentence and reads as words, not names.
    [InlineData("Bo Li, we study attention heads.")]
    public void Prose_in_the_author_line_is_not_read_as_names(string line)
    {
        var text = $"Ada Researcher\n\nCLMar 4, 2024\nA Title\n\n{line}\n";
        var r = ProfileParser.Parse(text, "p.txt");
        Assert.Contains("error PG0007: the entry 'A Title' has no author line", BadInput.Errors(r));
        Assert.Empty(r.Profile!.Papers);
    }

    [Theory]
    [InlineData("Ada Researcher, Bo Li.")]
    [InlineData("Ludwig van Beethoven, Martin Luther King, Jr., Ada Researcher and Zoë Müller et al. · some-lab")]
    [InlineData("A. B. Smith, J. R. R. Tolkien, Ada Researcher, Maria del Carmen García de la Fuente y Ortega")]
    [InlineData("Ada Researcher, St. John Smith, Chas. Darwin, Abdullah bin Abdulaziz Al Saud")]
    [InlineData("The ATLAS Collaboration, Ada Researcher")]
    public void Real_author_lines_are_names(string line)
    {
        var text = $"Ada Researcher\n\nCLMar 4, 2024\nA Title\n\n{line}\n\nAn abstract. It has sentences, commas and all.\n";
        var r = ProfileParser.Parse(text, "p.txt");
        Assert.Empty(BadInput.Errors(r));
        Assert.Single(r.Profile!.Papers);
    }

    private const string FirstTitle = "Re-creation of Creations: A New Paradigm for Lyric-to-Melody Generation";
    private const string FirstAuthors = "Ang Lv, Xu Tan, Tao Qin et al. · microsoft-research";

    [Fact]
    public void A_repeated_title_line_is_not_read_as_the_author_line()
    {
        // Line 13 is the first paper's title, given twice: the real author line would move into the abstract.
        var r = ProfileParser.Parse(BadInput.With(13, FirstTitle, FirstTitle), "p.txt");
        Assert.Equal($"p.txt(14,1): error PG0007: the entry '{FirstTitle[..57]}…' has no author line: the line after its title repeats the title; put the authors, comma separated, on the line after the title", BadInput.Errors(r));
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.OwnerNotListed);
        Assert.DoesNotContain(r.Profile!.CoAuthors, c => c.Name.Contains("Creations", StringComparison.Ordinal));
    }

    [Fact]
    public void A_title_wrapped_onto_a_second_line_is_not_read_as_the_author_line()
    {
        var r = ProfileParser.Parse(BadInput.With(13, "Re-creation of Creations:", "A New Paradigm for Lyric-to-Melody Generation"), "p.txt");
        Assert.Equal("p.txt(14,1): error PG0007: the entry 'Re-creation of Creations:' has no author line: the line after its title reads as a title, and the line after that as its author list; put the title on one line and the authors, comma separated, on the line after it", BadInput.Errors(r));
        Assert.DoesNotContain(r.Profile!.CoAuthors, c => c.Name.Contains("Paradigm", StringComparison.Ordinal));
    }

    [Fact]
    public void A_repeated_author_line_is_not_read_as_the_abstract()
    {
        // Line 15 is the first paper's author line; it is given again where the abstract starts.
        var r = ProfileParser.Parse(BadInput.With(16, "", FirstAuthors, ""), "p.txt");
        Assert.Equal("p.txt(17,1): error PG0021: the abstract starts with what reads as this paper's author list again: the author line is repeated; delete the second one", BadInput.Errors(r));
    }

    [Fact]
    public void An_abstract_that_starts_with_other_names_is_an_abstract()
    {
        var text = "Ada Researcher\n\nCLMar 4, 2024\nA Title\n\nAda Researcher, Bo Li\n\nBo Li, Chen Wei\n\nAn abstract. It has sentences.\n";
        Assert.Empty(ProfileParser.Parse(text, "p.txt").Diagnostics);
    }

    [Fact]
    public void A_title_with_commas_and_a_name_is_still_a_title()
    {
        var text = "Ada Researcher\n\nCLMar 4, 2024\nBatch-ICL: Effective, Efficient, and Order-Agnostic In-Context Learning\n\nAda Researcher, Bo Li\n\nAn abstract.\n";
        Assert.Empty(ProfileParser.Parse(text, "p.txt").Diagnostics);
    }
}
