using PortfolioGen;
using PortfolioGen.Profiles;
using PortfolioGen.Tests.Site;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>
/// The math of a typical machine-learning or physics profile is converted without a warning, so a deploy that builds
/// with <c>--strict</c> passes; a command outside the subset is still a PG0601 warning at its file, line and column.
/// </summary>
public class MathWarningTests
{
    private const string Profile = """
Ada Researcher

LG

2 Papers

LGMar 4, 2024
Low-Rank $\mathbf{W} = \mathbf{U}\boldsymbol{\Sigma}\mathbf{V}^\top$ Adapters with $\|\hat{\theta} - \theta^\star\|_2$ Bounds

Ada Researcher

We bound $\lVert \nabla_\theta \mathcal{L} \rVert \leq \epsilon$ and $\mathbb{E}_{x \sim p}[\langle \phi(x), \bar{w} \rangle]$, with $\operatorname{rank}(A) \le r$, $A^\dagger$, $x \perp y$, $u \otimes v$, $h \odot g$, $\binom{n}{k}$, $\dfrac{1}{2}$, $\tfrac{a}{b}$, $\overline{z}$, $\widehat{f}$, $\tilde{x}$, $\vec{v}$, $\dot{q}$, $\mathsf{T}$, $\mathfrak{g}$, $A \setminus B$, $\lfloor n/2 \rfloor$, $\lceil x \rceil$, $\lvert S \rvert$, $\begin{pmatrix} a & b \\ c & d \end{pmatrix}$, $p \implies q$, $p \iff q$, $a\!b$.

quant-ph Mar 5, 2024
Bra-kets $\langle \psi | \hat{H} | \psi \rangle$ and $\dagger$

Ada Researcher

We use $f(x) = \begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}$ and $\det\begin{vmatrix} a & b \\ c & d \end{vmatrix}$.
""";

    [Fact]
    public void Typical_math_gives_no_warning()
    {
        var result = ProfileParser.Parse(Profile, "ada.txt");
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_typical_profile_builds_under_strict()
    {
        using var site = new TestSite($"-- seeds/ada.txt --\n{Profile}-- content/site.yml --\ntitle: Ada\nbase_url: https://ada.example.org/\n");
        var result = site.Build(new PortfolioGen.Site.BuildOptions { Strict = true });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void An_unknown_command_is_a_warning_at_its_place()
    {
        var result = ProfileParser.Parse("Ada Researcher\n\nLG\n\n1 Papers\n\nLGMar 4, 2024\nOn $\\frobnicate{x}$ Things\n\nAda Researcher\n\nWe use $a + \\widecheck{b}$ here.\n", "ada.txt");
        Assert.Collection(result.Diagnostics,
            d => Assert.Equal((DiagnosticCodes.MathUnsupported, "ada.txt", 8, 4), (d.Code, d.File, d.Line, d.Column)),
            d => Assert.Equal((DiagnosticCodes.MathUnsupported, "ada.txt", 12, 8), (d.Code, d.File, d.Line, d.Column)));
        Assert.Contains("unsupported command \\frobnicate", result.Diagnostics[0].Message);
        Assert.Contains("unsupported command \\widecheck", result.Diagnostics[1].Message);
    }
}
