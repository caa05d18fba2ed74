using PortfolioGen.Profiles;
using PortfolioGen.Serving;
using PortfolioGen.Site;
using PortfolioGen.Tests.Serving;
using Xunit;

namespace PortfolioGen.Tests.Site;

public class PaperViewMemoTests
{
    private static readonly Profile Reference = ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!;
    private static readonly Dictionary<string, CoAuthor> CoAuthors = Reference.CoAuthors.ToDictionary(c => c.Key);

    // Each build parses the profile anew: equal papers are different objects.
    private static PaperView[] Views(Func<Paper, Paper>? change = null)
        => [.. Reference.Papers.Select(p => PaperView.Create((change ?? (x => x))(p with { }), PaperAdditions.None, Reference, new SiteSettings(), CoAuthors))];

    [Fact]
    public void Equal_views_are_handed_on_and_changed_ones_are_not()
    {
        var memo = new PaperViewMemo();
        var first = Views();
        memo.Keep(first);
        Assert.Equal(0, memo.Reused);

        var edited = Reference.Papers[3].Slug;
        var second = Views(p => p.Slug == edited ? p with { Abstract = new RichText("New.", "<p>New.</p>", "New.") } : p);
        var made = second[3];
        memo.Keep(second);
        Assert.Equal(first.Length - 1, memo.Reused);
        for (var i = 0; i < first.Length; i++)
        {
            if (i == 3) Assert.Same(made, second[i]);
            else Assert.Same(first[i], second[i]);
        }
        // The next build compares with the edited view.
        var third = Views(p => p.Slug == edited ? p with { Abstract = new RichText("New.", "<p>New.</p>", "New.") } : p);
        memo.Keep(third);
        Assert.Same(made, third[3]);
    }

    // Views are looked for at the same place first; papers in another order (entries moved in the profile) are found
    // by slug, settled or not.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_view_in_another_place_is_found_by_its_slug(bool settle)
    {
        var memo = new PaperViewMemo();
        var first = Views();
        memo.Keep(first);
        if (settle) memo.Settle();
        var second = Views().Reverse().ToArray();
        memo.Keep(second);
        Assert.Equal(first.Length, memo.Reused);
        Assert.All(second, v => Assert.Same(first.Single(f => f.Slug == v.Slug), v));
    }

    [Fact]
    public void A_views_path_is_its_papers_even_after_with()
    {
        var view = Views()[0];
        var other = Reference.Papers[1];
        Assert.Equal($"papers/{view.Slug}/", view.Path);
        var moved = view with { Paper = other };
        Assert.Equal($"papers/{other.Slug}/", moved.Path);
        Assert.Equal(view, view with { Paper = view.Paper });
    }

    [Fact]
    public void A_paper_on_other_lines_gets_a_new_view_so_messages_name_the_right_line()
    {
        var memo = new PaperViewMemo();
        memo.Keep(Views());
        var moved = Views(p => p with { Line = p.Line + 2 });
        memo.Keep(moved);
        Assert.Equal(0, memo.Reused);
        Assert.All(moved.Zip(Reference.Papers), x => Assert.Equal(x.Second.Line + 2, x.First.Paper.Line));
    }

    [Fact]
    public async Task A_rebuild_after_one_edit_hands_on_every_other_view()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        var file = Path.Combine(site.Root, "seeds/ada.txt");
        File.WriteAllText(file, File.ReadAllText(file).Replace("We talk about things.", "We talk about other things.", StringComparison.Ordinal));
        var second = await SiteBuilder.BuildAsync(options, session);
        Assert.True(second.Success);
        Assert.Equal(2, session.Views.Reused);
        Assert.Contains("We talk about other things.", site.Read("papers/talking-about-things/index.html"));
    }

    // A title edit that renames a paper gives its co-authors new paper lists, which views do not show: the other views
    // are handed on, and every page is the page a build with no session makes.
    [Fact]
    public async Task A_rebuild_after_a_title_edit_that_renames_a_paper_hands_on_every_other_view()
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        IncrementalRebuildTests.Edit(site, "seeds/ada.txt", "Learning Things Quickly", "Learning Many Things Quickly");
        var rebuilt = await SiteBuilder.BuildAsync(options, session);
        Assert.True(rebuilt.Success);
        Assert.Equal(2, session.Views.Reused);
        var fresh = await SiteBuilder.BuildAsync(options with { Output = "_fresh" });
        Assert.True(fresh.Success);
        var pages = rebuilt.Documents.Select(d => d.Destination).Where(d => d.EndsWith(".html", StringComparison.Ordinal)).ToList();
        Assert.Contains("papers/learning-many-things-quickly/index.html", pages);
        Assert.Contains("coauthors/bo-li/index.html", pages);
        foreach (var page in pages) Assert.Equal(File.ReadAllText(Path.Combine(fresh.OutputDirectory, page)), site.Read(page));
        Assert.Contains("papers/learning-many-things-quickly/", site.Read("coauthors/bo-li/index.html"));
    }

    // Views link co-authors by slug: new co-author objects with other paper lists keep the views; another slug or person does not.
    [Fact]
    public void Views_fit_co_authors_with_the_same_keys_and_slugs()
    {
        var then = Reference.CoAuthors;
        Assert.True(PaperViewMemo.SameLinks(then, then));
        Assert.True(PaperViewMemo.SameLinks(then, [.. then.Select(c => c with { Papers = [.. c.Papers.Select(p => p + "-renamed")] })]));
        Assert.False(PaperViewMemo.SameLinks(then, [.. then.Select((c, i) => i == 2 ? c with { Slug = c.Slug + "-2" } : c)]));
        Assert.False(PaperViewMemo.SameLinks(then, [.. then.Select((c, i) => i == 2 ? c with { Key = "someone else" } : c)]));
        Assert.False(PaperViewMemo.SameLinks(then, [.. then.Skip(1)]));
    }

    // A paper the profile's read handed on (the very object) keeps its view without the view being made again, but
    // only while what views are made with besides the paper is the same: site.yml (a co-author's homepage, featured
    // papers) and the co-authors (an owner alias makes a co-author the owner).
    [Theory]
    [InlineData("coauthors:\n  Bo Li: https://bo.example.org/\n", "papers/learning-things-quickly/index.html", "https://bo.example.org/")]
    [InlineData("featured: [alone-again]\n", "index.html", "alone-again")]
    [InlineData("owner:\n  aliases: [Eve Stone]\n", "papers/alone-again/index.html", "")]
    public async Task A_change_to_what_views_are_made_with_makes_them_again(string settings, string page, string expected)
    {
        using var site = new TestSite(IncrementalRebuildTests.Profile);
        var session = new BuildSession();
        var options = new BuildOptions { SiteRoot = site.Root };
        Assert.True((await SiteBuilder.BuildAsync(options, session)).Success);
        var yml = Path.Combine(site.Root, "content/site.yml");
        File.AppendAllText(yml, settings);
        var rebuilt = await SiteBuilder.BuildAsync(options, session);
        Assert.True(rebuilt.Success, string.Join("\n", rebuilt.Diagnostics));
        var fresh = await SiteBuilder.BuildAsync(options with { Output = "_fresh" });
        Assert.True(fresh.Success);
        // The same page as a build with no session makes.
        Assert.Equal(File.ReadAllText(Path.Combine(fresh.OutputDirectory, page)), site.Read(page));
        if (expected.Length > 0) Assert.Contains(expected, site.Read(page));
        else Assert.DoesNotContain("coauthors/eve-stone/", site.Read(page));
    }

    [Fact]
    public void A_session_memo_keeps_a_value_per_object_and_environment()
    {
        var memo = new SessionMemo();
        var owner = new object();
        var made = 0;
        string Make() => $"value {++made}";
        var a = memo.For("x", owner, "env", Make);
        Assert.Same(a, memo.For("x", owner, "env", Make));
        Assert.NotSame(a, memo.For("x", new object(), "env", Make));
        var b = memo.For("x", owner, "other env", Make);
        Assert.Equal("value 3", b);
        Assert.Equal("value 4", memo.For("y", owner, "other env", Make));
    }
}
