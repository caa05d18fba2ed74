using CsCheck;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

public class DescribeTests
{
    // What a page description is by definition: the words joined by one space, cut at a word near the limit.
    private static string Reference(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max) return flat;
        var cut = flat.LastIndexOf(' ', max - 1);
        if (cut < max / 2) cut = max - 1;
        return flat[..cut].TrimEnd(',', ';', ':', '.', '-', '\u2013', '\u2014') + "\u2026";
    }

    private static readonly Gen<string> Words = Gen.OneOf("a", "word", "longer-word", " ", "  ", "\n", "\t", "\u2003", ".", ",", "—", "x")
        .Array[0, 120].Select(string.Concat);

    [Fact]
    public void A_description_reads_only_as_far_as_it_needs_and_equals_the_definition()
        => Gen.Select(Gen.Frequency((4, Words), (1, Gen.String)), Gen.Int[4, 200]).Sample((text, max) =>
            Assert.Equal(Reference(text, max), SitePipelines.Describe(text, max)), iter: 5_000);

    [Theory]
    [InlineData("Short  abstract\nhere.", "Short abstract here.")]
    [InlineData("   ", "")]
    public void Examples(string text, string expected) => Assert.Equal(expected, SitePipelines.Describe(text));
}
