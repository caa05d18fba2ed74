using System.Xml.Linq;
using PortfolioGen.Scholarly.Math;
using Xunit;

namespace PortfolioGen.Tests.Specs;

/// <summary>
/// Runs the examples of <c>Specs/math.md</c> through <see cref="TexMath"/>. Examples in a section whose heading
/// says "(display)" are converted as display math.
/// </summary>
public sealed class MathSpecTests
{
    private static readonly string SpecPath = Path.Combine(TestPaths.Specs, "math.md");

    /// <summary>Each example as (name for the test's display name, TeX, display, expected HTML).</summary>
    public static TheoryData<string, string, bool, string> Examples()
    {
        var data = new TheoryData<string, string, bool, string>();
        foreach (var example in SpecFile.Read(SpecPath))
        {
            // The spec format ends input and output with a newline (␄ suppresses it); neither belongs to the TeX.
            data.Add(
                example.ToString(),
                TrimFinalNewline(example.Input),
                example.Section.Contains("(display)", StringComparison.Ordinal),
                TrimFinalNewline(example.Expected));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example(string example, string tex, bool display, string expected)
    {
        var result = TexMath.ToMathML(tex, display);

        // In spec files → stands for a tab; map the output the same way (arrows such as \to produce →).
        Assert.Equal(expected, result.Html.Replace('→', '\t'));
        var isFallback = expected.StartsWith("<code class=\"math-fallback\">", StringComparison.Ordinal);
        Assert.True(result.Success != isFallback, $"{example}: Success is {result.Success}, Error is {result.Error ?? "null"}");
        Assert.Equal(isFallback, result.Error is not null);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Successful_output_is_well_formed_xml_carrying_the_source(string example, string tex, bool display, string expected)
    {
        _ = expected;
        var result = TexMath.ToMathML(tex, display);
        if (!result.Success)
        {
            return;
        }
        var math = XElement.Parse(result.Html, LoadOptions.PreserveWhitespace);
        Assert.Equal("math", math.Name.LocalName);
        Assert.Equal(display ? "block" : null, (string?)math.Attribute("display"));
        var semantics = Assert.Single(math.Elements());
        Assert.Equal("semantics", semantics.Name.LocalName);
        Assert.Equal(2, semantics.Elements().Count());
        var annotation = semantics.Elements().Last();
        Assert.Equal("application/x-tex", (string?)annotation.Attribute("encoding"));
        Assert.True(tex.ReplaceLineEndings("\n") == annotation.Value, $"{example}: the annotation does not hold the source");
    }

    [Fact]
    public void Spec_has_the_reference_examples()
    {
        var inputs = SpecFile.Read(SpecPath).Select(e => TrimFinalNewline(e.Input)).ToHashSet(StringComparer.Ordinal);
        Assert.All(new[] { "a", "R", "R^{-1}", "aRb", "bR^{-1}a", "n^2" }, tex => Assert.Contains(tex, inputs));
    }

    [Fact]
    public void Every_command_in_the_tables_is_documented_in_the_spec()
    {
        var spec = File.ReadAllText(SpecPath);
        var undocumented = TexSymbols.Commands.Keys.Where(name => !spec.Contains("\\" + name, StringComparison.Ordinal)).ToList();
        Assert.Empty(undocumented);
    }

    /// <summary>Every command and environment the converter knows, with or without arguments, is in an example's TeX.</summary>
    [Fact]
    public void Every_command_and_environment_has_an_example()
    {
        var inputs = string.Join("\n", SpecFile.Read(SpecPath).Select(e => e.Input));
        // A command is used when no letter follows its name (\in is not used by \int).
        bool Used(string name) => System.Text.RegularExpressions.Regex.IsMatch(inputs,
            System.Text.RegularExpressions.Regex.Escape("\\" + name) + (char.IsAsciiLetter(name[^1]) ? "(?![A-Za-z])" : ""));
        string[] parsed =
        [
            "frac", "dfrac", "tfrac", "binom", "dbinom", "tbinom", "sqrt", "left", "right", "text", "textrm", "textnormal", "mbox",
            "operatorname", "overset", "underset", "stackrel", "not", "begin", "end", "limits", "nolimits",
        ];
        var missing = TexSymbols.Commands.Keys
            .Concat(TexSymbols.FontCommands.Keys).Concat(TexSymbols.Marks.Keys).Concat(TexSymbols.SizedDelimiters.Keys).Concat(parsed)
            .Where(name => !Used(name))
            .Concat(TexSymbols.Environments.Keys.Where(name => !inputs.Contains("\\begin{" + name + "}", StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData(@"\begin{align} a \end{align}", "unsupported environment align")]
    [InlineData(@"\begin{pmatrix} a \end{bmatrix}", @"\begin{pmatrix} ended by \end{bmatrix}")]
    [InlineData(@"\begin{pmatrix} a", @"\begin{pmatrix} without matching \end{pmatrix}")]
    [InlineData(@"\begin{pmatrix a", @"missing } after \begin{")]
    [InlineData(@"\begin pmatrix", @"missing { after \begin")]
    [InlineData(@"a \end{pmatrix}", @"\end{pmatrix} without matching \begin")]
    [InlineData(@"{\begin{matrix} a } \end{matrix}", @"\begin{matrix} without matching \end{matrix}")]
    [InlineData(@"\begin{matrix} \left( a & b \right) \end{matrix}", @"\left without matching \right")]
    [InlineData(@"\not", @"missing argument for \not")]
    [InlineData(@"\not x", @"\not before x, which is not a relation")]
    [InlineData(@"\hat", @"missing argument for \hat")]
    [InlineData(@"\mathbf{x", "unbalanced braces: missing }")]
    [InlineData(@"\big x", @"unsupported delimiter x after \big")]
    [InlineData(@"\operatorname", @"missing argument for \operatorname")]
    [InlineData(@"x \limits_1", @"\limits after x, which is not an operator")]
    [InlineData(@"\frac{a}{b", "unbalanced braces: missing }")]
    [InlineData("a}", "unbalanced braces: unexpected }")]
    [InlineData(@"\left( x", @"\left without matching \right")]
    [InlineData(@"{\left( x}", @"\left without matching \right")]
    [InlineData(@"x \right)", @"\right without matching \left")]
    [InlineData(@"\left", @"missing delimiter after \left")]
    [InlineData(@"\left\uparrow x \right)", @"unsupported delimiter \uparrow after \left")]
    [InlineData(@"\left( x \right\}}", @"unbalanced braces: unexpected }")]
    [InlineData("x^", "missing argument for ^")]
    [InlineData("x_}", "missing argument for _")]
    [InlineData(@"\frac{a}", @"missing argument for \frac")]
    [InlineData(@"\sqrt", @"missing argument for \sqrt")]
    [InlineData(@"\sqrt[3{x}", @"missing ] after \sqrt[")]
    [InlineData("x^a^b", "double superscript")]
    [InlineData("x^a'", "double superscript")]
    [InlineData("x'_1'", "double superscript")]
    [InlineData("x_a_b", "double subscript")]
    [InlineData("a & b", "unsupported character &")]
    [InlineData("a \u0001 b", "unsupported character U+0001")]
    [InlineData("50%", "unescaped % (a TeX comment) is not supported")]
    [InlineData(@"\text{$x$}", @"math inside \text is not supported")]
    [InlineData(@"\text{a^2}", @"unsupported character ^ in \text")]
    [InlineData(@"\text{\alpha}", @"unsupported command \alpha in \text")]
    [InlineData(@"\text{a", "unbalanced braces: missing }")]
    [InlineData(@"\text", @"missing argument for \text")]
    [InlineData(@"a \\ b", @"unsupported command \\")]
    [InlineData(@"x\", @"stray \ at the end")]
    public void Errors_name_the_problem(string tex, string error)
    {
        var result = TexMath.ToMathML(tex);
        Assert.False(result.Success);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Primes_and_display_flag_compose()
    {
        // f'' with a subscript in display math: primes stay a superscript, and f takes no limits.
        var result = TexMath.ToMathML("f''_k", display: true);
        Assert.Equal(
            "<math display=\"block\"><semantics><msubsup><mi>f</mi><mi>k</mi><mo>″</mo></msubsup>"
            + "<annotation encoding=\"application/x-tex\">f''_k</annotation></semantics></math>",
            result.Html);
    }

    private static string TrimFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;
}
