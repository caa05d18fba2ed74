using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>The owner's name line missing or garbled is an error where the name should be, not an owner named "CL".</summary>
public class OwnerNameLineTests
{
    private const string Missing = "error PG0001: the profile must start with the owner's name on its first line";

    [Fact]
    public void A_deleted_name_line_leaves_the_category_where_the_name_should_be()
    {
        // Line 1 deleted: the file starts with the blank line, then CL.
        var r = ProfileParser.Parse(BadInput.With(1), "p.txt");
        Assert.Null(r.Profile);
        Assert.Equal($"p.txt(2,1): {Missing}: 'CL' is a category, not a name", BadInput.Errors(r));
    }

    [Theory]
    [InlineData("h-index17", "a figure")]
    [InlineData("587citations", "a figure")]
    [InlineData("Novelty59%", "a figure")]
    [InlineData("21 Papers", "a paper count")]
    [InlineData("cs.CL", "a category")]
    [InlineData("SDAug 11, 2022", "an entry header")]
    [InlineData("CLJune 29, 2023", "an entry header")]
    public void A_header_line_on_the_first_line_is_not_a_name(string line, string what)
    {
        var r = ProfileParser.Parse(BadInput.With(1, line), "p.txt");
        Assert.Null(r.Profile);
        Assert.Contains($"p.txt(1,1): {Missing}: '{line}' is {what}, not a name", BadInput.Errors(r));
    }

    [Fact]
    public void Byte_order_marks_before_the_name_are_not_part_of_it()
    {
        var text = "\uFEFF\uFEFFAng Lv\n\nCLJun 29, 2023\nA Title\n\nAng Lv, Bo Li\n";
        var r = ProfileParser.Parse(text, "p.txt");
        Assert.Empty(r.Diagnostics);
        Assert.Equal("Ang Lv", r.Profile!.Name);
        Assert.Equal(["Bo Li"], r.Profile.CoAuthors.Select(c => c.Name));
    }

    [Fact]
    public void Byte_order_marks_before_the_name_are_not_part_of_it_in_a_file_either()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "p.txt");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(TestPaths.ReferenceProfile)]);
        var r = ProfileParser.ParseFile(path, displayPath: "p.txt");
        Assert.Empty(r.Diagnostics);
        Assert.Equal("Ang Lv", r.Profile!.Name);
    }

    [Fact]
    public void A_name_that_starts_like_a_figure_label_is_still_a_name()
    {
        var r = ProfileParser.Parse("Novelty Smith\n\nCLJun 29, 2023\nA Title\n\nNovelty Smith\n", "p.txt");
        Assert.Empty(r.Diagnostics);
        Assert.Equal("Novelty Smith", r.Profile!.Name);
    }
}
