using System.Buffers.Binary;
using System.Text;
using PortfolioGen.Profiles;
using PortfolioGen.Scholarly.Visuals;
using PortfolioGen.Site;
using SkiaSharp;
using Xunit;
using Part = PortfolioGen.Scholarly.Visuals.SocialCardRenderer.Part;

namespace PortfolioGen.Tests.Scholarly;

/// <summary>One renderer for the whole class, as a build uses one for every card.</summary>
public sealed class SocialCardFixture : IDisposable
{
    public SocialCardFixture()
    {
        Profile = ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!;
        CoAuthors = Profile.CoAuthors.ToDictionary(c => c.Key);
        Views = Profile.Papers.Select(p => PaperView.Create(p, PaperAdditions.None, Profile, new SiteSettings(), CoAuthors)).ToList();
        Renderer = new SocialCardRenderer(FontFiles);
    }

    /// <summary>The default theme's font files, as the build finds them: every TTF/OTF in its fonts/ folder.</summary>
    public static IReadOnlyList<string> FontFiles { get; } = Directory
        .EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "themes", "default", "fonts"))
        .Where(f => f.EndsWith(".otf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal)
        .ToList();

    public Profile Profile { get; }
    public Dictionary<string, CoAuthor> CoAuthors { get; }
    public IReadOnlyList<PaperView> Views { get; }
    public SocialCardRenderer Renderer { get; }

    /// <summary>A reference paper changed as given, viewed the way the site views it (owner and co-authors resolved).</summary>
    public PaperView Variant(string? title = null, IEnumerable<string>? authors = null, bool? truncated = null, int index = 0)
    {
        var paper = Profile.Papers[index];
        if (title is not null) paper = paper with { Title = title, TitleMarkup = new RichText(title, title, title) };
        if (authors is not null) paper = paper with { Authors = [.. authors] };
        if (truncated is { } t) paper = paper with { AuthorsTruncated = t };
        return PaperView.Create(paper, PaperAdditions.None, Profile, new SiteSettings(), CoAuthors);
    }

    public void Dispose() => Renderer.Dispose();
}

public class SocialCardTests(SocialCardFixture cards) : IClassFixture<SocialCardFixture>
{
    private const string Site = "Ang Lv";
    private static readonly SKColor Background = new(0xFB, 0xFB, 0xF9);
    private static readonly SKColor Accent = new(0x0B, 0x5C, 0xAD);

    private SocialCardRenderer Renderer => cards.Renderer;
    private string Owner => cards.Profile.Name;

    [Fact]
    public void The_theme_ships_a_regular_and_a_bold_font_with_its_licence()
    {
        Assert.Equal(["Inter-Bold.otf", "Inter-Regular.otf"], SocialCardFixture.FontFiles.Select(Path.GetFileName));
        var licence = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "themes", "default", "fonts", "OFL.txt"));
        Assert.Contains("SIL OPEN FONT LICENSE Version 1.1", licence, StringComparison.Ordinal);
        // Fonts are for build-time images only; nothing under assets/ (which every site gets a copy of).
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "themes", "default", "assets"), "*.?tf", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_reference_paper_card_is_a_1200_by_630_png_with_text_on_a_light_background()
    {
        var png = Renderer.RenderPaper(cards.Views[0], Site, Owner);
        using var bitmap = Decode(png);
        Assert.Equal(1200, bitmap.Width);
        Assert.Equal(630, bitmap.Height);
        var pixels = bitmap.Pixels;
        Assert.Equal(Background, bitmap.GetPixel(5, 5));
        var distinct = pixels.Distinct().Count();
        Assert.True(distinct > 100, $"only {distinct} colours: the text is missing or not anti-aliased");
        var inked = pixels.Count(p => p != Background) / (double)pixels.Length;
        Assert.InRange(inked, 0.03, 0.35);
        // The accent colour is used, and sparingly.
        var accent = pixels.Count(p => p == Accent) / (double)pixels.Length;
        Assert.InRange(accent, 0.0004, 0.02);
        AssertMarginsClear(bitmap);
    }

    [Fact]
    public void A_reference_paper_card_shows_title_authors_date_category_and_site()
    {
        var view = cards.Views[0]; // "Re-creation of Creations: …", Ang Lv, Xu Tan, Tao Qin et al., SD, Aug 11, 2022
        var layout = Renderer.LayoutPaper(view, Site, Owner);
        Assert.Equal(view.Paper.TitleMarkup.Readable, string.Join(" ", Texts(layout, Part.Title)));
        Assert.Equal("Ang Lv, Xu Tan, Tao Qin et al.", AuthorLine(layout));
        Assert.Equal(["Ang Lv"], Texts(layout, Part.Owner));
        Assert.True(layout.Single(t => t.Part == Part.Owner).Style.Bold);
        Assert.All(layout.Where(t => t.Part == Part.Author), t => Assert.False(t.Style.Bold));
        Assert.True(layout.Where(t => t.Part == Part.Title).All(t => t.Style.Bold));
        Assert.StartsWith("Aug 11, 2022", Texts(layout, Part.Date).Single(), StringComparison.Ordinal);
        Assert.Equal(["cs.SD"], Texts(layout, Part.CategoryCode));
        Assert.Equal([" Sound"], Texts(layout, Part.CategoryName));
        Assert.Equal([Site], Texts(layout, Part.Site));
    }

    [Fact]
    public void Every_reference_paper_fits_inside_the_margins()
    {
        foreach (var view in cards.Views)
        {
            var layout = Renderer.LayoutPaper(view, Site, Owner);
            AssertInsideFrame(layout, view.Slug);
            Assert.InRange(Texts(layout, Part.Title).Count, 1, 4);
            Assert.DoesNotContain("\u2026", string.Concat(Texts(layout, Part.Title)), StringComparison.Ordinal);
            using var bitmap = Decode(Renderer.RenderPaper(view, Site, Owner));
            AssertMarginsClear(bitmap);
        }
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes()
    {
        var view = cards.Views[3];
        var first = Renderer.RenderPaper(view, Site, Owner);
        var second = Renderer.RenderPaper(view, Site, Owner);
        Assert.Equal(first, second);
        // A renderer of its own (fonts loaded again) draws the same bytes too.
        using (var other = new SocialCardRenderer(SocialCardFixture.FontFiles))
        {
            Assert.Equal(first, other.RenderPaper(view, Site, Owner));
            Assert.Equal(Renderer.RenderHome(Owner, "Computation and Language", "21 papers · 587 citations · h-index 17", Site),
                other.RenderHome(Owner, "Computation and Language", "21 papers · 587 citations · h-index 17", Site));
        }
        Assert.NotEqual(first, Renderer.RenderPaper(cards.Views[4], Site, Owner));
    }

    [Fact]
    public void The_drawing_is_the_one_its_version_names()
    {
        // Sites keep drawn cards in a cache keyed by what a card shows and by SocialCardRenderer.DrawingVersion. If this
        // fails, the cards look different now: raise DrawingVersion (so every site draws its cards again), then
        // record the new hashes here. SkiaSharp's version is part of the key by itself.
        var paper = Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(Renderer.RenderPaper(cards.Views[0], Site, Owner)));
        var home = Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(
            Renderer.RenderHome(Owner, "Computation and Language", "21 papers · 587 citations · h-index 17", Site)));
        Assert.Equal((2, "770ac1c3501a80b99e933bc6d2bb275d", "774b9c696100ef0112a973b18ef8e827"), (SocialCardRenderer.DrawingVersion, paper, home));
    }

    [Fact]
    public void The_png_carries_no_metadata()
    {
        var chunks = Chunks(Renderer.RenderPaper(cards.Views[0], Site, Owner));
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        // No time, text, colour profile or physical-size chunks: only the image and its significant bits.
        Assert.All(chunks, c => Assert.Contains(c, new[] { "IHDR", "sBIT", "IDAT", "IEND" }));
    }

    [Fact]
    public void Cards_drawn_on_several_threads_match_those_drawn_one_by_one()
    {
        var sequential = cards.Views.Select(v => Renderer.RenderPaper(v, Site, Owner)).ToList();
        var parallel = new byte[cards.Views.Count][];
        Parallel.For(0, cards.Views.Count * 3, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => parallel[i % cards.Views.Count] = Renderer.RenderPaper(cards.Views[i % cards.Views.Count], Site, Owner));
        for (var i = 0; i < sequential.Count; i++) Assert.Equal(sequential[i], parallel[i]);
    }

    [Fact]
    public void A_very_long_title_wraps_to_four_lines_ending_in_an_ellipsis_and_stays_inside_the_margins()
    {
        var title = string.Join(" ", Enumerable.Repeat("Towards Scalable, Interpretable and Efficient Mixture-of-Experts Transformers for Long-Context Reasoning", 6));
        var view = cards.Variant(title: title);
        var layout = Renderer.LayoutPaper(view, Site, Owner);
        var lines = Texts(layout, Part.Title);
        Assert.Equal(4, lines.Count);
        Assert.EndsWith("\u2026", lines[^1], StringComparison.Ordinal);
        Assert.StartsWith("Towards Scalable, Interpretable", lines[0], StringComparison.Ordinal);
        // Cut at a word: what is left before the ellipsis is whole words of the title.
        var shown = string.Join(" ", lines)[..^1];
        Assert.StartsWith(shown, title, StringComparison.Ordinal);
        Assert.True(title.Length == shown.Length || title[shown.Length] is ' ' or ',' , $"cut inside a word: '{shown}'");
        AssertInsideFrame(layout, "long title");
        using var bitmap = Decode(Renderer.RenderPaper(view, Site, Owner));
        AssertMarginsClear(bitmap);
    }

    [Fact]
    public void A_title_of_one_endless_word_is_broken_between_characters()
    {
        var word = string.Concat(Enumerable.Repeat("Supercalifragilistic", 30));
        var layout = Renderer.LayoutPaper(cards.Variant(title: word), Site, Owner);
        var lines = Texts(layout, Part.Title);
        Assert.Equal(4, lines.Count);
        Assert.EndsWith("\u2026", lines[^1], StringComparison.Ordinal);
        Assert.StartsWith(string.Concat(lines.Take(3)), word, StringComparison.Ordinal);
        AssertInsideFrame(layout, "one word");
        using var bitmap = Decode(Renderer.RenderPaper(cards.Variant(title: word), Site, Owner));
        AssertMarginsClear(bitmap);
    }

    [Fact]
    public void Names_in_scripts_the_font_lacks_are_transliterated_and_greek_is_drawn_as_greek()
    {
        var view = cards.Variant(authors: ["张伟", "Γιώργος Παπαδόπουλος", "Ang Lv", "山田 太郎", "Иван Петров"], truncated: false);
        var layout = Renderer.LayoutPaper(view, Site, Owner);
        Assert.Equal("Zhang Wei, Γιώργος Παπαδόπουλος, Ang Lv, Shan Tian Tai Lang, Иван Петров", AuthorLine(layout));
        AssertEveryCharacterHasAGlyph(layout);
        using var bitmap = Decode(Renderer.RenderPaper(view, Site, Owner));
        Assert.Equal(1200, bitmap.Width);
        AssertMarginsClear(bitmap);
    }

    [Fact]
    public void A_title_in_chinese_is_transliterated_not_drawn_as_boxes()
    {
        var view = cards.Variant(title: "基于深度学习的歌词到旋律生成 (Lyric-to-Melody) \u2014 αβγ");
        var layout = Renderer.LayoutPaper(view, Site, Owner);
        var title = string.Join(" ", Texts(layout, Part.Title));
        Assert.StartsWith("Ji Yu Shen Du Xue Xi De Ge Ci Dao Xuan Lu Sheng Cheng (Lyric-to-Melody)", title, StringComparison.Ordinal);
        Assert.EndsWith("\u2014 αβγ", title, StringComparison.Ordinal);
        AssertEveryCharacterHasAGlyph(layout);
    }

    [Fact]
    public void Text_is_cleaned_before_it_is_drawn()
    {
        // Decomposed accents are composed, line breaks and runs of spaces become one space, invisible marks go.
        Assert.Equal("Jos\u00e9 M\u00fcller", Renderer.Prepare("Jose\u0301  \n Mu\u0308ller\u200b"));
        Assert.Equal("Wei Zhang (Zhang Wei)", Renderer.Prepare("Wei Zhang (张伟)"));
        Assert.Equal("Li Ming Lab", Renderer.Prepare("李明Lab"));
        Assert.Equal("", Renderer.Prepare("  \t "));
        Assert.Equal("", Renderer.Prepare(null));
    }

    [Fact]
    public void A_long_author_list_is_cut_to_two_lines_with_et_al()
    {
        var authors = Enumerable.Range(1, 40).Select(i => $"Author Number{i} Surname").Prepend("Ang Lv").ToList();
        var layout = Renderer.LayoutPaper(cards.Variant(authors: authors, truncated: false), Site, Owner);
        var authorTexts = layout.Where(t => t.Part is Part.Author or Part.Owner or Part.Punctuation).ToList();
        Assert.Equal(2, authorTexts.Select(t => t.Baseline).Distinct().Count());
        Assert.Equal("et al.", authorTexts[^1].Text);
        Assert.DoesNotContain(authorTexts, t => t.Text == "Author Number40 Surname");
        // No comma before "et al.", as the profile writes it.
        Assert.NotEqual(",", authorTexts[^2].Text);
        AssertInsideFrame(layout, "many authors");
    }

    // A collaboration paper with the owner far down its list: the card shows her, as lists do ("…" before her name),
    // instead of only the names that fit.
    [Theory]
    [InlineData(1200, true)]
    [InlineData(40, false)]
    public void The_owner_far_down_a_long_author_list_is_on_the_card(int before, bool etAl)
    {
        var authors = Enumerable.Range(1, before).Select(i => $"Author Number{i} Surname").Append("Ang Lv")
            .Concat(etAl ? ["Last Author"] : []).ToList();
        var layout = Renderer.LayoutPaper(cards.Variant(authors: authors, truncated: false), Site, Owner);
        var line = AuthorLine(layout);
        Assert.Equal("Ang Lv", layout.Single(t => t.Part == Part.Owner).Text);
        Assert.EndsWith(etAl ? ", …, Ang Lv et al." : ", …, Ang Lv", line, StringComparison.Ordinal);
        Assert.StartsWith("Author Number1 Surname, Author Number2 Surname", line, StringComparison.Ordinal);
        Assert.Equal(2, layout.Where(t => t.Part is Part.Author or Part.Owner).Select(t => t.Baseline).Distinct().Count());
        AssertInsideFrame(layout, "owner far down");
    }

    [Fact]
    public void An_author_list_that_fits_gets_no_et_al_unless_the_paper_has_more()
    {
        var full = Renderer.LayoutPaper(cards.Variant(authors: ["Ang Lv", "Xu Tan"], truncated: false), Site, Owner);
        Assert.Equal("Ang Lv, Xu Tan", AuthorLine(full));
        var cut = Renderer.LayoutPaper(cards.Variant(authors: ["Ang Lv", "Xu Tan"], truncated: true), Site, Owner);
        Assert.Equal("Ang Lv, Xu Tan et al.", AuthorLine(cut));
    }

    [Fact]
    public void A_very_long_site_name_and_category_are_cut_in_the_footer()
    {
        var site = string.Join(" ", Enumerable.Repeat("Laboratory of Extremely Long Site Names", 5));
        var layout = Renderer.LayoutPaper(cards.Views[0], site, Owner);
        var siteText = Texts(layout, Part.Site).Single();
        Assert.EndsWith("\u2026", siteText, StringComparison.Ordinal);
        var footer = layout.Where(t => t.Part is Part.Date or Part.CategoryCode or Part.CategoryName or Part.Site).ToList();
        var left = footer.Where(t => t.Part != Part.Site).Max(t => t.X + t.Width);
        Assert.True(left < footer.Single(t => t.Part == Part.Site).X, "the footer's parts overlap");
        AssertInsideFrame(layout, "long site name");
    }

    [Fact]
    public void The_home_card_shows_name_area_figures_and_site()
    {
        const string figures = "21 papers · 587 citations · h-index 17";
        var area = cards.Profile.PrimaryCategory?.Name;
        var png = Renderer.RenderHome(Owner, area, figures, Site);
        Assert.Equal(png, Renderer.RenderHome(Owner, area, figures, Site));
        using var bitmap = Decode(png);
        Assert.Equal(1200, bitmap.Width);
        Assert.Equal(630, bitmap.Height);
        Assert.True(bitmap.Pixels.Distinct().Count() > 100);
        Assert.InRange(bitmap.Pixels.Count(p => p != Background) / (double)bitmap.Pixels.Length, 0.02, 0.35);
        AssertMarginsClear(bitmap);

        var layout = Renderer.LayoutHome(Owner, area, figures, Site);
        Assert.Equal(["Ang Lv"], Texts(layout, Part.Name));
        Assert.Equal(["Computation and Language"], Texts(layout, Part.Area));
        Assert.Equal([figures], Texts(layout, Part.Figures));
        Assert.Equal([Site], Texts(layout, Part.Site));
        AssertInsideFrame(layout, "home");
    }

    [Fact]
    public void The_home_card_copes_with_a_long_name_and_missing_parts()
    {
        var name = "Maximiliana Alexandra Konstantinopoulou-Schwarzenberger von Hohenlohe-Waldenburg-Schillingsfürst";
        var layout = Renderer.LayoutHome(name, null, null, Site);
        Assert.InRange(Texts(layout, Part.Name).Count, 1, 2);
        Assert.Empty(Texts(layout, Part.Area));
        Assert.Empty(Texts(layout, Part.Figures));
        AssertInsideFrame(layout, "home, long name");
        using var bitmap = Decode(Renderer.RenderHome(name, null, null, Site));
        AssertMarginsClear(bitmap);
        using var chinese = Decode(Renderer.RenderHome("吕昂", "计算与语言", null, "吕昂的主页"));
        AssertMarginsClear(chinese);
        AssertEveryCharacterHasAGlyph(Renderer.LayoutHome("吕昂", "计算与语言", null, "吕昂的主页"));
    }

    [Fact]
    public void An_unknown_category_shows_its_code_once()
    {
        var paper = cards.Profile.Papers[0] with { Category = ArxivCategories.Resolve("ZZ") };
        var view = PaperView.Create(paper, PaperAdditions.None, cards.Profile, new SiteSettings(), cards.CoAuthors);
        var layout = Renderer.LayoutPaper(view, Site, Owner);
        Assert.Equal(["ZZ"], Texts(layout, Part.CategoryCode));
        Assert.Empty(Texts(layout, Part.CategoryName));
    }

    [Fact]
    public void A_single_font_file_serves_for_regular_and_bold()
    {
        var regular = SocialCardFixture.FontFiles.Single(f => f.EndsWith("Inter-Regular.otf", StringComparison.Ordinal));
        using var single = new SocialCardRenderer([regular]);
        var layout = single.LayoutPaper(cards.Views[0], Site, Owner);
        var owner = layout.Single(t => t.Part == Part.Owner);
        Assert.True(owner.Style.Bold);
        Assert.True(owner.Style.Font.Embolden, "bold from a regular face is drawn emboldened");
        Assert.False(layout.First(t => t.Part == Part.Author).Style.Font.Embolden);
        AssertInsideFrame(layout, "one face");
        using var bitmap = Decode(single.RenderPaper(cards.Views[0], Site, Owner));
        AssertMarginsClear(bitmap);
        // With both faces, bold is the real bold face.
        Assert.False(Renderer.LayoutPaper(cards.Views[0], Site, Owner).Single(t => t.Part == Part.Owner).Style.Font.Embolden);
    }

    [Fact]
    public void A_disposed_renderer_refuses_to_draw()
    {
        var renderer = new SocialCardRenderer(SocialCardFixture.FontFiles);
        renderer.Dispose();
        renderer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => renderer.RenderPaper(cards.Views[0], Site, Owner));
        Assert.Throws<ObjectDisposedException>(() => renderer.RenderHome(Owner, null, null, Site));
    }

    [Fact]
    public void A_file_that_is_not_a_font_is_refused()
    {
        using var dir = new TempDirectory();
        var bogus = Path.Combine(dir.Path, "not-a-font.ttf");
        File.WriteAllText(bogus, "hello");
        Assert.Throws<ArgumentException>(() => new SocialCardRenderer([bogus]));
        Assert.Throws<ArgumentException>(() => new SocialCardRenderer([]));
    }

    // ---- helpers ----

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a PNG");

    private static List<string> Texts(List<SocialCardRenderer.PlacedText> layout, Part part)
        => layout.Where(t => t.Part == part).Select(t => t.Text).ToList();

    // The authors as one line of text, rebuilt from the placed pieces (a space where the layout leaves a gap).
    private static string AuthorLine(List<SocialCardRenderer.PlacedText> layout)
    {
        var sb = new StringBuilder();
        foreach (var t in layout.Where(t => t.Part is Part.Author or Part.Owner or Part.Punctuation))
        {
            if (sb.Length > 0 && t.Part != Part.Punctuation) sb.Append(' ');
            sb.Append(t.Text);
        }
        return sb.ToString();
    }

    private static void AssertInsideFrame(List<SocialCardRenderer.PlacedText> layout, string what)
    {
        foreach (var t in layout)
        {
            Assert.True(t.X >= SocialCardRenderer.Left - 0.01f, $"{what}: '{t.Text}' starts left of the margin");
            Assert.True(t.X + t.Width <= SocialCardRenderer.Right + 0.01f, $"{what}: '{t.Text}' runs past the right margin ({t.X + t.Width})");
            Assert.True(t.Baseline + t.Style.Descent <= SocialCardRenderer.Bottom, $"{what}: '{t.Text}' runs past the bottom margin");
            Assert.True(t.Baseline - t.Style.CapHeight >= SocialCardRenderer.Top, $"{what}: '{t.Text}' starts above the top margin");
        }
    }

    // Nothing drawn in the margins: every pixel outside the frame (less a few pixels of anti-aliasing) is background.
    private static void AssertMarginsClear(SKBitmap bitmap)
    {
        const int slack = 3;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var inside = x >= SocialCardRenderer.Left - slack && x < SocialCardRenderer.Right + slack
                             && y >= SocialCardRenderer.Top - slack && y < SocialCardRenderer.Bottom + slack;
                if (!inside && bitmap.GetPixel(x, y) != Background) Assert.Fail($"ink in the margin at ({x}, {y}): {bitmap.GetPixel(x, y)}");
            }
        }
    }

    private static void AssertEveryCharacterHasAGlyph(List<SocialCardRenderer.PlacedText> layout)
    {
        foreach (var t in layout)
        {
            foreach (var rune in t.Text.EnumerateRunes())
            {
                Assert.True(t.Style.Font.ContainsGlyph(rune.Value), $"'{rune}' (U+{rune.Value:X4}) in '{t.Text}' has no glyph: it would be a box");
            }
        }
    }

    private static List<string> Chunks(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = new List<string>();
        for (var i = 8; i < png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(i));
            chunks.Add(Encoding.ASCII.GetString(png, i + 4, 4));
            i += 12 + length;
        }
        return chunks;
    }
}
