using PortfolioGen.Profiles;
using PortfolioGen.Tests.Specs;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>Every example of Specs/profile-format.md: the profile above the dot reads as the dump below it.</summary>
public class ProfileFormatSpecTests
{
    private static readonly string SpecPath = Path.Combine(TestPaths.Specs, "profile-format.md");

    public static TheoryData<int> Examples()
    {
        var data = new TheoryData<int>();
        foreach (var e in SpecFile.Read(SpecPath)) data.Add(e.Number);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_reads_as_documented(int number)
    {
        var example = SpecFile.Read(SpecPath).Single(e => e.Number == number);
        var actual = ProfileDump.Write(ProfileParser.Parse(example.Input, "profile.txt"));
        if (SpecUpdater.Enabled && actual != example.Expected)
        {
            SpecUpdater.Update(example, actual);
            return;
        }
        Assert.True(actual == example.Expected, $"{example}\n--- expected\n{example.Expected}--- actual\n{actual}");
    }

    [Fact]
    public void The_spec_has_examples_for_every_section()
    {
        var sections = SpecFile.Read(SpecPath).Select(e => e.Section).Distinct().ToList();
        Assert.Equal(["The header", "Entry headers", "Titles and authors", "Abstracts", "What real files look like", "Slugs", "Other diagnostics"], sections);
    }
}
