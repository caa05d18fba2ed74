using AngleSharp.Dom;
using PortfolioGen.Profiles;
using PortfolioGen.Site;
using PortfolioGen.Tests.Scholarly;
using SkiaSharp;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// Social cards in a built site: the reference profile on a sub-path base URL (strict), every paper's page and the
/// home page pointing og:image and twitter:image at a real 1200×630 card.
/// </summary>
public class SocialCardSiteTests(ScholarlySiteFixture site) : IClassFixture<ScholarlySiteFixture>
{
    private const string Base = ScholarlySiteFixture.BaseUrl;
    private static readonly SKColor Background = new(0xFB, 0xFB, 0xF9);

    public static TheoryData<string> PagesWithCards()
    {
        var data = new TheoryData<string> { "" };
        foreach (var p in ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!.Papers) data.Add($"papers/{p.Slug}/");
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesWithCards))]
    public void The_page_shows_its_card_as_a_large_image_to_link_previews(string page)
    {
        var doc = site.Html(page + "index.html");
        var image = Property(doc, "og:image");
        Assert.Equal(Base + page + "card.png", image);
        Assert.Equal(image, Name(doc, "twitter:image"));
        Assert.Equal("summary_large_image", Name(doc, "twitter:card"));
        Assert.Equal("image/png", Property(doc, "og:image:type"));
        Assert.Equal("1200", Property(doc, "og:image:width"));
        Assert.Equal("630", Property(doc, "og:image:height"));
        // The alternative text is what the card says: the paper's title first, or the owner's name.
        var alt = Property(doc, "og:image:alt")!;
        Assert.Equal(alt, Name(doc, "twitter:image:alt"));
        var paper = site.Profile.Papers.FirstOrDefault(p => page == $"papers/{p.Slug}/");
        Assert.StartsWith(paper is null ? "Ang Lv · Computation and Language · 21 papers" : paper.TitleMarkup.Readable + " — ", alt, StringComparison.Ordinal);


        // The URL points at a file of the site: a 1200×630 PNG with something drawn on it.
        var file = Path.Combine(site.Output, image![Base.Length..]);
        using var bitmap = SKBitmap.Decode(file);
        Assert.NotNull(bitmap);
        Assert.Equal((1200, 630), (bitmap.Width, bitmap.Height));
        var pixels = bitmap.Pixels;
        Assert.True(pixels.Distinct().Count() > 50, "the card is nearly one colour");
        Assert.InRange(pixels.Count(p => p != Background) / (double)pixels.Length, 0.02, 0.5);
    }

    [Fact]
    public void Only_the_home_page_and_papers_have_cards_and_every_card_is_linked()
    {
        var cards = Directory.GetFiles(site.Output, "card.png", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site.Output, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(site.Profile.Papers.Select(p => $"papers/{p.Slug}/card.png").Append("card.png").Order(StringComparer.Ordinal), cards);
        // The other pages keep a small summary card.
        foreach (var page in new[] { "coauthors/index.html", "topics/index.html", "about/index.html", "search/index.html" })
        {
            var doc = site.Html(page);
            Assert.Null(Property(doc, "og:image"));
            Assert.Equal("summary", Name(doc, "twitter:card"));
        }
    }

    private static string? Property(IDocument doc, string key) => doc.QuerySelector($"meta[property='{key}']")?.GetAttribute("content");

    private static string? Name(IDocument doc, string key) => doc.QuerySelector($"meta[name='{key}']")?.GetAttribute("content");
}

/// <summary>Cards are drawn once: byte-identical across builds, kept in the site's card cache, redrawn only for a paper that changed.</summary>
public class SocialCardCacheTests
{
    private const string Settings = """
-- content/site.yml --
title: Ada's Research
base_url: https://ada.example.org/
""";

    private static string CacheOf(TestSite site) => SocialCardCache.DirectoryFor(site.Root);

    private static Dictionary<string, byte[]> Cards(TestSite site)
        => Directory.GetFiles(site.Output(""), "card.png", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(site.Output(""), f).Replace('\\', '/'), File.ReadAllBytes);

    private static Dictionary<string, DateTime> Times(string folder, string pattern)
        => Directory.GetFiles(folder, pattern, SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

    [Fact]
    public void Two_sites_built_from_the_same_profile_have_the_same_card_bytes()
    {
        // Separate folders, so separate caches: every card is drawn twice.
        using var one = new TestSite(TestSite.SmallProfile + Settings);
        using var two = new TestSite(TestSite.SmallProfile + Settings);
        Assert.Equal(4, one.BuildOk().CardsDrawn);
        Assert.Equal(4, two.BuildOk().CardsDrawn);
        var a = Cards(one);
        var b = Cards(two);
        Assert.Equal(["card.png", "papers/alone-again/card.png", "papers/learning-things-quickly/card.png", "papers/talking-about-things/card.png"],
            a.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[path]), $"{path} differs between the two builds");
        Assert.Equal(4, a.Values.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void A_second_build_draws_no_card_and_touches_no_card_file()
    {
        using var site = new TestSite(TestSite.SmallProfile + Settings);
        var first = site.BuildOk();
        Assert.Equal((4, 0), (first.CardsDrawn, first.CardsReused));
        // The cache, outside the output: one PNG per card and the index.
        Assert.Equal(4, Directory.GetFiles(CacheOf(site), "*.png").Length);
        Assert.True(File.Exists(Path.Combine(CacheOf(site), SocialCardCache.IndexName)));
        Assert.Empty(Directory.GetFiles(site.Output(""), "*.tmp", SearchOption.AllDirectories));

        var outputTimes = Times(site.Output(""), "card.png");
        var cacheTimes = Times(CacheOf(site), "*");
        var bytes = Cards(site);
        Thread.Sleep(20);

        var second = site.BuildOk();
        Assert.Equal((0, 4), (second.CardsDrawn, second.CardsReused));
        Assert.Equal(0, second.Commit!.Written);
        Assert.Equal(outputTimes, Times(site.Output(""), "card.png"));
        Assert.Equal(cacheTimes, Times(CacheOf(site), "*"));
        Assert.All(Cards(site), c => Assert.Equal(bytes[c.Key], c.Value));
    }

    [Fact]
    public void Editing_a_paper_redraws_its_card_only_when_the_card_shows_what_changed()
    {
        using var site = new TestSite(TestSite.SmallProfile + Settings);
        site.BuildOk();
        var before = Cards(site);

        // The abstract is not on the card.
        Edit(site, "We talk about $x^2$ things.", "We talk about $y^2$ things.");
        var abstractEdit = site.BuildOk();
        Assert.Equal((0, 4), (abstractEdit.CardsDrawn, abstractEdit.CardsReused));

        // The title is: that one card is drawn again, the old one leaves the cache and the site.
        Edit(site, "Talking About Things", "Talking About Other Things");
        var titleEdit = site.BuildOk();
        Assert.Equal((1, 3), (titleEdit.CardsDrawn, titleEdit.CardsReused));
        var after = Cards(site);
        Assert.False(after.ContainsKey("papers/talking-about-things/card.png"));
        Assert.NotEqual(before["papers/talking-about-things/card.png"], after["papers/talking-about-other-things/card.png"]);
        foreach (var path in new[] { "card.png", "papers/alone-again/card.png", "papers/learning-things-quickly/card.png" })
        {
            Assert.Equal(before[path], after[path]);
        }
        Assert.Equal(4, Directory.GetFiles(CacheOf(site), "*.png").Length);
        var index = File.ReadAllLines(Path.Combine(CacheOf(site), SocialCardCache.IndexName));
        Assert.Equal(4, index.Length);
        Assert.All(index, line => Assert.True(File.Exists(Path.Combine(CacheOf(site), line.Split('\t')[0] + ".png")), line));

        // A co-author's name is on the card of each paper that lists them.
        Edit(site, "Bo Li", "Bo Lee");
        Assert.Equal(2, site.BuildOk().CardsDrawn);
    }

    [Fact]
    public void A_lost_output_folder_gets_its_cards_back_from_the_cache_without_drawing()
    {
        using var site = new TestSite(TestSite.SmallProfile + Settings);
        site.BuildOk();
        var before = Cards(site);
        Directory.Delete(site.Output(""), recursive: true);
        var again = site.BuildOk();
        Assert.Equal((0, 4), (again.CardsDrawn, again.CardsReused));
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), Cards(site).Keys.Order(StringComparer.Ordinal));
        Assert.All(Cards(site), c => Assert.Equal(before[c.Key], c.Value));

        // A damaged index costs a read of the cached card, never a wrong one.
        File.WriteAllText(Path.Combine(CacheOf(site), SocialCardCache.IndexName), "not\tan\tindex\n0123\n");
        Directory.Delete(site.Output(""), recursive: true);
        var damaged = site.BuildOk();
        Assert.Equal(0, damaged.CardsDrawn);
        Assert.All(Cards(site), c => Assert.Equal(before[c.Key], c.Value));
    }

    [Fact]
    public void A_cache_that_cannot_be_written_costs_drawing_not_the_build()
    {
        using var site = new TestSite(TestSite.SmallProfile + Settings);
        // A file where the cache's folder would go.
        File.WriteAllText(Path.Combine(site.Root, ".portfoliogen"), "in the way");
        var first = site.BuildOk();
        Assert.Equal(4, first.CardsDrawn);
        var cards = Cards(site);
        Assert.Equal(4, cards.Count);
        var second = site.BuildOk();
        Assert.Equal(4, second.CardsDrawn);
        Assert.Equal(0, second.Commit!.Written);
        Assert.All(Cards(site), c => Assert.Equal(cards[c.Key], c.Value));
    }

    [Fact]
    public void Without_a_base_url_there_are_no_cards_no_image_tags_and_no_cache()
    {
        using var site = new TestSite(TestSite.SmallProfile);
        var result = site.BuildOk();
        Assert.Equal(0, result.CardsDrawn + result.CardsReused);
        Assert.Empty(Cards(site));
        Assert.False(Directory.Exists(Path.Combine(site.Root, ".portfoliogen")));
        site.AssertFileLacks("index.html", "og:image", "twitter:image");
        site.AssertFileContains("papers/alone-again/index.html", "<meta name=\"twitter:card\" content=\"summary\">");
        // The warning says what a base URL would add.
        Assert.Contains("social cards", result.Diagnostics.Single(d => d.Code == DiagnosticCodes.SettingsMissingBaseUrl).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Social_cards_home_draws_the_home_page_card_only()
    {
        using var site = new TestSite(TestSite.SmallProfile + Settings + "\nsocial_cards: home\n");
        var result = site.BuildOk();
        Assert.Equal(["card.png"], Cards(site).Keys);
        Assert.Equal(1, result.CardsDrawn);
        site.AssertFileContains("index.html", "<meta property=\"og:image\" content=\"https://ada.example.org/card.png\">");
        site.AssertFileLacks("papers/alone-again/index.html", "og:image", "twitter:image");
        site.AssertFileContains("papers/alone-again/index.html", "<meta name=\"twitter:card\" content=\"summary\">");
    }

    [Fact]
    public void Social_cards_none_draws_nothing_and_writes_no_cache()
    {
        using var site = new TestSite(TestSite.SmallProfile + Settings + "\nsocial_cards: none\n");
        var result = site.BuildOk();
        Assert.Empty(Cards(site));
        Assert.Equal(0, result.CardsDrawn + result.CardsReused);
        Assert.False(Directory.Exists(Path.Combine(site.Root, ".portfoliogen")));
        site.AssertFileLacks("index.html", "og:image");
    }

    [Fact]
    public void An_unknown_social_cards_value_is_an_error_on_its_line()
    {
        using var site = new TestSite(TestSite.SmallProfile + Settings + "\nsocial_cards: papers\n");
        var result = site.Build();
        Assert.False(result.Success);
        var d = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("content/site.yml", 3), (d.File, d.Line));
        Assert.Contains("'social_cards' must be all (the home page and every paper), home or none (got 'papers')", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_theme_without_fonts_gets_no_cards()
    {
        using var site = new TestSite(TestSite.SmallProfile + Settings + "\ntheme: plain\n");
        // The default theme without its fonts/ folder.
        foreach (var file in Directory.GetFiles(TestSite.DefaultTheme, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(TestSite.DefaultTheme, file);
            if (relative.StartsWith("fonts", StringComparison.Ordinal)) continue;
            var target = Path.Combine(site.Root, "themes", "plain", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var result = site.BuildOk();
        Assert.Empty(Cards(site));
        Assert.Equal(0, result.CardsDrawn);
        site.AssertFileLacks("index.html", "og:image");
    }

    [Fact]
    public void Keys_follow_what_the_card_shows()
    {
        using var cache = new SocialCardCache(Path.Combine(Path.GetTempPath(), "unused"), SocialCardFixture.FontFiles);
        var profile = ProfileParser.Parse(TestSite.Parse(TestSite.SmallProfile).Single().Content, "ada.txt").Profile!;
        var byKey = profile.CoAuthors.ToDictionary(c => c.Key);
        PaperSocialCard Card(Paper p, string site = "Ada") => new(PaperView.Create(p, PaperAdditions.None, profile, new SiteSettings(), byKey), site, profile.Name);
        var paper = profile.Papers[0];

        var key = cache.KeyOf(Card(paper));
        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.Equal(key, cache.KeyOf(Card(paper)));
        Assert.Equal(key, cache.KeyOf(Card(paper with { Abstract = null, HasCode = !paper.HasCode })));
        Assert.NotEqual(key, cache.KeyOf(Card(paper, site: "Ada's")));
        Assert.NotEqual(key, cache.KeyOf(Card(paper with { Date = paper.Date.AddDays(1) })));
        Assert.NotEqual(key, cache.KeyOf(Card(paper with { AuthorsTruncated = !paper.AuthorsTruncated })));
        Assert.NotEqual(key, cache.KeyOf(Card(paper with { Authors = [.. paper.Authors.Reverse()] })));
        Assert.NotEqual(key, cache.KeyOf(Card(paper with { Category = paper.Category with { Code = "cs.CL" } })));
        // Text moving between fields is another card.
        Assert.NotEqual(cache.KeyOf(new HomeSocialCard("Ada", "LG", null, "x")), cache.KeyOf(new HomeSocialCard("Ada", null, "LG", "x")));
        // Other fonts, other pixels.
        using var bold = new SocialCardCache(Path.Combine(Path.GetTempPath(), "unused"), [SocialCardFixture.FontFiles[0]]);
        Assert.NotEqual(key, bold.KeyOf(Card(paper)));
    }

    private static void Edit(TestSite site, string from, string to)
    {
        var path = Path.Combine(site.Root, "seeds", "ada.txt");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
