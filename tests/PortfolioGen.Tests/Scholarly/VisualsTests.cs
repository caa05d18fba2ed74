using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsCheck;
using PortfolioGen.Profiles;
using PortfolioGen.Scholarly.Visuals;
using PortfolioGen.Site;
using PortfolioGen.Text;
using Xunit;
using Xunit.Abstractions;

namespace PortfolioGen.Tests.Scholarly;

/// <summary>The build-time pictures: the collaboration graph and the per-year timelines.</summary>
public class VisualsTests(ITestOutputHelper output)
{
    private static readonly XNamespace S = "http://www.w3.org/2000/svg";

    private static string Url(string slug) => "/portfolio/" + SiteUrls.CoAuthorPath(slug);

    private static readonly Lazy<(Profile Profile, List<PaperView> Papers)> Reference = new(() =>
    {
        var profile = ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!;
        return (profile, Views(profile));
    });

    private static readonly Lazy<(Profile Profile, List<PaperView> Papers)> Large = new(() => Synthetic(coAuthors: 2000, papers: 10000, seed: 7));

    private static List<PaperView> Views(Profile profile)
    {
        var byKey = profile.CoAuthors.ToDictionary(c => c.Key);
        return [.. profile.Papers.Select(p => PaperView.Create(p, PaperAdditions.None, profile, new SiteSettings(), byKey))];
    }

    // ---- the collaboration graph: the reference profile ----

    [Fact]
    public void Reference_graph_has_the_owner_and_her_26_co_authors()
    {
        var (profile, papers) = Reference.Value;
        var g = CollaborationGraphBuilder.Build(papers, profile, Url);

        Assert.Equal(27, g.Nodes.Count);
        Assert.Equal(26, g.TotalCoAuthors);
        Assert.Equal(26, g.Shown);
        Assert.False(g.Capped);
        var owner = g.Nodes[0];
        Assert.True(owner.IsOwner);
        Assert.Equal("Ang Lv", owner.Label);
        Assert.Equal(21, owner.Papers);
        Assert.Null(owner.Url);
        Assert.Single(g.Nodes, n => n.IsOwner);
        foreach (var c in profile.CoAuthors)
        {
            var node = Assert.Single(g.Nodes, n => n.Id == c.Slug);
            Assert.Equal(c.Name, node.Label);
            Assert.Equal(c.Papers.Length, node.Papers);
            Assert.Equal(Url(c.Slug), node.Url);
        }
        // Strongest first, ties by name (ordinal).
        var coAuthors = g.Nodes.Skip(1).ToList();
        Assert.Equal(coAuthors.OrderByDescending(n => n.Papers).ThenBy(n => n.Label, StringComparer.Ordinal).Select(n => n.Id), coAuthors.Select(n => n.Id));
        // Circle area ∝ papers: r² / papers is one constant (to the printed precision).
        var scale = coAuthors.Select(n => n.Radius * n.Radius / n.Papers).ToList();
        Assert.All(scale, s => Assert.InRange(s / scale[0], 0.97, 1.03));
    }

    [Fact]
    public void Reference_edge_weights_are_the_papers_each_pair_shares()
    {
        var (profile, papers) = Reference.Value;
        var g = CollaborationGraphBuilder.Build(papers, profile, Url);

        // Straight from the model: the people each paper lists (by identity key), every pair counted once per paper.
        var idOf = profile.CoAuthors.ToDictionary(c => c.Key, c => c.Slug);
        var expected = new Dictionary<(string, string), int>();
        foreach (var paper in profile.Papers)
        {
            var people = paper.Authors.Select(a => profile.IsOwner(a) ? CollaborationGraphBuilder.OwnerId : idOf[PersonNames.Key(a)])
                .Distinct().Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < people.Count; i++)
            {
                for (var j = i + 1; j < people.Count; j++) expected[(people[i], people[j])] = expected.GetValueOrDefault((people[i], people[j])) + 1;
            }
        }
        var actual = g.Edges.ToDictionary(e => string.CompareOrdinal(e.From, e.To) < 0 ? (e.From, e.To) : (e.To, e.From), e => e.Weight);
        Assert.Equal(expected.OrderBy(kv => kv.Key).ToList(), actual.OrderBy(kv => kv.Key).ToList());
        Assert.Equal(g.Edges.Count, g.TotalEdges);

        // An owner's edge counts only papers that list her (a paper may list co-authors but not her, before "et al.").
        var yuhan = profile.CoAuthors.Single(c => c.Name == "Yuhan Chen");
        var withOwner = g.Edges.Single(e => e.From == CollaborationGraphBuilder.OwnerId && e.To == yuhan.Slug || e.To == CollaborationGraphBuilder.OwnerId && e.From == yuhan.Slug);
        Assert.Equal(profile.Papers.Count(p => p.Authors.Any(profile.IsOwner) && p.Authors.Any(a => PersonNames.Key(a) == yuhan.Key)), withOwner.Weight);

        // Drawn wider for heavier edges.
        var path = XDocument.Parse(g.ToSvg()).Descendants(S + "path").ToList();
        var widths = path.Select(p => double.Parse(p.Attribute("stroke-width")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(widths.Order().ToList(), widths);
        Assert.Equal(g.Edges.Select(e => g.EdgeWidth(e.Weight)).Distinct().Order(), widths);
        var heaviest = g.Edges.Max(e => e.Weight);
        Assert.True(heaviest > 1);
        var byWeight = Enumerable.Range(1, heaviest).Select(g.EdgeWidth).ToList();
        Assert.Equal(byWeight.Order(), byWeight);
        Assert.True(byWeight[0] < byWeight[^1]);
    }

    [Fact]
    public void Layout_is_deterministic_and_independent_of_culture()
    {
        var (profile, papers) = Reference.Value;
        var first = CollaborationGraphBuilder.Build(papers, profile, Url).ToSvg();
        Assert.Equal(first, CollaborationGraphBuilder.Build(papers, profile, Url).ToSvg());
        var stacked = Timeline.StackedByCategory(papers, "years", "Papers per year");

        var culture = CultureInfo.CurrentCulture;
        try
        {
            foreach (var name in new[] { "de-DE", "ar-SA", "fa-IR", "tr-TR", "hi-IN" })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
                Assert.Equal(first, CollaborationGraphBuilder.Build(papers, profile, Url).ToSvg());
                Assert.Equal(stacked, Timeline.StackedByCategory(papers, "years", "Papers per year"));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        }
        // Numbers are invariant with one decimal.
        Assert.DoesNotMatch(@"=""[^""]*\d,\d", first);
        Assert.All(Regex.Matches(first, @"\b(?:cx|cy|r|x|y)=""([^""]*)""").Select(m => m.Groups[1].Value), v => Assert.Matches(@"^\d+\.\d$", v));
    }

    [Fact]
    public void No_node_lies_outside_the_canvas_and_no_two_overlap()
    {
        var (profile, papers) = Reference.Value;
        AssertLaidOut(CollaborationGraphBuilder.Build(papers, profile, Url));
    }

    [Fact]
    public void Labels_name_the_strongest_collaborators_without_overlapping()
    {
        var (profile, papers) = Reference.Value;
        var g = CollaborationGraphBuilder.Build(papers, profile, Url, maxLabels: 10);
        AssertLabels(g, 10);
        Assert.Contains(g.Labels, l => l.NodeId == CollaborationGraphBuilder.OwnerId);
        Assert.True(g.Labels.Count >= 8, $"only {g.Labels.Count} of 11 labels placed");

        // The SVG's labels are exactly the placed labels: the desktop's set, then the phone's, hidden unless the theme shows it.
        var groups = XDocument.Parse(g.ToSvg()).Descendants(S + "g").Where(e => e.Attribute("class")?.Value.StartsWith("pg-labels", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(["pg-labels", "pg-labels pg-labels-narrow"], groups.Select(e => e.Attribute("class")!.Value));
        Assert.Equal([null, "none"], groups.Select(e => e.Attribute("display")?.Value));
        Assert.Equal(["13.0", "18.0"], groups.Select(e => e.Attribute("font-size")!.Value));
        foreach (var (labels, group) in new[] { g.Labels, g.NarrowLabels }.Zip(groups))
        {
            Assert.Equal(labels.Select(l => (l.Text, F(l.X), F(l.Y), l.Anchor)),
                group.Elements(S + "text").Select(t => (t.Value, t.Attribute("x")!.Value, t.Attribute("y")!.Value, t.Attribute("text-anchor")!.Value)));
        }
        var none = CollaborationGraphBuilder.Build(papers, profile, Url, maxLabels: 0);
        Assert.DoesNotContain(none.Labels.Concat(none.NarrowLabels), l => l.NodeId != CollaborationGraphBuilder.OwnerId);
    }

    [Fact]
    public void The_phones_labels_are_larger_and_still_hide_no_circle()
    {
        // 18 units in the 560-unit canvas print at 11 px where the canvas is 350 px wide (a 390 px phone); 13 printed at 8.
        var (profile, papers) = Reference.Value;
        var g = CollaborationGraphBuilder.Build(papers, profile, Url);
        Assert.True(18.0 * 350 / g.Width >= 11);
        AssertLabels(g, 30);
        Assert.Contains(g.NarrowLabels, l => l.NodeId == CollaborationGraphBuilder.OwnerId);
        // Larger labels need more room, so no more of them fit; in the reference picture nearly all still do.
        Assert.InRange(g.NarrowLabels.Count, g.Labels.Count - 3, g.Labels.Count);
        Assert.All(g.NarrowLabels, l => Assert.True(l.Box.Bottom - l.Box.Top >= 18, $"{l.Text}: box {l.Box} is not an 18-unit line"));
    }

    [Fact]
    public void Svg_is_well_formed_and_accessible()
    {
        var (profile, papers) = Reference.Value;
        var g = CollaborationGraphBuilder.Build(papers, profile, Url);
        var svg = XDocument.Parse(g.ToSvg("graph-1")).Root!;

        Assert.Equal(S + "svg", svg.Name);
        Assert.Equal("0 0 560.0 460.0", svg.Attribute("viewBox")!.Value);
        Assert.Equal("100%", svg.Attribute("width")!.Value);
        Assert.Null(svg.Attribute("height"));
        // role="group", not "img": links inside an image would be presentational (axe: nested-interactive).
        Assert.Equal("group", svg.Attribute("role")!.Value);
        AssertNamedBy(svg, "graph-1");
        Assert.Contains("Ang Lv and 26 co-authors", svg.Element(S + "desc")!.Value);
        Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Attribute("style") is not null);
        Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Attribute("fill") is not null || e.Attribute("stroke") is not null);

        // Every co-author: a link to their page, named by a <title> with the name and papers together.
        var links = svg.Descendants(S + "a").ToList();
        Assert.Equal(26, links.Count);
        foreach (var (link, node) in links.Zip(g.Nodes.Skip(1)))
        {
            Assert.Equal(node.Url, link.Attribute("href")!.Value);
            var title = link.Elements().First();
            Assert.Equal(S + "title", title.Name);
            Assert.Equal($"{node.Label} · {node.Papers} paper{(node.Papers == 1 ? "" : "s")} together", title.Value);
            var circle = link.Element(S + "circle")!;
            Assert.Equal((F(node.X), F(node.Y), F(node.Radius)), (circle.Attribute("cx")!.Value, circle.Attribute("cy")!.Value, circle.Attribute("r")!.Value));
            Assert.Equal("pg-node", circle.Attribute("class")!.Value);
        }
        // The owner has a title too, and the owner's class.
        var ownerCircle = Assert.Single(svg.Descendants(S + "circle"), c => c.Attribute("class")!.Value.Contains("pg-owner", StringComparison.Ordinal));
        Assert.Equal("Ang Lv · 21 papers", ownerCircle.Parent!.Element(S + "title")!.Value);
        Assert.Equal(27, svg.Descendants(S + "circle").Count());
        Assert.All(svg.Descendants(S + "path"), p => Assert.Equal("pg-edge", p.Attribute("class")!.Value));
        // Labels repeat the link names, so assistive technology does not hear them twice.
        Assert.All(svg.Descendants(S + "g").Where(e => e.Attribute("class")?.Value.StartsWith("pg-labels", StringComparison.Ordinal) == true),
            e => Assert.Equal("true", e.Attribute("aria-hidden")!.Value));
    }

    [Fact]
    public void The_table_alternative_is_the_graphs_data()
    {
        var (profile, papers) = Reference.Value;
        var g = CollaborationGraphBuilder.Build(papers, profile, Url);
        var rows = g.TableRows();

        Assert.Equal(g.Nodes.Where(n => !n.IsOwner).Select(n => (n.Label, n.Url, n.Papers)), rows);
        Assert.Equal(profile.CoAuthors.Select(c => (c.Name, (string?)Url(c.Slug), c.Papers.Length)).OrderBy(r => r.Name, StringComparer.Ordinal),
            rows.OrderBy(r => r.Name, StringComparer.Ordinal));
        // … and what the picture says: each link's href and title.
        var links = XDocument.Parse(g.ToSvg()).Descendants(S + "a")
            .Select(a => (a.Element(S + "title")!.Value, a.Attribute("href")!.Value)).ToList();
        Assert.Equal(rows.Select(r => ($"{r.Name} · {r.Papers} paper{(r.Papers == 1 ? "" : "s")} together", r.Url!)), links);
    }

    [Fact]
    public void Names_from_user_data_are_escaped()
    {
        var names = new[] { "Zoë <script>alert(1)</script>", "R&D \"Jerry\" Brown", "O'Brien Ltd", "李 明", "Ctrl\u0001Char" };
        // A profile with a control character is an error (PG0022), but its model is still made: the picture keeps it out
        // all the same.
        var (profile, papers) = Make("Ada <b>Owner</b>", [.. names.Select((n, i) => new[] { "Ada <b>Owner</b>", n, names[(i + 1) % names.Length] })], allowControlCharacters: true);
        var g = CollaborationGraphBuilder.Build(papers, profile, slug => "/c/" + slug + "/?a=1&b=\"2\"");
        var svg = g.ToSvg();
        var doc = XDocument.Parse(svg);

        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
        Assert.Equal("Co-authors of Ada <b>Owner</b>", doc.Root!.Element(S + "title")!.Value);
        Assert.Contains(doc.Descendants(S + "title"), t => t.Value.StartsWith("R&D \"Jerry\" Brown · ", StringComparison.Ordinal));
        Assert.All(doc.Descendants(S + "a"), a => Assert.EndsWith("/?a=1&b=\"2\"", a.Attribute("href")!.Value, StringComparison.Ordinal));
        Assert.Contains(doc.Descendants(S + "text"), t => t.Value == "Zoë <script>alert(1)</script>");
        Assert.Contains(doc.Descendants(S + "title"), t => t.Value.StartsWith("CtrlChar · ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_profile_without_co_authors_is_the_owner_alone()
    {
        var (profile, papers) = Make("Solo Author", [["Solo Author"], ["Solo Author"]]);
        var g = CollaborationGraphBuilder.Build(papers, profile, Url);
        Assert.Equal(2, Assert.Single(g.Nodes).Papers);
        Assert.Empty(g.Edges);
        Assert.Equal(0, g.TotalCoAuthors);
        XDocument.Parse(g.ToSvg());
        AssertLaidOut(g);

        var empty = CollaborationGraphBuilder.Build([], profile, Url);
        Assert.Single(empty.Nodes);
        XDocument.Parse(empty.ToSvg());
        Assert.Throws<ArgumentException>(() => g.ToSvg("two words"));
    }

    [Fact]
    public void Any_small_profile_lays_out_inside_the_canvas_with_separate_labels()
    {
        var gen = Gen.Int[0, 40].SelectMany(people => Gen.Int[0, people + 1].Array[1, 6].Array[1, 40].Select(papers => (people, papers)));
        gen.Sample(t =>
        {
            var authors = t.papers.Select(p => p.Select(i => i == t.people + 1 || i == 0 ? "Owner Person" : "Person " + Letters(i)).ToArray()).ToList();
            var (profile, papers) = Make("Owner Person", authors);
            var g = CollaborationGraphBuilder.Build(papers, profile, Url, maxNodes: 25, maxLabels: 12);
            AssertLaidOut(g);
            AssertLabels(g, 12);
            Assert.Equal(g.ToSvg(), CollaborationGraphBuilder.Build(papers, profile, Url, maxNodes: 25, maxLabels: 12).ToSvg());
            XDocument.Parse(g.ToSvg());
        }, iter: 60);
    }

    [Fact]
    public void Nodes_pushed_into_the_same_corner_are_still_drawn_apart()
    {
        // Found by the property above (seed 0G7rUzKSsF_1): two co-authors ended at the same point.
        const int people = 31;
        int[][] papers = [[21, 16], [22, 21, 24, 16, 30], [25], [15, 5], [26, 6], [1, 15, 7, 11], [8, 25, 22], [21, 17, 29, 17, 24], [25, 26, 22, 9], [29, 15, 10, 5, 14], [31, 20]];
        var authors = papers.Select(p => p.Select(i => i == people + 1 || i == 0 ? "Owner Person" : "Person " + Letters(i)).ToArray()).ToList();
        var (profile, views) = Make("Owner Person", authors);
        var g = CollaborationGraphBuilder.Build(views, profile, Url, maxNodes: 25, maxLabels: 12);
        AssertLaidOut(g);
        AssertLabels(g, 12);
    }

    // ---- the collaboration graph: 2,000 co-authors, 10,000 papers ----

    [Fact]
    public void With_2000_co_authors_the_300_strongest_are_drawn_and_the_picture_says_so()
    {
        var (profile, papers) = Large.Value;
        Assert.Equal(2000, profile.CoAuthors.Length);
        var clock = Stopwatch.StartNew();
        var g = CollaborationGraphBuilder.Build(papers, profile, Url);
        output.WriteLine($"Build: {clock.ElapsedMilliseconds} ms; {g.Edges.Count} of {g.TotalEdges} edges; {g.Labels.Count} labels");
        clock.Restart();
        var svg = g.ToSvg();
        output.WriteLine($"ToSvg: {clock.ElapsedMilliseconds} ms; {svg.Length / 1024} KB");

        Assert.Equal(301, g.Nodes.Count);
        Assert.Equal(300, g.Shown);
        Assert.Equal(2000, g.TotalCoAuthors);
        Assert.True(g.Capped);
        var doc = XDocument.Parse(svg);
        Assert.Contains("(the 300 with the most papers together, of 2,000)", doc.Root!.Element(S + "desc")!.Value);
        Assert.Equal(300, doc.Descendants(S + "a").Count());
        Assert.Equal(300, g.TableRows().Count);

        // The strongest are kept: nobody left out has more papers together than anybody drawn.
        var weakestShown = g.Nodes.Skip(1).Min(n => n.Papers);
        var shown = g.Nodes.Select(n => n.Id).ToHashSet();
        Assert.All(profile.CoAuthors.Where(c => !shown.Contains(c.Slug)), c => Assert.True(c.Papers.Length <= weakestShown));
        Assert.All(g.Nodes.Skip(1), n => Assert.Equal(profile.CoAuthors.Single(c => c.Slug == n.Id).Papers.Length, n.Papers));

        AssertLaidOut(g);
        AssertLabels(g, 30);
        Assert.True(g.Labels.Count >= 15, $"only {g.Labels.Count} labels placed");
        Assert.True(g.Edges.Count <= CollaborationGraphBuilder.EdgesPerNode * g.Nodes.Count);
        Assert.True(g.OwnerNotToScale);
        Assert.Contains("not to scale", doc.Root!.Element(S + "desc")!.Value);
        Assert.InRange(svg.Length, 1, 120 * 1024);
    }

    // ---- timelines ----

    [Fact]
    public void Timeline_counts_are_the_models_papers_per_year_and_category()
    {
        var (profile, papers) = Reference.Value;
        var counts = Timeline.Counts(papers, byCategory: true);

        Assert.Equal(21, counts.Sum(c => c.Count));
        var first = profile.Papers.Min(p => p.Date.Year);
        var last = profile.Papers.Max(p => p.Date.Year);
        Assert.Equal(Enumerable.Range(first, last - first + 1), counts.Select(c => c.Year).Distinct());
        foreach (var c in counts)
        {
            Assert.Equal(profile.Papers.Count(p => p.Date.Year == c.Year && p.Category.Code == c.Series), c.Count);
        }
        // Series in legend order: most papers first.
        var series = Timeline.Series(papers);
        Assert.Equal("cs.CL", series[0].Series);
        Assert.Equal("Computation and Language", series[0].Name);
        var totals = series.Select(s => counts.Where(c => c.Series == s.Series).Sum(c => c.Count)).ToList();
        Assert.Equal(totals.OrderDescending(), totals);

        var perYear = Timeline.Counts(papers, byCategory: false);
        Assert.Equal(21, perYear.Sum(c => c.Count));
        Assert.All(perYear, c => Assert.Equal(Timeline.AllSeries, c.Series));
        Assert.All(perYear, c => Assert.Equal(profile.Papers.Count(p => p.Date.Year == c.Year), c.Count));
    }

    [Fact]
    public void A_co_authors_timeline_counts_the_papers_together()
    {
        var (profile, papers) = Reference.Value;
        var yuhan = profile.CoAuthors.Single(c => c.Name == "Yuhan Chen");
        var together = papers.Where(p => yuhan.Papers.Contains(p.Slug)).ToList();

        Assert.Equal([new YearCount(2023, Timeline.AllSeries, 2), new YearCount(2024, Timeline.AllSeries, 4)], Timeline.Counts(together, byCategory: false));
        var svg = XDocument.Parse(Timeline.PerYear(together, "yuhan-years", "Papers with Yuhan Chen")).Root!;
        Assert.Equal("img", svg.Attribute("role")!.Value);
        AssertNamedBy(svg, "yuhan-years");
        Assert.Equal("Papers with Yuhan Chen", svg.Element(S + "title")!.Value);
        Assert.Equal(["2023 · 2 papers", "2024 · 4 papers"], Bars(svg).Select(b => b.Element(S + "title")!.Value));
    }

    [Fact]
    public void Stacked_timeline_is_well_formed_accessible_and_matches_its_counts()
    {
        var (_, papers) = Reference.Value;
        var svg = XDocument.Parse(Timeline.StackedByCategory(papers, "pubs", "Papers per year by subject")).Root!;

        Assert.Equal("img", svg.Attribute("role")!.Value);
        AssertNamedBy(svg, "pubs");
        Assert.Equal("100%", svg.Attribute("width")!.Value);
        Assert.Null(svg.Attribute("height"));
        Assert.Matches(@"^0 0 \d+\.\d \d+\.\d$", svg.Attribute("viewBox")!.Value);
        Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Attribute("style") is not null);

        // Every segment says year, subject and papers; together they are the counts.
        var counts = Timeline.Counts(papers, byCategory: true).Where(c => c.Count > 0).ToList();
        var titles = Bars(svg).Select(b => b.Element(S + "title")!.Value).ToList();
        Assert.Equal(counts.Select(c => $"{c.Year} · {c.Series} · {c.Count} paper{(c.Count == 1 ? "" : "s")}"), titles);
        Assert.All(Bars(svg), b => Assert.Matches(@"^pg-series-[0-7]$", b.Attribute("class")!.Value));
        // Stacked segments of a year touch: each starts where the one below ends.
        foreach (var year in Bars(svg).GroupBy(b => b.Attribute("x")!.Value))
        {
            var segments = year.ToList();
            for (var i = 1; i < segments.Count; i++)
            {
                Assert.Equal(D(segments[i - 1], "y"), D(segments[i], "y") + D(segments[i], "height"), 1);
            }
        }
        // A legend entry per series: code and name; axis labels for every year and a caption.
        var texts = svg.Descendants(S + "text").Select(t => t.Value).ToList();
        Assert.All(Timeline.Series(papers), s => Assert.Contains(s.Series + " " + s.Name, texts));
        Assert.All(Enumerable.Range(2022, 4), y => Assert.Contains(y.ToString(CultureInfo.InvariantCulture), texts));
        Assert.Contains("Papers", texts);
    }

    [Fact]
    public void Years_without_papers_count_as_zero_and_many_subjects_share_other()
    {
        var cats = ArxivCategories.All.Take(11).ToList();
        var drafts = Enumerable.Range(0, 40).Select(i => (Authors: new[] { "Owner Person" }, Year: i % 2 == 0 ? 2010 : 2015, Category: cats[i % cats.Count])).ToList();
        var (_, papers) = Make("Owner Person", [.. drafts.Select(d => d.Authors)], drafts.Select(d => d.Year).ToList(), drafts.Select(d => d.Category).ToList());

        var perYear = Timeline.Counts(papers, byCategory: false);
        Assert.Equal(Enumerable.Range(2010, 6), perYear.Select(c => c.Year));
        Assert.Equal([20, 0, 0, 0, 0, 20], perYear.Select(c => c.Count));

        var byCategory = Timeline.Counts(papers, byCategory: true);
        var series = Timeline.Series(papers);
        Assert.Equal(Timeline.MaxSeries, series.Count);
        Assert.Equal(Timeline.OtherSeries, series[^1].Series);
        Assert.Equal(40, byCategory.Sum(c => c.Count));
        Assert.Equal(6 * Timeline.MaxSeries, byCategory.Count);
        var svg = Timeline.StackedByCategory(papers, "many", "Many subjects");
        var doc = XDocument.Parse(svg);
        Assert.Contains("none in 2011, 2012, 2013, 2014", doc.Root!.Element(S + "desc")!.Value);
        Assert.Contains(Bars(doc.Root!), b => b.Element(S + "title")!.Value.Contains(" · other subjects · ", StringComparison.Ordinal));

        var empty = XDocument.Parse(Timeline.PerYear([], "none", "Nothing")).Root!;
        Assert.Equal("No papers.", empty.Element(S + "desc")!.Value);
        Assert.Empty(Timeline.Counts([], byCategory: true));
    }

    // ---- the theme ----

    [Fact]
    public void The_theme_styles_every_class_in_light_and_dark_with_enough_contrast()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "themes", "default", "assets", "style.css");
        var css = File.ReadAllText(path);
        Assert.InRange(new FileInfo(path).Length, 1, 20 * 1024);
        foreach (var cls in new[] { "pg-chart", "pg-edge", "pg-node", "pg-owner", "pg-label", "pg-axis", "pg-grid" }.Concat(Enumerable.Range(0, 8).Select(i => $"pg-series-{i}")))
        {
            Assert.Contains("." + cls, css, StringComparison.Ordinal);
        }

        var light = Variables(css[..css.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal)]);
        var darkStart = css.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal);
        var dark = Variables(css[darkStart..css.IndexOf("\n}\n", darkStart, StringComparison.Ordinal)]);
        foreach (var (scheme, vars) in new[] { ("light", light), ("dark", dark) })
        {
            var bg = vars["--bg"];
            // Graphics: 3:1 against the page (WCAG 1.4.11); text: 4.5:1 (1.4.3).
            foreach (var name in Enumerable.Range(0, 8).Select(i => $"--pg-{i}").Append("--pg-edge").Append("--accent").Append("--owner"))
            {
                Assert.True(Contrast(vars[name], bg) >= 3, $"{scheme} {name} {vars[name]} on {bg}: {Contrast(vars[name], bg):F2}");
            }
            foreach (var name in new[] { "--fg", "--muted" })
            {
                Assert.True(Contrast(vars[name], bg) >= 4.5, $"{scheme} {name}: {Contrast(vars[name], bg):F2}");
            }
        }
    }

    [Fact]
    public void The_chart_colours_stay_apart_for_red_green_colour_blindness()
    {
        var css = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "themes", "default", "assets", "style.css"));
        var darkStart = css.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal);
        var light = Variables(css[..darkStart]);
        var dark = Variables(css[darkStart..css.IndexOf("\n}\n", darkStart, StringComparison.Ordinal)]);
        foreach (var (scheme, vars) in new[] { ("light", light), ("dark", dark) })
        {
            var colours = Enumerable.Range(0, 8).Select(i => vars[$"--pg-{i}"]).ToList();
            // Protanopia and deuteranopia as Machado, Oliveira and Fernandes (2009) simulate them at full severity: every two
            // series at least 8 apart in CIELAB (the former orange and amber were 2.6 apart).
            foreach (var (kind, m) in new[] { ("protanopia", Protanopia), ("deuteranopia", Deuteranopia) })
            {
                var lab = colours.Select(c => Lab(Simulate(c, m))).ToList();
                for (var i = 0; i < 8; i++)
                {
                    for (var j = i + 1; j < 8; j++)
                    {
                        var d = Math.Sqrt(Enumerable.Range(0, 3).Sum(k => (lab[i][k] - lab[j][k]) * (lab[i][k] - lab[j][k])));
                        Assert.True(d >= 8, $"{scheme}: --pg-{i} {colours[i]} and --pg-{j} {colours[j]} are {d:F1} apart with {kind}");
                    }
                }
            }
            // Segments stacked next to each other differ in lightness, which survives any colour vision (the former orange and
            // green, series 1 and 2, were 1.03:1).
            for (var i = 0; i + 1 < 8; i++)
            {
                Assert.True(Contrast(colours[i], colours[i + 1]) >= 1.1, $"{scheme}: --pg-{i} and --pg-{i + 1} have the same lightness");
            }
        }
    }

    private static readonly double[,] Protanopia = { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } };
    private static readonly double[,] Deuteranopia = { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } };

    // Linear RGB as a person with the given dichromacy sees the colour.
    private static double[] Simulate(string hex, double[,] m)
    {
        var rgb = Enumerable.Range(0, 3).Select(i =>
        {
            var c = Convert.ToInt32(hex.Substring(1 + 2 * i, 2), 16) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }).ToArray();
        return [.. Enumerable.Range(0, 3).Select(i => Math.Clamp(m[i, 0] * rgb[0] + m[i, 1] * rgb[1] + m[i, 2] * rgb[2], 0, 1))];
    }

    // CIELAB (D65) of linear RGB.
    private static double[] Lab(double[] rgb)
    {
        var (r, g, b) = (rgb[0], rgb[1], rgb[2]);
        var x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        var y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        var z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : 7.787 * t + 16.0 / 116;
        return [116 * F(y) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z))];
    }

    // ---- helpers ----

    private static void AssertLaidOut(CollaborationGraph g)
    {
        foreach (var n in g.Nodes)
        {
            Assert.True(n.X - n.Radius >= 0 && n.X + n.Radius <= g.Width && n.Y - n.Radius >= 0 && n.Y + n.Radius <= g.Height,
                $"{n.Label} at ({n.X}, {n.Y}) r {n.Radius} is outside {g.Width} × {g.Height}");
            Assert.True(n.Radius > 0);
        }
        for (var i = 0; i < g.Nodes.Count; i++)
        {
            for (var j = i + 1; j < g.Nodes.Count; j++)
            {
                var (a, b) = (g.Nodes[i], g.Nodes[j]);
                var d = Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
                Assert.True(d > Math.Max(a.Radius, b.Radius), $"{a.Label} and {b.Label} sit on each other ({d:F1} apart)");
            }
        }
    }

    private static void AssertLabels(CollaborationGraph g, int maxLabels)
    {
        Assert.Equal(g.Labels.Select(l => l.NodeId).Order(StringComparer.Ordinal), g.Nodes.Where(n => n.Labelled).Select(n => n.Id).Order(StringComparer.Ordinal));
        AssertLabels(g, g.Labels, maxLabels);
        AssertLabels(g, g.NarrowLabels, maxLabels);
    }

    // One set of labels (the desktop's or the phone's): each rule holds within the set.
    private static void AssertLabels(CollaborationGraph g, IReadOnlyList<GraphLabel> labels, int maxLabels)
    {
        var strongest = g.Nodes.Take(1 + maxLabels).Select(n => n.Id).ToHashSet();
        Assert.InRange(labels.Count, 0, 1 + maxLabels);
        Assert.All(labels, l => Assert.Contains(l.NodeId, strongest));
        Assert.All(labels, l => Assert.Equal(g.Nodes.Single(n => n.Id == l.NodeId).Label, l.Text));
        Assert.All(labels, l => Assert.True(l.Box.Inside(g.Width, g.Height), $"{l.Text} leaves the canvas: {l.Box}"));
        Assert.All(labels, l => Assert.True(l.Box.Right - l.Box.Left > l.Text.Length * 3, $"{l.Text}: box too narrow"));
        // A label never lies over another person's circle (the circle would be hidden and could not be selected), unless
        // the picture is so crowded that no label could be placed at all; the owner's is always placed.
        foreach (var l in g.Nodes.Count > LabelPlacer.Crowded ? [] : labels.Where(l => l.NodeId != CollaborationGraphBuilder.OwnerId))
        {
            foreach (var n in g.Nodes.Where(n => n.Id != l.NodeId))
            {
                Assert.False(l.Box.Touches(n.X, n.Y, n.Radius), $"the label {l.Text} covers the circle of {n.Label}");
            }
        }
        for (var i = 0; i < labels.Count; i++)
        {
            for (var j = i + 1; j < labels.Count; j++)
            {
                Assert.False(labels[i].Box.Overlaps(labels[j].Box), $"{labels[i].Text} overlaps {labels[j].Text}");
            }
        }
    }

    private static void AssertNamedBy(XElement svg, string prefix)
    {
        var ids = svg.Attribute("aria-labelledby")!.Value.Split(' ');
        Assert.Equal([$"{prefix}-title", $"{prefix}-desc"], ids);
        var title = svg.Elements().First();
        Assert.Equal(S + "title", title.Name);
        Assert.Equal(ids[0], title.Attribute("id")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(title.Value));
        var desc = svg.Element(S + "desc")!;
        Assert.Equal(ids[1], desc.Attribute("id")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(desc.Value));
        Assert.Equal(2, svg.DescendantsAndSelf().Count(e => e.Attribute("id") is not null));
    }

    private static IEnumerable<XElement> Bars(XElement svg) =>
        svg.Descendants(S + "g").Single(g => g.Attribute("class")?.Value == "pg-bars").Elements(S + "rect");

    private static double D(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    private static string Letters(int i)
    {
        var s = "";
        for (i++; i > 0; i /= 26) s = (char)('a' + (i - 1) % 26) + s;
        return char.ToUpperInvariant(s[0]) + s[1..] + "son";
    }

    /// <summary>A profile and its views from author lists (via the writer and parser, so keys and slugs are the real ones).</summary>
    private static (Profile Profile, List<PaperView> Papers) Make(string owner, List<string[]> authors, List<int>? years = null, List<Category>? categories = null, bool allowControlCharacters = false)
    {
        var draft = new Profile(owner, null, Figures.None, null,
            [.. authors.Select((a, i) => new Paper("", $"Paper {Letters(i)}", categories?[i] ?? ArxivCategories.Resolve("CL"),
                new DateOnly(years?[i] ?? 2000 + i % 20, 1 + i % 12, 1), false, [.. a], false, null, null, 0) { TitleMarkup = new RichText("", "", "") })],
            []);
        var result = ProfileParser.Parse(ProfileWriter.Write(draft), "made.txt");
        Assert.False(result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && !(allowControlCharacters && d.Code == DiagnosticCodes.ControlCharacter)),
            string.Join("\n", result.Diagnostics));
        return (result.Profile!, Views(result.Profile!));
    }

    /// <summary>
    /// A career-sized profile: <paramref name="coAuthors"/> people on <paramref name="papers"/> papers, two to six listed
    /// authors each, collaborators drawn with a heavy skew (a few frequent, most occasional), the owner on most.
    /// </summary>
    private static (Profile Profile, List<PaperView> Papers) Synthetic(int coAuthors, int papers, int seed)
    {
        var random = new Random(seed);
        var given = new[] { "Ada", "Bo", "Chen", "Dana", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rui", "Sara", "Tomás", "Uma", "Viktor", "Wen", "Xin", "Yusuf", "Zoë", "Aiko", "Bruno", "Chloé", "Dmitri", "Emeka", "Freya", "Gita", "Hugo", "Ines", "Jonas", "Kira", "Luca", "Maya", "Noor" };
        var family = new[] { "Abe", "Berg", "Costa", "Diallo", "Eriksen", "Fischer", "García", "Huang", "Ito", "Jensen", "Kowalski", "Li", "Müller", "Nakamura", "O'Neil", "Patel", "Quispe", "Rossi", "Silva", "Tanaka", "Ueda", "Vargas", "Wang", "Xu", "Yamada", "Zhang", "Andersson", "Bianchi", "Chowdhury", "Dubois", "Esposito", "Ferreira", "Gupta", "Hoffmann", "Ivanova", "Jovanović", "Kim", "Lopez", "Moreau", "Nguyen" };
        var people = Enumerable.Range(0, coAuthors).Select(i => given[i % given.Length] + " " + family[i / given.Length % family.Length] + (i >= given.Length * family.Length ? " " + Letters(i) : "")).ToArray();
        const string owner = "Owner Q. Researcher";
        var byKey = new Dictionary<string, (string Name, List<int> Papers)>();
        var list = new List<Paper>();
        var cats = ArxivCategories.All.Take(12).ToArray();
        for (var p = 0; p < papers; p++)
        {
            var listed = new List<string>();
            var count = 2 + random.Next(5);
            while (listed.Count < count)
            {
                var who = (int)(coAuthors * Math.Pow(random.NextDouble(), 2.2));
                if (!listed.Contains(people[who])) listed.Add(people[who]);
            }
            if (random.NextDouble() < 0.9) listed.Insert(random.Next(listed.Count + 1), owner);
            var date = new DateOnly(1995 + p * 31 / papers, 1 + random.Next(12), 1 + random.Next(28));
            list.Add(new Paper($"paper-{p}", $"Paper {p}", cats[random.Next(cats.Length)], date, false, [.. listed], random.Next(3) == 0, null, null, 0) { TitleMarkup = new RichText("", "", "") });
            foreach (var a in listed.Where(a => a != owner))
            {
                var key = PersonNames.Key(a);
                if (!byKey.TryGetValue(key, out var entry)) byKey[key] = entry = (a, []);
                entry.Papers.Add(p);
            }
        }
        // Everyone appears: add the unlucky ones to one paper each.
        foreach (var name in people.Where(n => !byKey.ContainsKey(PersonNames.Key(n))))
        {
            var p = random.Next(papers);
            list[p] = list[p] with { Authors = list[p].Authors.Add(name) };
            byKey[PersonNames.Key(name)] = (name, [p]);
        }
        var entries = byKey.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var slugs = Slugs.MakeUnique([.. entries.Select(e => Slugs.Slugify(e.Value.Name, "author"))]);
        var coAuthorList = entries.Select((e, i) => new CoAuthor(e.Value.Name, slugs[i], [.. e.Value.Papers.Select(p => list[p].Slug)],
                e.Value.Papers.Min(p => list[p].Date.Year), e.Value.Papers.Max(p => list[p].Date.Year)) { Key = e.Key })
            .OrderByDescending(c => c.Papers.Length).ThenBy(c => c.Name, StringComparer.Ordinal).ToImmutableArray();
        var profile = new Profile(owner, null, Figures.None, papers, [.. list], coAuthorList);
        return (profile, Views(profile));
    }

    private static Dictionary<string, string> Variables(string css) =>
        Regex.Matches(css, @"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;").GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Last().Groups[2].Value);

    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            double Channel(int i)
            {
                var c = Convert.ToInt32(hex.Substring(1 + 2 * i, 2), 16) / 255.0;
                return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }
            return 0.2126 * Channel(0) + 0.7152 * Channel(1) + 0.0722 * Channel(2);
        }
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }
}
