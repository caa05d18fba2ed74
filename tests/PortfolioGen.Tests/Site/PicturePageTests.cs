using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// The build-time pictures as the built pages carry them: the collaboration graph and its table on the co-author
/// index, the timelines on the home, co-author and topic pages. Every count is checked against the profile, the
/// model the pages are made from, never against another picture.
/// </summary>
public class PicturePageTests(ReferenceSiteFixture site) : IClassFixture<ReferenceSiteFixture>
{
    private static readonly HtmlParser Parser = new();

    private IDocument Page(string path) => Parser.ParseDocument(site.Read(path));

    [Fact]
    public void The_co_author_index_draws_every_co_author_as_a_link_named_with_the_papers_together()
    {
        using var doc = Page("coauthors/index.html");
        var svg = Assert.Single(doc.QuerySelectorAll("main svg.pg-graph"));
        // A group, not an image: its circles are links, and an image's children are hidden from assistive technology.
        Assert.Equal("group", svg.GetAttribute("role"));
        AssertNamed(doc, svg, "Co-authors of Ang Lv");

        var links = svg.QuerySelectorAll("a").ToList();
        Assert.Equal(site.Profile.CoAuthors.Length, links.Count);
        foreach (var c in site.Profile.CoAuthors)
        {
            var link = Assert.Single(links, a => a.GetAttribute("href") == $"/coauthors/{c.Slug}/");
            Assert.Equal($"{c.Name} · {Papers(c.Papers.Length)} together", link.QuerySelector("title")!.TextContent);
        }
        // The owner is drawn too, but is not a link: she has no co-author page.
        var owner = svg.QuerySelectorAll("g > title").Select(t => t.TextContent).Single(t => t.StartsWith("Ang Lv", StringComparison.Ordinal));
        Assert.Equal($"Ang Lv · {Papers(site.Profile.Papers.Length)}", owner);
        // Nobody is left out of a picture of 26, so the caption does not say anyone is.
        Assert.DoesNotContain("lists everyone", doc.QuerySelector("main figcaption")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_co_author_table_holds_the_graphs_data_for_everyone()
    {
        using var doc = Page("coauthors/index.html");
        var rows = doc.QuerySelectorAll("#coauthor-table tbody tr").Select(r => (
            Name: r.QuerySelector("th a")!.TextContent,
            Url: r.QuerySelector("th a")!.GetAttribute("href"),
            Count: int.Parse(r.QuerySelector("td.num")!.TextContent, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(site.Profile.CoAuthors.Select(c => (c.Name, (string?)$"/coauthors/{c.Slug}/", c.Papers.Length)), rows);

        // Every person the picture draws is a row with the same link and count.
        foreach (var link in doc.QuerySelectorAll("svg.pg-graph a"))
        {
            var title = link.QuerySelector("title")!.TextContent;
            var row = Assert.Single(rows, r => r.Url == link.GetAttribute("href"));
            Assert.Equal($"{row.Name} · {Papers(row.Count)} together", title);
        }
        // The picture comes with a way past its links, straight to the table.
        Assert.Equal("#coauthor-table", doc.QuerySelector("main figure .skip-figure")!.GetAttribute("href"));
    }

    [Fact]
    public void The_graphs_lines_join_exactly_the_people_who_share_papers()
    {
        using var doc = Page("coauthors/index.html");
        var svg = doc.QuerySelector("svg.pg-graph")!;
        // Centres of the circles, by the link (or the owner) they belong to.
        var at = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var circle in svg.QuerySelectorAll("circle"))
        {
            var who = circle.ParentElement!.GetAttribute("href") ?? "owner";
            at[circle.GetAttribute("cx") + " " + circle.GetAttribute("cy")] = who;
        }
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in svg.QuerySelectorAll("path.pg-edge"))
        {
            foreach (Match m in Regex.Matches(path.GetAttribute("d")!, @"M(?<a>[\d.]+ [\d.]+)L(?<b>[\d.]+ [\d.]+)"))
            {
                drawn.Add(Pair(at[m.Groups["a"].Value], at[m.Groups["b"].Value]));
            }
        }
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var slugOf = site.Profile.CoAuthors.ToDictionary(c => c.Key, c => $"/coauthors/{c.Slug}/");
        foreach (var paper in site.Profile.Papers)
        {
            var people = paper.Authors.Select(a => slugOf.GetValueOrDefault(Text.PersonNames.Key(a)) ?? "owner").Distinct().ToList();
            for (var i = 0; i < people.Count; i++)
            {
                for (var j = i + 1; j < people.Count; j++) expected.Add(Pair(people[i], people[j]));
            }
        }
        // The reference profile is small enough that every link is drawn.
        Assert.Equal(expected.Order(StringComparer.Ordinal), drawn.Order(StringComparer.Ordinal));

        static string Pair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? a + "|" + b : b + "|" + a;
    }

    [Fact]
    public void The_home_page_stacks_papers_per_year_by_subject_with_a_legend_and_a_table()
    {
        using var doc = Page("index.html");
        var svg = Assert.Single(doc.QuerySelectorAll("main svg.pg-timeline"));
        Assert.Equal("img", svg.GetAttribute("role"));
        AssertNamed(doc, svg, "Papers per year by subject");

        var papers = site.Profile.Papers;
        var first = papers.Min(p => p.Date.Year);
        var last = papers.Max(p => p.Date.Year);
        var subjects = papers.GroupBy(p => p.Category.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();

        // Each bar segment is titled "year · subject · n papers": one per year and subject that has papers.
        var segments = svg.QuerySelectorAll(".pg-bars rect > title").Select(t => t.TextContent).ToList();
        var expected = papers.GroupBy(p => (p.Date.Year, p.Category.Code))
            .Select(g => $"{g.Key.Year} · {g.Key.Code} · {Papers(g.Count())}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, segments.Order(StringComparer.Ordinal));

        // The legend names every subject, most papers first.
        var legend = svg.QuerySelectorAll(".pg-legend text").Select(t => t.TextContent).ToList();
        Assert.Equal(subjects.Select(g => g.Key + " " + g.First().Category.Name), legend);

        // The table: a row per year from the first to the last, a column per subject, and the total.
        var table = doc.QuerySelector("main figure.pg-figure + details.pg-data table")!;
        var headings = table.QuerySelectorAll("thead th").ToList();
        Assert.Equal("Year", headings[0].TextContent);
        Assert.Equal("All", headings[^1].TextContent);
        // A subject's column shows its code and tells screen readers its name.
        Assert.Equal(subjects.Select(g => (g.Key, g.First().Category.Name)), headings[1..^1].Select(th =>
            (th.QuerySelector("[aria-hidden=true]")!.TextContent, th.QuerySelector(".visually-hidden")!.TextContent)));
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(Enumerable.Range(first, last - first + 1).Select(y => y.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.QuerySelector("th")!.TextContent));
        foreach (var row in rows)
        {
            var year = int.Parse(row.QuerySelector("th")!.TextContent, CultureInfo.InvariantCulture);
            var cells = row.QuerySelectorAll("td").Select(td => int.Parse(td.TextContent, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal([.. subjects.Select(g => g.Count(p => p.Date.Year == year)), papers.Count(p => p.Date.Year == year)], cells);
        }
    }

    [Fact]
    public void Each_co_author_page_charts_the_years_of_the_papers_together()
    {
        var charted = 0;
        foreach (var c in site.Profile.CoAuthors)
        {
            using var doc = Page($"coauthors/{c.Slug}/index.html");
            var years = c.Papers.Select(s => site.Profile.Papers.Single(p => p.Slug == s).Date.Year).ToList();
            if (AssertTimeline(doc, years, $"Papers with {c.Name} per year")) charted++;
        }
        Assert.True(charted >= 5, $"only {charted} co-authors have papers in more than one year");
    }

    [Fact]
    public void Each_topic_page_charts_its_papers_per_year()
    {
        var charted = 0;
        foreach (var topic in site.Profile.Papers.GroupBy(p => p.Category.Code))
        {
            var category = topic.First().Category;
            using var doc = Page($"topics/{category.Slug}/index.html");
            if (AssertTimeline(doc, topic.Select(p => p.Date.Year).ToList(), $"{category.Name} papers per year")) charted++;
        }
        Assert.True(charted >= 2, $"only {charted} topics have papers in more than one year");
    }

    // A page's per-year timeline: none when all its papers share a year (one bar says no more than the sentence
    // above it), else named and with a bar per year. Whether there was one.
    private static bool AssertTimeline(IDocument doc, List<int> years, string name)
    {
        var svg = doc.QuerySelector("main svg.pg-timeline");
        if (years.Distinct().Count() == 1)
        {
            Assert.Null(svg);
            return false;
        }
        Assert.NotNull(svg);
        AssertNamed(doc, svg, name);
        Assert.Equal(PerYear(years), Bars(svg));
        return true;
    }

    // "2023 · 2 papers" for every year with papers, oldest first.
    private static List<string> PerYear(List<int> years)
        => [.. years.GroupBy(y => y).OrderBy(g => g.Key).Select(g => $"{g.Key} · {Papers(g.Count())}")];

    private static List<string> Bars(IElement svg) => [.. svg.QuerySelectorAll(".pg-bars rect > title").Select(t => t.TextContent)];

    private static string Papers(int n) => n == 1 ? "1 paper" : $"{n} papers";

    // Named by its own title and described by its desc, through ids that are unique on the page.
    private static void AssertNamed(IDocument doc, IElement svg, string title)
    {
        var ids = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal(2, ids.Length);
        Assert.Equal(title, doc.GetElementById(ids[0])!.TextContent);
        Assert.Equal("desc", doc.GetElementById(ids[1])!.LocalName);
        Assert.False(string.IsNullOrWhiteSpace(doc.GetElementById(ids[1])!.TextContent));
        foreach (var id in ids) Assert.Single(doc.QuerySelectorAll($"[id='{id}']"));
    }
}

/// <summary>A long career: 2,000 co-authors. The index draws the strongest few hundred and says so; the table lists all.</summary>
public sealed class LargeCollaborationPageTests : IDisposable
{
    private const int CoAuthors = 2000;
    private readonly TestSite _site = new(Profile());

    public void Dispose() => _site.Dispose();

    private static string Profile()
    {
        string[] given = ["Ada", "Bo", "Chen", "Dana", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rui", "Sara", "Tomas", "Uma", "Viktor", "Wen", "Xin", "Yusuf", "Zoe", "Aiko", "Bruno", "Chloe", "Dmitri", "Emeka", "Freya", "Gita", "Hugo", "Ines", "Jonas", "Kira", "Luca", "Maya", "Noor"];
        string[] family = ["Abe", "Berg", "Costa", "Diallo", "Eriksen", "Fischer", "Garcia", "Huang", "Ito", "Jensen", "Kowalski", "Li", "Muller", "Nakamura", "Oneil", "Patel", "Quispe", "Rossi", "Silva", "Tanaka", "Ueda", "Vargas", "Wang", "Xu", "Yamada", "Zhang", "Andersson", "Bianchi", "Chowdhury", "Dubois", "Esposito", "Ferreira", "Gupta", "Hoffmann", "Ivanova", "Jovanovic", "Kim", "Lopez", "Moreau", "Nguyen", "Okafor", "Petrov", "Quinn", "Rahman", "Sato", "Torres", "Usman", "Volkov", "Weber", "Yilmaz"];
        var people = Enumerable.Range(0, CoAuthors).Select(i => given[i % given.Length] + " " + family[i / given.Length]).ToArray();
        var random = new Random(11);
        var sb = new StringBuilder("-- seeds/owner.txt --\nOwner Researcher\n\nLG\n\n");
        var next = 0;
        var papers = new List<string>();
        for (var p = 0; next < CoAuthors || p < 600; p++)
        {
            var listed = new List<string> { "Owner Researcher" };
            // Everyone appears at least once; a few appear often.
            while (listed.Count < 6)
            {
                var who = next < CoAuthors && listed.Count < 4 ? next++ : (int)(CoAuthors * Math.Pow(random.NextDouble(), 3));
                if (!listed.Contains(people[who])) listed.Add(people[who]);
            }
            var date = new DateOnly(2005, 1, 1).AddDays(p * 9 % 7300);
            papers.Add($"LG{date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}\nPaper Number {p}\n\n{string.Join(", ", listed)}\n\nAbout paper {p}.\n");
        }
        sb.Append(papers.Count.ToString(CultureInfo.InvariantCulture)).Append(" Papers\n\n").AppendJoin("\n", papers);
        return sb.ToString();
    }

    [Fact]
    public void The_index_draws_the_strongest_300_says_so_and_lists_all_2000()
    {
        _site.BuildOk();
        using var doc = _site.Html("coauthors/index.html");

        Assert.Equal(CoAuthors, doc.QuerySelectorAll("#coauthor-table tbody tr").Length);
        Assert.Contains("has written papers with 2,000 people", doc.QuerySelector("main .lede")!.TextContent, StringComparison.Ordinal);
        var svg = doc.QuerySelector("svg.pg-graph")!;
        var drawn = svg.QuerySelectorAll("a").ToList();
        Assert.Equal(TemplateModel.GraphNodes, drawn.Count);
        Assert.Contains($"The picture shows the 300 co-authors with the most papers together, of 2,000; the table below lists everyone.",
            doc.QuerySelector("main figcaption")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(the 300 with the most papers together, of 2,000)", svg.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);

        // The strongest are the ones drawn: nobody left out has more papers together than anyone drawn.
        var counts = doc.QuerySelectorAll("#coauthor-table tbody tr").ToDictionary(
            r => r.QuerySelector("th a")!.GetAttribute("href")!, r => int.Parse(r.QuerySelector("td.num")!.TextContent, CultureInfo.InvariantCulture));
        var shown = drawn.Select(a => a.GetAttribute("href")!).ToHashSet(StringComparer.Ordinal);
        var weakestDrawn = shown.Min(h => counts[h]);
        Assert.All(counts.Where(kv => !shown.Contains(kv.Key)), kv => Assert.True(kv.Value <= weakestDrawn, $"{kv.Key} ({kv.Value}) was left out"));
        Assert.True(counts.Values.Max() > counts.Values.Min(), "the profile should make some co-authors stronger than others");
    }
}
