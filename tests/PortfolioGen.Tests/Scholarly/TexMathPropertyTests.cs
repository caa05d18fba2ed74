using System.Xml.Linq;
using CsCheck;
using PortfolioGen.Scholarly.Math;
using Xunit;

namespace PortfolioGen.Tests.Scholarly;

/// <summary>Whatever the input, <see cref="TexMath.ToMathML"/> returns well-formed MathML or the fallback, and never throws.</summary>
public sealed class TexMathPropertyTests
{
    /// <summary>Fragments that exercise the parser's paths, valid and not, so random strings reach deep into it.</summary>
    private static readonly Gen<string> TexLike = Gen.OneOf(
            "a", "x", "R", "é", "1", "23", ".", "3.5", "+", "-", "=", "<", ">", "&", "\"", "%", "#", "$", "~", "'", " ",
            "\n", "\r", "\t", "\u00A0", "\u0001", "\uD835", "\uDC9C", "\uFFFE",
            "{", "}", "[", "]", "(", ")", "|", "^", "_", "\\",
            "\\frac", "\\sqrt", "\\left", "\\right", "\\left(", "\\right)", "\\left.", "\\right|", "\\{", "\\}", "\\%",
            "\\alpha", "\\Gamma", "\\sin", "\\lim", "\\max", "\\sum", "\\int", "\\to", "\\infty", "\\,", "\\ ", "\\quad",
            "\\mathcal", "\\mathbb", "\\mathrm", "\\text", "\\text{", "\\begin", "\\\\", "\\&", "\\_", "\\foo")
        .Array[0, 30]
        .Select(string.Concat);

    [Fact]
    public void Arbitrary_strings_never_throw() => Gen.String.Sample(Check, iter: 20_000);

    [Fact]
    public void Strings_of_tex_special_characters_never_throw()
        => Gen.String["\\{}[]()^_'$&%#~ .|aZ19\n\u00A0\u0001"].Sample(Check, iter: 20_000);

    [Fact]
    public void Tex_like_strings_never_throw() => TexLike.Sample(Check, iter: 50_000);

    [Theory]
    [InlineData("{")]
    [InlineData("x^{")]
    [InlineData("x^")]
    [InlineData("\\frac")]
    [InlineData("\\sqrt")]
    [InlineData("\\sqrt[")]
    [InlineData("\\left(")]
    [InlineData("\\mathrm")]
    [InlineData("'")]
    public void Deep_nesting_is_refused_without_overflowing_the_stack(string opener)
    {
        var tex = string.Concat(Enumerable.Repeat(opener, 100_000)) + "x";
        Check(tex);
    }

    private static void Check(string tex)
    {
        foreach (var display in new[] { false, true })
        {
            var result = TexMath.ToMathML(tex, display);
            if (result.Success)
            {
                Assert.Null(result.Error);
                var math = XElement.Parse(result.Html, LoadOptions.PreserveWhitespace);
                Assert.Equal("math", math.Name.LocalName);
                Assert.Equal(tex.ReplaceLineEndings("\n"), math.Descendants("annotation").Single().Value);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
                Assert.Equal("<code class=\"math-fallback\">" + Escape(tex) + "</code>", result.Html);
            }
        }
    }

    private static string Escape(string text)
        => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;")
            .Replace("\u00A0", "&#xA0;").Replace("\u2061", "&#x2061;");
}
