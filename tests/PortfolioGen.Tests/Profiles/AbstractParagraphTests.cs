using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

public class AbstractParagraphTests
{
    private static RichText Abstract(string body)
        => Assert.Single(ProfileParser.Parse("Ada Researcher\n\nLG\n\n1 Papers\n\nLGMar 4, 2024\nOnly\n\nAda Researcher\n\n" + body, "p.txt").Profile!.Papers).Abstract!;

    [Fact]
    public void An_abstract_whose_first_paragraph_has_no_text_has_no_leading_blank_lines()
        => Assert.Equal("Second paragraph.", Abstract("{}\n\nSecond paragraph.\n").Text);

    [Fact]
    public void Paragraphs_are_joined_by_a_blank_line_in_text_and_a_newline_in_html()
    {
        var a = Abstract("First line\ncontinues.\n\nSecond  paragraph.\n");
        Assert.Equal("First line continues.\n\nSecond paragraph.", a.Text);
        Assert.Equal("<p>First line continues.</p>\n<p>Second paragraph.</p>", a.Html);
        Assert.Equal("First line continues.\n\nSecond paragraph.", a.Source);
    }
}
