using System.Collections.Immutable;
using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>The reference profile, seeds/ang-lv.txt, read field by field.</summary>
public class ReferenceProfileTests
{
    private static readonly string[] RawLines = File.ReadAllText(TestPaths.ReferenceProfile).Split('\n');
    private static readonly ProfileParseResult Result = ProfileParser.ParseFile(TestPaths.ReferenceProfile);
    private static Profile Profile => Result.Profile!;

    private static Paper Titled(string title) => Profile.Papers.Single(p => p.Title == title);

    // The abstract as the file has it: the single line right after the entry's author line.
    private static string RawAbstractAfter(string title)
    {
        var i = Array.IndexOf(RawLines, title);
        Assert.True(i > 0, title);
        return RawLines[i + 4];
    }

    [Fact]
    public void The_file_is_the_shared_reference_byte_for_byte()
    {
        var shared = Path.Combine(TestPaths.RepoRoot, "..", "shared", "seeds", "ang-lv.txt");
        if (File.Exists(shared))
        {
            Assert.Equal(File.ReadAllBytes(shared), File.ReadAllBytes(TestPaths.ReferenceProfile));
        }
        // The copy ends without a final newline, which the last-entry test relies on.
        Assert.NotEqual((byte)'\n', File.ReadAllBytes(TestPaths.ReferenceProfile)[^1]);
    }

    [Fact]
    public void Reads_without_any_diagnostic() => Assert.Empty(Result.Diagnostics);

    [Fact]
    public void Header()
    {
        Assert.Equal("Ang Lv", Profile.Name);
        Assert.Equal(new Category("cs.CL", "Computation and Language"), Profile.PrimaryCategory);
        Assert.Equal(new Figures(17, 21, 587, 59, 51), Profile.Figures);
        Assert.Equal(21, Profile.DeclaredPaperCount);
        Assert.Equal(21, Profile.Papers.Length);
    }

    [Fact]
    public void First_entry_with_its_organisation()
    {
        var p = Profile.Papers[0];
        Assert.Equal("Re-creation of Creations: A New Paradigm for Lyric-to-Melody Generation", p.Title);
        Assert.Equal("re-creation-of-creations-a-new-paradigm-for-lyric-to-melody-generation", p.Slug);
        Assert.Equal(new Category("cs.SD", "Sound"), p.Category);
        Assert.Equal(new DateOnly(2022, 8, 11), p.Date);
        Assert.False(p.HasCode);
        Assert.Equal(["Ang Lv", "Xu Tan", "Tao Qin"], p.Authors.ToArray());
        Assert.True(p.AuthorsTruncated);
        Assert.Equal("microsoft-research", p.Organization);
        Assert.Equal(RawAbstractAfter(p.Title), p.Abstract!.Source);
        Assert.StartsWith("Lyric-to-melody generation is an important task in songwriting", p.Abstract.Text);
        Assert.EndsWith("on both objective and subjective metrics.", p.Abstract.Text);
        Assert.Equal("<p>" + p.Abstract.Source + "</p>", p.Abstract.Html);
        Assert.Equal(12, p.Line);
    }

    [Fact]
    public void Entry_with_code_whose_listed_authors_leave_the_owner_out()
    {
        var p = Titled("Masked Thought: Simply Masking Partial Reasoning Steps Can Improve Mathematical Reasoning Learning of Language Models");
        Assert.Equal("masked-thought-simply-masking-partial-reasoning-steps-can-improve-mathematical", p.Slug);
        Assert.Equal("cs.CL", p.Category.Code);
        Assert.Equal(new DateOnly(2024, 3, 4), p.Date);
        Assert.True(p.HasCode);
        Assert.Equal(["Changyu Chen", "Xiting Wang", "Ting-En Lin"], p.Authors.ToArray());
        Assert.True(p.AuthorsTruncated);
        Assert.Null(p.Organization);
        // The owner wrote it, but the profile does not list her: she is not invented into the list.
        Assert.DoesNotContain(p.Authors, Profile.IsOwner);
        Assert.Equal(RawAbstractAfter(p.Title), p.Abstract!.Source);
        Assert.Contains("a 5\\% improvement in GSM8K accuracy", p.Abstract.Source);
        Assert.Contains("a 5% improvement in GSM8K accuracy", p.Abstract.Text);
        Assert.Contains("a 5% improvement in GSM8K accuracy", p.Abstract.Html);
    }

    [Fact]
    public void Entry_with_emphasis_and_a_footnote_link()
    {
        var p = Titled("More is not always better? Enhancing Many-Shot In-Context Learning with Differentiated and Reweighting Objectives");
        Assert.Equal(new Category("cs.LG", "Machine Learning"), p.Category);
        Assert.Equal(new DateOnly(2025, 1, 7), p.Date);
        Assert.True(p.HasCode);
        Assert.Equal(["Xiaoqing Zhang", "Ang Lv", "Yuhan Liu"], p.Authors.ToArray());
        Assert.Contains("we introduce <em>DrICL</em>, a novel optimization method", p.Abstract!.Html);
        Assert.Contains("through <em>Differentiated</em> and <em>Reweighting</em> objectives", p.Abstract.Html);
        Assert.Contains("many-shot ICL (<a href=\"https://github.com/xiaoqzhwhu/DrICL\">https://github.com/xiaoqzhwhu/DrICL</a>).", p.Abstract.Html);
        Assert.Contains("many-shot ICL (https://github.com/xiaoqzhwhu/DrICL).", p.Abstract.Text);
        Assert.DoesNotContain("\\textit", p.Abstract.Text);
    }

    [Fact]
    public void Entry_with_math_and_quotes()
    {
        var p = Titled("An Analysis and Mitigation of the Reversal Curse");
        Assert.Equal(["Ang Lv", "Kaiyi Zhang", "Shufang Xie"], p.Authors.ToArray());
        Assert.Equal(new DateOnly(2023, 11, 13), p.Date);
        Assert.Contains("referred to as the ``reversal curse.''", p.Abstract!.Source);
        Assert.Contains("referred to as the \u201Creversal curse.\u201D", p.Abstract.Text);
        // Math is MathML at build time, each formula carrying its TeX as an annotation.
        foreach (var tex in new[] { "a", "b", "R", "R^{-1}", "aRb", "bR^{-1}a" })
        {
            Assert.Contains($"<annotation encoding=\"application/x-tex\">{tex}</annotation></semantics></math>", p.Abstract.Html);
        }
        Assert.Contains("<msup><mi>R</mi><mrow><mo>−</mo><mn>1</mn></mrow></msup>", p.Abstract.Html);
        Assert.DoesNotContain("$", p.Abstract.Html);
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Count(p.Abstract.Html, "<math>"));
        Assert.Contains("in the form of \u201CaRb,\u201D", p.Abstract.Text);
    }

    [Fact]
    public void Last_entry_which_ends_without_a_newline()
    {
        var p = Profile.Papers[^1];
        Assert.Equal("GETMusic: Generating Any Music Tracks with a Unified Representation and Diffusion Framework", p.Title);
        Assert.Equal(new Category("cs.SD", "Sound"), p.Category);
        Assert.Equal(new DateOnly(2023, 5, 18), p.Date);
        Assert.False(p.HasCode);
        Assert.Equal(["Ang Lv", "Xu Tan", "Peiling Lu"], p.Authors.ToArray());
        Assert.True(p.AuthorsTruncated);
        Assert.Null(p.Organization);
        Assert.Equal(RawLines[^1], p.Abstract!.Source);
        Assert.EndsWith("composition tasks.", p.Abstract.Source);
    }

    [Fact]
    public void Bare_urls_become_links_without_their_final_full_stop()
    {
        var p = Titled("The Climb Carves Wisdom Deeper Than the Summit: On the Noisy Rewards in Learning to Reason");
        Assert.Contains("<a href=\"https://github.com/trestad/Noisy-Rewards-in-Learning-to-Reason\">https://github.com/trestad/Noisy-Rewards-in-Learning-to-Reason</a>.", p.Abstract!.Html);
    }

    [Fact]
    public void Slugs_are_unique_and_safe()
    {
        var slugs = Profile.Papers.Select(p => p.Slug).ToList();
        Assert.Equal(slugs.Count, slugs.Distinct().Count());
        Assert.All(slugs, s => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", s));
        Assert.All(slugs, s => Assert.InRange(s.Length, 1, 80));
    }

    [Fact]
    public void Categories_and_code_flags()
    {
        Assert.Equal(
            new Dictionary<string, int> { ["cs.CL"] = 14, ["cs.LG"] = 4, ["cs.SD"] = 2, ["cs.AI"] = 1 },
            Profile.Papers.GroupBy(p => p.Category.Code).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(4, Profile.Papers.Count(p => p.HasCode));
        Assert.Equal(1, Profile.Papers.Count(p => p.Organization is not null));
        Assert.All(Profile.Papers, p => Assert.True(p.AuthorsTruncated));
    }

    [Fact]
    public void Co_authors_with_their_counts_and_years()
    {
        var expected = new (string Name, int Papers, int First, int Last)[]
        {
            ("Yuhan Chen", 6, 2023, 2024), ("Kaiyi Zhang", 4, 2023, 2025), ("Ruobing Xie", 4, 2024, 2025),
            ("Jinpeng Li", 2, 2023, 2025), ("Ting-En Lin", 2, 2023, 2024), ("Xiaoqing Zhang", 2, 2025, 2025),
            ("Xingwu Sun", 2, 2024, 2025), ("Xu Tan", 2, 2022, 2023), ("Yining Qian", 2, 2024, 2025),
            ("Changyu Chen", 1, 2024, 2024), ("Hongzhan Lin", 1, 2024, 2024), ("Huabin Zheng", 1, 2025, 2025),
            ("Jian Guan", 1, 2024, 2024), ("Jian Luan", 1, 2024, 2024), ("Jin Ma", 1, 2025, 2025),
            ("Peiling Lu", 1, 2023, 2023), ("Shuaipeng Li", 1, 2024, 2024), ("Shufang Xie", 1, 2023, 2023),
            ("Songhao Wu", 1, 2025, 2025), ("Tao Qin", 1, 2022, 2022), ("Tao Tan", 1, 2024, 2024),
            ("Xiao Feng", 1, 2025, 2025), ("Xiting Wang", 1, 2024, 2024), ("Yiyuan Ma", 1, 2025, 2025),
            ("Yuhan Liu", 1, 2025, 2025), ("Zhuocheng Gong", 1, 2024, 2024),
        };
        Assert.Equal(expected, Profile.CoAuthors.Select(c => (c.Name, c.Papers.Length, c.FirstYear, c.LastYear)).ToArray());
        Assert.DoesNotContain(Profile.CoAuthors, c => c.Name == "Ang Lv");
        // Every co-author's papers really list them.
        foreach (var co in Profile.CoAuthors)
        {
            Assert.All(co.Papers, slug => Assert.Contains(co.Name, Profile.Papers.Single(p => p.Slug == slug).Authors));
        }
        var yuhan = Profile.CoAuthors[0];
        Assert.Equal("yuhan-chen", yuhan.Slug);
        Assert.Equal(
            ["hope-a-novel-positional-encoding-without-long-term-decay-for-enhanced-context",
             "mixture-of-in-context-experts-enhance-llms-long-context-awareness",
             "interpreting-key-mechanisms-of-factual-recall-in-transformer-based-language",
             "batch-icl-effective-efficient-and-order-agnostic-in-context-learning",
             "fortify-the-shortest-stave-in-attention-enhancing-context-awareness-of-large",
             "dialogps-dialogue-path-sampling-in-continuous-semantic-space-for-data"],
            yuhan.Papers.ToArray());
    }

    [Fact]
    public void Reading_is_deterministic_under_any_culture()
    {
        var baseline = ProfileJson.ToJson(Profile, Result.Diagnostics);
        foreach (var name in new[] { "tr-TR", "de-DE", "ar-SA", "ja-JP" })
        {
            var before = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new(name);
                var again = ProfileParser.ParseFile(TestPaths.ReferenceProfile);
                Assert.Equal(baseline, ProfileJson.ToJson(again.Profile, again.Diagnostics));
            }
            finally
            {
                (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = before;
            }
        }
    }
}

public class ProfileFileTests
{
    [Fact]
    public void A_missing_file_is_an_error_diagnostic_naming_it()
    {
        var result = ProfileParser.ParseFile("/nonexistent/profile.txt", displayPath: "seeds/profile.txt");
        Assert.Null(result.Profile);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("seeds/profile.txt: error PG0019: the profile file does not exist", d.ToString());
    }
}
