using System.Text;
using CsCheck;
using PortfolioGen.Scholarly.Math;
using Xunit;

namespace PortfolioGen.Tests.Scholarly;

public class MathGlueTests
{
    private const string M = "<math><mi>x</mi></math>";
    private const string S = "<span class=\"math-nowrap\">";

    [Theory]
    [InlineData("a " + M + " b", "a " + M + " b")]                                                  // spaces on both sides: nothing to glue
    [InlineData("form \u201C" + M + ",\u201D but", "form " + S + "\u201C" + M + ",\u201D</span> but")]
    [InlineData("get_capital(" + M + "), and", S + "get_capital(" + M + "),</span> and")]
    [InlineData(M + "-" + M + " x", S + M + "-" + M + "</span> x")]                                   // a run between two formulas joins them
    [InlineData(M + M, S + M + M + "</span>")]
    [InlineData("Theorem\u00A0" + M + " holds", S + "Theorem\u00A0" + M + "</span> holds")]           // ~ glues
    [InlineData("<em>" + M + "</em>, then", "<em>" + M + "</em>, then")]                             // tags bound the text that touches
    [InlineData("<p>" + M + ".</p>", "<p>" + S + M + ".</span></p>")]
    [InlineData("<math display=\"block\"><mi>x</mi></math>.", "<math display=\"block\"><mi>x</mi></math>.")]
    [InlineData("a &amp;" + M, "a " + S + "&amp;" + M + "</span>")]
    [InlineData("no math here", "no math here")]
    [InlineData("<math><mi>x</mi>", "<math><mi>x</mi>")]                                              // never closed
    public void Examples(string html, string expected)
    {
        Assert.Equal(expected, MathGlue.Apply(html));
        var sb = new StringBuilder("<p>");
        sb.Append(html);
        MathGlue.Apply(sb, 3);
        Assert.Equal("<p>" + expected, sb.ToString());
    }

    private static readonly Gen<string> Html = Gen.OneOf("a", " ", "\u201C", "\u201D", ",", "(", ")", "\u00A0", "<em>", "</em>", M, M, "&amp;", "\n")
        .Array[0, 30].Select(string.Concat);

    [Fact]
    public void Taking_the_spans_out_gives_the_html_back_and_every_touching_formula_is_in_one()
        => Html.Sample(html =>
        {
            var glued = MathGlue.Apply(html);
            Assert.Equal(html, glued.Replace(S, "").Replace("</span>", ""));
            // No line break is left next to a formula: whatever touches a formula is inside the same span.
            var plain = glued;
            var at = 0;
            while ((at = plain.IndexOf(M, at, StringComparison.Ordinal)) >= 0)
            {
                var before = at > 0 ? plain[at - 1] : ' ';
                var afterAt = at + M.Length;
                var after = afterAt < plain.Length ? plain[afterAt] : ' ';
                var touches = (!char.IsWhiteSpace(before) || before == '\u00A0') && before != '>' || (!char.IsWhiteSpace(after) || after == '\u00A0') && after != '<';
                if (touches) Assert.True(Inside(plain, at), $"a formula that touches text is not in a span: {glued}");
                at = afterAt;
            }
        }, iter: 3_000);

    // Whether position `at` lies inside an open math-nowrap span.
    private static bool Inside(string html, int at)
    {
        var open = html.LastIndexOf(S, at, StringComparison.Ordinal);
        if (open < 0) return false;
        var close = html.IndexOf("</span>", open, StringComparison.Ordinal);
        return close > at;
    }
}
