using System.Text;
using CsCheck;
using PortfolioGen.Text;
using Xunit;

namespace PortfolioGen.Tests.Site;

public class HtmlEscapeTests
{
    // The escaping by definition: one character at a time.
    private static string Reference(string text, bool apostrophe)
    {
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' when apostrophe => "&#39;",
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }

    // Mostly plain runs with the characters to escape at their edges, next to each other and alone.
    private static readonly Gen<string> Texts = Gen.Frequency(
        (4, Gen.OneOf("a", "word ", "é", "&", "<", ">", "\"", "'", "&&", "<>", "x'y", "\u00A0", "").Array[0, 40].Select(string.Concat)),
        (1, Gen.String));

    [Fact]
    public void Escaping_equals_the_character_by_character_definition()
        => Gen.Select(Texts, Gen.Int[0, 8]).Sample((text, prefix) =>
        {
            var sb = new StringBuilder(new string('p', prefix));
            Html.Append(sb, text);
            Assert.Equal(new string('p', prefix) + Reference(text, apostrophe: true), sb.ToString());
            Assert.Equal(Reference(text, apostrophe: true), Html.Escape(text));
            sb.Clear();
            Html.AppendText(sb, text);
            Assert.Equal(Reference(text, apostrophe: false), sb.ToString());
        }, iter: 5_000);

    [Theory]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("<i>'x'</i>", "&lt;i&gt;&#39;x&#39;&lt;/i&gt;")]
    [InlineData("\"\"", "&quot;&quot;")]
    public void Examples(string text, string expected) => Assert.Equal(expected, Html.Escape(text));
}
