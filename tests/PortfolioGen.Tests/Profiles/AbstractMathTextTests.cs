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
    [InlineData("\\displaystyle\\sum_{i=1}^n x_i", "∑ᵢ₌₁ⁿ xᵢ")]         // a style switch says nothing plain text can hold
    // Symbols, arrows, delimiters, spaces, fonts, accents and negations.
    [InlineData("A^\\top", "Aᵀ")]                     // a transpose: superscript ⊤ is written ᵀ, as † and ′ are raised already
    [InlineData("x^\\top y", "xᵀ y")]
    [InlineData("\\top \\bot", "⊤ ⊥")]
    [InlineData("A^\\dagger B^\\ddagger", "A† B‡")]
    [InlineData("u \\otimes v \\oplus w \\ominus z \\odot h", "u ⊗ v ⊕ w ⊖ z ⊙ h")]
    [InlineData("x \\perp y \\parallel z \\nmid w \\mid v", "x ⊥ y ∥ z ∤ w ∣ v")]
    [InlineData("A \\setminus B \\supset C \\supseteq D \\subsetneq E \\ni e", "A ∖ B ⊃ C ⊇ D ⊊ E ∋ e")]
    [InlineData("p \\implies q \\iff r \\impliedby s", "p ⟹ q ⟺ r ⟸ s")]
    [InlineData("a \\Leftarrow b \\Leftrightarrow c \\leftrightarrow d \\gets e", "a ⇐ b ⇔ c ↔ d ← e")]
    [InlineData("a \\longrightarrow b \\longleftarrow c \\Longrightarrow d \\Longleftarrow e \\Longleftrightarrow f \\longmapsto g", "a ⟶ b ⟵ c ⟹ d ⟸ e ⟺ f ⟼ g")]
    [InlineData("\\uparrow \\downarrow \\vdots \\ddots \\dots", "↑ ↓ ⋮ ⋱ …")]
    [InlineData("a \\wedge b \\land c \\vee d \\lor e \\neg f \\lnot g", "a ∧ b ∧ c ∨ d ∨ e ¬ f ¬ g")]
    [InlineData("a \\star b \\ast c \\bullet d", "a ⋆ b ∗ c ∙ d")]
    [InlineData("a \\cong b \\asymp c \\doteq d \\triangleq e \\coloneqq f", "a ≅ b ≍ c ≐ d ≜ e ≔ f")]
    [InlineData("a \\leqslant b \\geqslant c \\lesssim d \\gtrsim e", "a ⩽ b ⩾ c ≲ d ≳ e")]
    [InlineData("a \\prec b \\preceq c \\succ d \\succeq e \\models f \\vdash g", "a ≺ b ⪯ c ≻ d ⪰ e ⊨ f ⊢ g")]
    [InlineData("f \\colon X \\to Y", "f : X → Y")]
    [InlineData("\\oint \\iint \\iiint \\bigcup \\bigcap \\bigoplus \\bigotimes \\bigvee \\bigwedge \\coprod", "∮ ∬ ∭ ⋃ ⋂ ⨁ ⨂ ⋁ ⋀ ∐")]
    [InlineData("\\aleph \\Re \\Im \\wp \\angle \\triangle \\varnothing \\imath \\jmath \\hbar", "ℵ ℜ ℑ ℘ ∠ △ ∅ ı ȷ ℏ")]
    [InlineData("\\varpi \\varrho \\varsigma \\varkappa", "ϖ ϱ ς ϰ")]
    [InlineData("\\sup_x \\inf_x \\Pr(A) \\tan x \\gcd(a, b)", "supₓ infₓ Pr(A) tan x gcd(a, b)")]
    [InlineData("\\arcsin \\arccos \\arctan \\sinh \\cosh \\tanh \\cot \\coth \\sec \\csc \\lg \\ker \\deg \\dim \\hom", "arcsin arccos arctan sinh cosh tanh cot coth sec csc lg ker deg dim hom")]
    [InlineData("\\liminf_n a_n \\le \\limsup_n a_n", "lim infₙ aₙ ≤ lim supₙ aₙ")]
    [InlineData("\\langle x, y \\rangle", "⟨x, y⟩")]              // no space inside an opening or closing delimiter
    [InlineData("\\lVert v \\rVert \\Vert w \\Vert \\|u\\|", "‖v‖ ‖ w ‖ ‖u‖")]
    [InlineData("\\lvert S \\rvert \\vert T \\vert", "|S| | T |")]
    [InlineData("\\lfloor n/2 \\rfloor + \\lceil x \\rceil", "⌊n/2⌋ + ⌈x⌉")]
    [InlineData("\\lbrace a \\rbrace", "{a}")]
    [InlineData("\\left\\langle x \\right\\rangle \\left. y \\right|", "⟨x⟩ y|")]
    [InlineData("\\big( x \\Big) \\bigg[ y \\Bigg]", "( x ) [ y ]")]
    [InlineData("\\bigl\\langle x \\bigr\\rangle \\bigm| y", "⟨x⟩ | y")]
    [InlineData("\\Bigl( a \\Bigr) \\biggl( b \\biggr) \\Biggl( c \\Biggr) \\Bigm| \\biggm| \\Biggm|", "(a) (b) (c) | | |")]
    [InlineData("a\\!b \\thinspace c\\medspace d\\thickspace e\\enspace f\\negthinspace g\\negmedspace h\\negthickspace i", "ab c d e f g h i")]
    [InlineData("a \\quad b\\,c", "a b c")]                // spaces run together
    [InlineData("\\mathbb{R}^d", "ℝᵈ")]
    [InlineData("x \\in \\mathbb{R}^d", "x ∈ ℝᵈ")]
    [InlineData("\\mathbb{E}[X] + \\mathbbm{1}", "𝔼[X] + 𝟙")]
    [InlineData("\\mathcal{O}(n)", "𝒪(n)")]
    [InlineData("\\mathscr{L}", "ℒ")]
    [InlineData("\\mathbf{W} x", "𝐖 x")]
    [InlineData("\\mathbf{x}_1 + \\mathbf{0}", "𝐱₁ + 𝟎")]
    [InlineData("\\mathbf{\\Sigma} \\mathbf{\\mu}", "𝚺 μ")]               // as TeX: capital Greek bold, small Greek not
    [InlineData("\\boldsymbol{x} \\boldsymbol{\\mu} \\bm{\\Sigma} \\bm{1}", "𝒙 𝝁 𝚺 𝟏")]
    [InlineData("\\mathsf{T} \\mathfrak{g} \\mathfrak{R} \\mathtt{x1}", "𝖳 𝔤 ℜ 𝚡𝟷")]
    [InlineData("\\mathit{x}", "x")]
    [InlineData("\\operatorname{rank}(A)", "rank(A)")]
    [InlineData("\\operatorname*{argmax}_x f", "argmaxₓ f")]
    [InlineData("\\hat{x}", "x\u0302")]
    [InlineData("\\hat{a}", "â")]                      // composed where Unicode has the character (NFC)
    [InlineData("\\hat\\theta_i", "θ\u0302ᵢ")]
    [InlineData("\\bar{y} \\tilde{z} \\vec{v} \\dot{q} \\ddot{q}", "ȳ z\u0303 v\u20D7 q\u0307 q\u0308")]
    [InlineData("\\check{c} \\breve{u} \\acute{e} \\grave{e} \\mathring{A}", "č ŭ é è Å")]
    [InlineData("\\widehat{f} \\widetilde{g} \\overrightarrow{v} \\overleftarrow{w}", "f\u0302 g\u0303 v\u20D7 w\u20D6")]
    [InlineData("\\overline{AB} \\underline{x}", "A\u0305B\u0305 x\u0332")]
    [InlineData("\\hat{\\mathbf{x}}", "𝐱\u0302")]
    [InlineData("a \\not= b \\not\\in C \\not\\subset D \\not\\perp e", "a ≠ b ∉ C ⊄ D ⊥\u0338 e")]
    [InlineData("\\sum\\limits_{i=1}^n x_i \\prod\\nolimits_k", "∑ᵢ₌₁ⁿ xᵢ ∏ₖ")]
    [InlineData("\\textnormal{if} x", "if x")]
    [InlineData("\\chi \\bmod q", "χ mod q")]
    [InlineData("a \\equiv b \\pmod{q}", "a ≡ b (mod q)")]
    public void A_formula_unicode_writes_exactly_is_converted(string tex, string text) => Assert.Equal(text, MathText.ToUnicode(tex));

    [Theory]
    [InlineData("a_b")]                 // no subscript b
    [InlineData("x_{i,j}")]             // no subscript comma
    [InlineData("\\frac{a}{b}")]
    [InlineData("\\sqrt{d}")]
    [InlineData("a}")]
    [InlineData("a^")]
    [InlineData("{a")]
    [InlineData("a^{b^c}")]             // no superscript of a superscript
    [InlineData("\\")]
    [InlineData("\\textbf{x}")]
    [InlineData("\\widehat{xy}")]            // an accent over more than one character has no Unicode form
    [InlineData("\\hat{}")]
    [InlineData("\\vec{AB}")]
    [InlineData("\\overbrace{a+b}^n")]
    [InlineData("\\underbrace{a}")]
    [InlineData("\\dfrac{a}{b}")]
    [InlineData("\\tfrac{a}{b}")]
    [InlineData("\\binom{n}{k}")]
    [InlineData("\\begin{pmatrix} a & b \\end{pmatrix}")]
    [InlineData("\\overset{!}{=}")]
    [InlineData("\\mathfrak{g}^{\\alpha}")]     // no superscript α
    [InlineData("\\not")]
    [InlineData("\\not{ab}")]
    [InlineData("\\mathbb")]
    [InlineData("\\unknowncommand")]
    [InlineData("\\left( \\frac12 \\right)")]
    public void A_formula_with_anything_else_is_not_converted(string tex) => Assert.Null(MathText.ToUnicode(tex));

    /// <summary>
    /// Every symbol, delimiter, space and font the MathML converter knows has its plain-text form too; fractions, roots,
    /// braces, environments and the like are not exact in plain text and keep their TeX.
    /// </summary>
    [Fact]
    public void Every_command_of_the_converter_with_an_exact_form_has_one()
    {
        var missing = new List<string>();
        foreach (var name in PortfolioGen.Scholarly.Math.TexSymbols.Commands.Keys)
        {
            if (MathText.ToUnicode("\\" + name) is null) missing.Add("\\" + name);
        }
        foreach (var name in PortfolioGen.Scholarly.Math.TexSymbols.FontCommands.Keys)
        {
            if (MathText.ToUnicode("\\" + name + "{A}") is null) missing.Add("\\" + name);
        }
        foreach (var name in PortfolioGen.Scholarly.Math.TexSymbols.Marks.Keys.Where(n => n is not ("overbrace" or "underbrace")))
        {
            if (MathText.ToUnicode("\\" + name + "{x}") is null) missing.Add("\\" + name);
        }
        foreach (var name in PortfolioGen.Scholarly.Math.TexSymbols.SizedDelimiters.Keys)
        {
            if (MathText.ToUnicode("\\" + name + "(") != "(") missing.Add("\\" + name);
        }
        Assert.Empty(missing);
    }

    private static Paper Parse(string title, string body)
        => Assert.Single(ProfileParser.Parse($"Ada Researcher\n\nLG\n\n1 Papers\n\nLGMar 4, 2024\n{title}\n\nAda Researcher\n\n{body}", "p.txt").Profile!.Papers);

    [Fact]
    public void The_abstracts_text_has_unicode_math_or_tex_between_dollars()
    {
        var paper = Parse("Only", "Its inverse $R^{-1}$ costs $\\mathcal{O}(n^2)$, not $\\frac{n^3}{2}$.\n");
        Assert.Equal("Its inverse R⁻¹ costs 𝒪(n²), not $\\frac{n^3}{2}$.", paper.Abstract!.Text);
        Assert.Equal("Its inverse $R^{-1}$ costs $\\mathcal{O}(n^2)$, not $\\frac{n^3}{2}$.", paper.Abstract.Source);
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
