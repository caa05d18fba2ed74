using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>Author lines as papers write them: names with affiliation marks, more than one organisation.</summary>
public class AuthorLineTests
{
    private static ProfileParseResult Read(string authorLine)
        => ProfileParser.Parse($"Ang Lv\n\nCLJun 29, 2023\nA Title\n\n{authorLine}\n\nAn abstract.\n", "p.txt");

    [Theory]
    [InlineData("Ang Lv¹, Xu Tan², Tao Qin*³ et al.")]
    [InlineData("Ang Lv1, Xu Tan2, Tao Qin3 et al.")]
    [InlineData("Ang Lv*, Xu Tan†, Tao Qin‡ et al.")]
    [InlineData("Ang Lv§¶, Xu Tan⁴⁵, Tao Qin ⁰ et al.")]
    [InlineData("Ang Lv¹,², Xu Tan², Tao Qin1,2 et al.")]
    public void Affiliation_marks_are_not_part_of_the_names(string line)
    {
        var r = Read(line);
        Assert.Empty(r.Diagnostics);
        var paper = Assert.Single(r.Profile!.Papers);
        Assert.Equal(["Ang Lv", "Xu Tan", "Tao Qin"], paper.Authors.ToArray());
        // The owner is recognised, and is not her own co-author.
        Assert.Equal(["Tao Qin", "Xu Tan"], r.Profile.CoAuthors.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_complete_list_with_marks_names_the_owner()
    {
        var r = Read("Xu Tan², Ang Lv¹");
        Assert.Empty(r.Diagnostics);
        Assert.Equal(["Xu Tan", "Ang Lv"], r.Profile!.Papers[0].Authors.ToArray());
    }

    [Theory]
    [InlineData("Ang Lv, Xu Tan · org1 · org2", "org1 · org2")]
    [InlineData("Ang Lv, Xu Tan et al. · microsoft-research · peking-university", "microsoft-research · peking-university")]
    [InlineData("Ang Lv, Xu Tan ·org1·  org2", "org1·  org2")]
    public void Organisations_after_the_first_middle_dot_are_all_organisations(string line, string organisation)
    {
        var r = Read(line);
        Assert.Empty(r.Diagnostics);
        var paper = Assert.Single(r.Profile!.Papers);
        Assert.Equal(["Ang Lv", "Xu Tan"], paper.Authors.ToArray());
        Assert.Equal(PortfolioGen.Text.PersonNames.Clean(organisation), paper.Organization);
    }

    [Theory]
    [InlineData("Ang Lv, 艾伦·图灵", new[] { "Ang Lv", "艾伦·图灵" }, null)]
    [InlineData("Ang Lv, Marcel·lí Pi · some-lab", new[] { "Ang Lv", "Marcel·lí Pi" }, "some-lab")]
    public void A_middle_dot_inside_a_name_is_part_of_it(string line, string[] authors, string? organisation)
    {
        var r = Read(line);
        Assert.Empty(r.Diagnostics);
        var paper = Assert.Single(r.Profile!.Papers);
        Assert.Equal(authors, paper.Authors.ToArray());
        Assert.Equal(organisation, paper.Organization);
    }
}
