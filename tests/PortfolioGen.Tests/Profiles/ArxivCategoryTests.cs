using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>Every category of arXiv's taxonomy starts an entry, with its name and its own topic path.</summary>
public class ArxivCategoryTests
{
    [Theory]
    [InlineData("physics.optics", "physics.optics", "Optics", "physics-optics")]
    [InlineData("cond-mat.stat-mech", "cond-mat.stat-mech", "Statistical Mechanics", "cond-mat-stat-mech")]
    [InlineData("astro-ph.CO", "astro-ph.CO", "Cosmology and Nongalactic Astrophysics", "astro-ph-co")]
    [InlineData("hep-th", "hep-th", "High Energy Physics - Theory", "hep-th")]
    [InlineData("math.AG", "math.AG", "Algebraic Geometry", "math-ag")]
    [InlineData("q-bio.NC", "q-bio.NC", "Neurons and Cognition", "q-bio-nc")]
    [InlineData("eess.SP", "eess.SP", "Signal Processing", "eess-sp")]
    [InlineData("econ.EM", "econ.EM", "Econometrics", "econ-em")]
    [InlineData("q-fin.ST", "q-fin.ST", "Statistical Finance", "q-fin-st")]
    [InlineData("stat.ML", "stat.ML", "Machine Learning", "stat-ml")]
    [InlineData("nlin.CD", "nlin.CD", "Chaotic Dynamics", "nlin-cd")]
    [InlineData("gr-qc", "gr-qc", "General Relativity and Quantum Cosmology", "gr-qc")]
    [InlineData("quant-ph", "quant-ph", "Quantum Physics", "quant-ph")]
    [InlineData("nucl-th", "nucl-th", "Nuclear Theory", "nucl-th")]
    [InlineData("math-ph", "math-ph", "Mathematical Physics", "math-ph")]
    [InlineData("CL", "cs.CL", "Computation and Language", "cs-cl")]
    public void Every_arxiv_category_starts_an_entry_and_is_the_primary(string written, string code, string name, string slug)
    {
        // The category glued to the date, as the reference profile writes them, in the place of line 26's CL.
        var r = ProfileParser.Parse(BadInput.With(26, written + "Nov 13, 2023").Replace("\nCL\n", "\n" + written + "\n", StringComparison.Ordinal), "p.txt");
        Assert.Empty(r.Diagnostics);
        Assert.Equal(21, r.Profile!.Papers.Length);
        var paper = r.Profile.Papers.Single(p => p.Title == "An Analysis and Mitigation of the Reversal Curse");
        Assert.Equal(new Category(code, name), paper.Category);
        Assert.Equal(slug, paper.Category.Slug);
        Assert.Equal(new Category(code, name), r.Profile.PrimaryCategory);
    }

    [Fact]
    public void Bare_subjects_resolve_as_they_always_did()
    {
        // The bare subjects profiles could write before the whole taxonomy was known, and what they meant.
        var before = new Dictionary<string, string>
        {
            ["AI"] = "cs.AI", ["CL"] = "cs.CL", ["LG"] = "cs.LG", ["SD"] = "cs.SD", ["CV"] = "cs.CV", ["IT"] = "cs.IT",
            ["NA"] = "cs.NA", ["SY"] = "cs.SY", ["SC"] = "cs.SC", ["DS"] = "cs.DS", ["GT"] = "cs.GT", ["LO"] = "cs.LO",
            ["AP"] = "stat.AP", ["CO"] = "stat.CO", ["ME"] = "stat.ME", ["ML"] = "stat.ML", ["OT"] = "stat.OT", ["TH"] = "stat.TH",
            ["AS"] = "eess.AS", ["IV"] = "eess.IV", ["SP"] = "eess.SP", ["OC"] = "math.OC", ["PR"] = "math.PR", ["ST"] = "math.ST",
            ["NC"] = "q-bio.NC", ["QM"] = "q-bio.QM", ["EM"] = "econ.EM", ["GN"] = "econ.GN",
        };
        Assert.All(before, kv => Assert.Equal(kv.Value, ArxivCategories.Resolve(kv.Key).Code));
    }

    [Fact]
    public void Every_category_reads_back_from_a_header_and_has_its_own_topic_path()
    {
        Assert.True(ArxivCategories.All.Count > 150, $"{ArxivCategories.All.Count} categories");
        Assert.Equal(ArxivCategories.All.Count, ArxivCategories.All.Select(c => c.Slug).Distinct().Count());
        foreach (var c in ArxivCategories.All)
        {
            var r = ProfileParser.Parse($"Ada\n\n{c.Code}\n\n{c.Code}Jan 2, 2020Code\nT\n\nAda\n", "p.txt");
            Assert.True(r.Diagnostics.IsEmpty, c.Code + ": " + string.Join('\n', r.Diagnostics));
            Assert.Equal(c, r.Profile!.PrimaryCategory);
            Assert.Equal(c, Assert.Single(r.Profile.Papers).Category);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", c.Slug);
        }
    }

    [Fact]
    public void A_misspelt_month_after_a_lowercase_subject_is_a_malformed_header()
    {
        var r = ProfileParser.Parse(BadInput.With(26, "physics.opticsNovember 13, 2023"), "p.txt");
        Assert.StartsWith("p.txt(26,1): error PG0011: ", BadInput.Errors(r));
    }

    // An abstract's lines wrap anywhere: a line of prose shaped like "word Month day, year" is prose unless its first
    // word is an arXiv archive.
    [Theory]
    [InlineData("on June 5, 2023")]
    [InlineData("by March 31, 2024")]
    [InlineData("until May 1, 2025")]
    [InlineData("well-known Mar 5, 2023")]
    [InlineData("in Table 3, 4b")]
    public void A_wrapped_abstract_line_shaped_like_a_date_is_prose(string line)
    {
        var r = ProfileParser.Parse(BadInput.With(31, "Recent research observed", line, "a noteworthy phenomenon."), "p.txt");
        Assert.Empty(r.Diagnostics);
        Assert.Equal(21, r.Profile!.Papers.Length);
        Assert.Contains(line, r.Profile.Papers.Single(p => p.Title == "An Analysis and Mitigation of the Reversal Curse").Abstract!.Text);
    }

    [Fact]
    public void A_dotted_word_in_the_header_is_no_category()
    {
        var r = ProfileParser.Parse(BadInput.With(3, "arxiv.org", "CL"), "p.txt");
        Assert.Equal("cs.CL", r.Profile!.PrimaryCategory!.Code);
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.DuplicateHeaderValue);
    }
}
