using PortfolioGen.Profiles;
using PortfolioGen.Text;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>
/// An abstract's plain text (the feed's summary, RIS and CSL-JSON, the search index, a page's description) writes its
/// math as Unicode where Unicode writes it exactly, and otherwise as its TeX between dollars: never half-converted
/// (the dollars gone, <c>^{-1}</c> left).
/// </summary>
public class AbstractMathTextTests
{
    [Theory]
    [InlineData("R^{-1}", "R⁻¹")]
    [InlineData("bR^{-1}a", "bR⁻¹a")]
    [InlineData("n^2", "n²")]
    [InlineData("10^{-3}", "10⁻³")]
    [InlineData("\\alpha_i^2", "αᵢ²")]
    [InlineData("W^T x", "Wᵀ x")]
    [InlineData("O(n \\log n)", "O(n log n)")]
    [InlineData("a \\leq b", "a ≤ b")]
    [InlineData("\\text{softmax}(x)", "softmax(x)")]
    [InlineData("\\text{don't stop}", "don't stop")]      // text is text: its apostrophe is no prime
    [InlineData("\\mathrm{d}x", "dx")]
    [InlineData("f'(x)", "f′(x)")]
    [InlineData("{x}", "x")]
    [InlineData("\\sum_{i=1}^n x_i", "∑ᵢ₌₁ⁿ xᵢ")]
    public void A_formula_unicode_writes_exactly_is_converted(string tex, string text) => Assert.Equal(text, MathText.ToUnicode(tex));

    [Theory]
    [InlineData("a_b")]                 // no subscript b
    [InlineData("x_{i,j}")]             // no subscript comma
    [InlineData("\\frac{a}{b}")]
    [InlineData("\\mathcal{O}(n)")]
    [InlineData("\\sqrt{d}")]
    [InlineData("x \\in \\mathbb{R}^d")]
    [InlineData("a}")]
    [InlineData("a^")]
    [InlineData("{a")]
    [InlineData("a^{b^c}")]             // no superscript of a superscript
    [InlineData("\\")]
    [InlineData("\\mathbf{W} x")]        // bold says something (a matrix) plain text cannot
    [InlineData("\\textbf{x}")]
    public void A_formula_with_anything_else_is_not_converted(string tex) => Assert.Null(MathText.ToUnicode(tex));

    private static Paper Parse(string title, string body)
        => Assert.Single(ProfileParser.Parse($"Ada Researcher\n\nLG\n\n1 Papers\n\nLGMar 4, 2024\n{title}\n\nAda Researcher\n\n{body}", "p.txt").Profile!.Papers);

    [Fact]
    public void The_abstracts_text_has_unicode_math_or_tex_between_dollars()
    {
        var paper = Parse("Only", "Its inverse $R^{-1}$ costs $O(n^2)$, not $\\mathcal{O}(n^3)$.\n");
        Assert.Equal("Its inverse R⁻¹ costs O(n²), not $\\mathcal{O}(n^3)$.", paper.Abstract!.Text);
        Assert.Equal("Its inverse $R^{-1}$ costs $O(n^2)$, not $\\mathcal{O}(n^3)$.", paper.Abstract.Source);
    }

    [Fact]
    public void A_titles_text_and_slug_are_as_they_were()
    {
        // The slug and the citation key are made from the title's text: converting its math would move the page.
        var paper = Parse("Sorting in $O(n^2)$ Time", "Body.\n");
        Assert.Equal("Sorting in O(n^2) Time", paper.TitleMarkup.Text);
        Assert.Equal("sorting-in-o-n-2-time", paper.Slug);
    }
}
