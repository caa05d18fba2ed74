using PortfolioGen;
using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>
/// A title's math gives its slug words: its letters and digits as before, and now the names of Greek letters and of
/// functions (<c>\alpha</c> → <c>alpha</c>, <c>\log</c> → <c>log</c>), which were dropped. Other commands (fonts,
/// symbols, <c>\frac</c>) still give nothing, and titles without math keep their slugs.
/// </summary>
public class TitleSlugTests
{
    private static IReadOnlyList<Paper> Papers(params string[] titles)
    {
        var entries = string.Concat(titles.Select((t, i) => $"LGMar {i + 1}, 2024\n{t}\n\nAda Researcher\n\nBody.\n\n"));
        var result = ProfileParser.Parse($"Ada Researcher\n\nLG\n\n{titles.Length} Papers\n\n{entries}", "p.txt");
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return result.Profile!.Papers;
    }

    private static string Slug(string title) => Assert.Single(Papers(title)).Slug;

    [Theory]
    [InlineData(@"Attention in $O(n \log n)$: Linear Transformers", "attention-in-o-n-log-n-linear-transformers")]
    [InlineData(@"Calibrated $\alpha$-Divergence Posteriors", "calibrated-alpha-divergence-posteriors")]
    [InlineData(@"$\alpha$-$\beta$ Pruning", "alpha-beta-pruning")]
    [InlineData(@"$\alpha\beta$ Pruning", "alpha-beta-pruning")]
    [InlineData(@"$\varepsilon$-Greedy Exploration", "epsilon-greedy-exploration")]
    [InlineData(@"$\Sigma$-Nets and $\varphi$-Mixing", "sigma-nets-and-phi-mixing")]
    [InlineData(@"$\displaystyle\sum_i \alpha_i$ Bounds", "i-alpha-i-bounds")]   // as without the style switch
    [InlineData(@"Tuning with $\mu$P", "tuning-with-mup")]                 // a formula's ends join what touches them
    [InlineData(@"$\alpha_i$ Scales", "alpha-i-scales")]
    [InlineData(@"Bounds on $\max_i \sin x_i$", "bounds-on-max-i-sin-x-i")]
    [InlineData(@"$\lim \sup$ and $\Pr$", "lim-sup-and-pr")]
    public void Greek_letters_and_function_names_give_their_names(string title, string slug) => Assert.Equal(slug, Slug(title));

    [Theory]
    [InlineData(@"On $\mathcal{O}(n^2)$ Attention", "on-o-n-2-attention")]
    [InlineData(@"Sorting in $O(n^2)$ Time", "sorting-in-o-n-2-time")]
    [InlineData(@"Learning in $\mathbb{R}^d$", "learning-in-r-d")]
    [InlineData(@"The $\frac{1}{2}$ Rule", "the-1-2-rule")]
    [InlineData(@"$\operatorname{rank}$ Minimization", "rank-minimization")]
    [InlineData(@"$x \leq y \to z$ Orders", "x-y-z-orders")]
    [InlineData(@"\textit{Fast} Learning", "fast-learning")]
    [InlineData("Plain Title: Nothing Else", "plain-title-nothing-else")]
    public void Other_commands_still_give_nothing(string title, string slug) => Assert.Equal(slug, Slug(title));

    [Theory]
    [InlineData(@"The $\begin{pmatrix} a & b \end{pmatrix}$ Rule", "the-a-b-rule")]
    [InlineData(@"$\begin{cases} x \\ y \end{cases}$ Splits", "x-y-splits")]
    // A row break touching the next letter is a row break, not a command named after that letter.
    [InlineData(@"$\begin{pmatrix}a&b\\c&d\end{pmatrix}$ Trick", "a-b-c-d-trick")]
    [InlineData(@"$a\\c$ Trick", "a-c-trick")]
    public void Environment_names_give_nothing(string title, string slug) => Assert.Equal(slug, Slug(title));

    [Fact]
    public void The_citation_key_and_text_are_as_they_were()
    {
        var paper = Assert.Single(Papers(@"Calibrated $\alpha$-Divergence Posteriors"));
        Assert.Equal(@"Calibrated \alpha-Divergence Posteriors", paper.TitleMarkup.Text);
    }

    [Fact]
    public void Titles_that_now_make_the_same_slug_are_told_apart_as_any_are()
    {
        // "$\alpha$ Pruning" now wants the slug "Alpha Pruning" has: the older keeps it, the newer gets -2.
        var papers = Papers(@"$\alpha$ Pruning", "Alpha Pruning");
        Assert.Equal("alpha-pruning", papers.Single(p => p.Title.StartsWith('$')).Slug);
        Assert.Equal("alpha-pruning-2", papers.Single(p => p.Title == "Alpha Pruning").Slug);
    }
}
