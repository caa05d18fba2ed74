using System.Text.Json;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>The search index of the reference site.</summary>
public class SearchTests(ReferenceSiteFixture site) : IClassFixture<ReferenceSiteFixture>
{
    private static readonly string[] Fields = ["id", "title", "authors", "abstract", "category", "category_name", "year", "url"];

    [Fact]
    public void The_index_has_one_document_per_paper_newest_first_with_the_documented_fields()
    {
        using var json = JsonDocument.Parse(site.Read("search/index.json"));
        var root = json.RootElement;
        Assert.Equal(["version", "documents"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(SearchIndex.Version, root.GetProperty("version").GetInt32());
        var docs = root.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(21, docs.Count);
        var papers = site.Profile.Papers.OrderByDescending(p => p.Date).ThenBy(p => p.Slug, StringComparer.Ordinal).ToList();
        for (var i = 0; i < docs.Count; i++)
        {
            var doc = docs[i];
            var paper = papers[i];
            var names = doc.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(paper.AuthorsTruncated ? [.. Fields[..3], "authors_truncated", .. Fields[3..]] : Fields, names);
            if (paper.AuthorsTruncated) Assert.True(doc.GetProperty("authors_truncated").GetBoolean());
            Assert.Equal(i, doc.GetProperty("id").GetInt32());
            Assert.Equal(paper.TitleMarkup.Text, doc.GetProperty("title").GetString());
            Assert.Equal(paper.Authors, doc.GetProperty("authors").EnumerateArray().Select(a => a.GetString()!));
            Assert.Equal(paper.Category.Code, doc.GetProperty("category").GetString());
            Assert.Equal(paper.Category.Name, doc.GetProperty("category_name").GetString());
            Assert.Equal(paper.Date.Year, doc.GetProperty("year").GetInt32());
            Assert.Equal($"/papers/{paper.Slug}/", doc.GetProperty("url").GetString());
            Assert.True(File.Exists(Path.Combine(site.Output, "papers", paper.Slug, "index.html")));

            // The abstract: plain text on one line, whole (the reference profile is far within the budget).
            var full = string.Join(' ', paper.Abstract!.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(full, doc.GetProperty("abstract").GetString());
        }
    }

    [Theory]
    [InlineData(21, 1450, int.MaxValue)]
    [InlineData(600, 1450, int.MaxValue)]
    [InlineData(1000, 1450, 1000)]
    [InlineData(10_000, 1450, 200)]
    [InlineData(3, 0, int.MaxValue)]
    public void Abstracts_are_whole_within_the_budget_and_cut_to_a_share_of_it_beyond(int papers, int length, int limit)
        => Assert.Equal(limit, SearchIndex.AbstractLimit(Enumerable.Repeat(length, papers).ToList()));

    [Fact]
    public void Beyond_the_budget_each_abstract_is_cut_at_a_word_to_its_share()
    {
        var words = string.Join(' ', Enumerable.Range(0, 50_000).Select(i => "word" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(words.Length * 3 > SearchIndex.AbstractBudget);
        var share = SearchIndex.AbstractBudget / 4;
        Assert.True(words.Length > share);
        using var test = new TestSite($"-- seeds/ada.txt --\nAda Researcher\n\nLGMar 4, 2024\nOne\n\nAda Researcher\n\n{words}\n\nLGMar 5, 2024\nTwo\n\nAda Researcher\n\n{words}\n\n"
            + $"LGMar 6, 2024\nThree\n\nAda Researcher\n\n{words}\n\nLGMar 7, 2024\nFour\n\nAda Researcher\n\nShort.\n");
        test.BuildOk();
        using var json = JsonDocument.Parse(test.Read("search/index.json"));
        var abstracts = json.RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("abstract").GetString()!).ToList();
        Assert.Equal("Short.", abstracts[0]);
        foreach (var text in abstracts.Skip(1))
        {
            Assert.InRange(text.Length, share - 20, share);
            Assert.EndsWith("\u2026", text);
            Assert.StartsWith(text[..^1] + " ", words);
        }
    }

    [Fact]
    public async Task The_index_is_compact_and_the_same_bytes_from_a_second_build()
    {
        var first = File.ReadAllBytes(Path.Combine(site.Output, "search", "index.json"));
        Assert.Equal((byte)'\n', first[^1]);
        Assert.DoesNotContain((byte)'\n', first[..^1]);
        Assert.DoesNotContain("\": ", System.Text.Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        using var again = new TempDirectory();
        foreach (var file in Directory.GetFiles(site.Dir.Path, "*", SearchOption.AllDirectories).Where(f => !f.Contains("_site", StringComparison.Ordinal)))
        {
            again.Write(Path.GetRelativePath(site.Dir.Path, file), File.ReadAllText(file));
        }
        var result = await SiteBuilder.BuildAsync(new BuildOptions { SiteRoot = again.Path, Theme = TestSite.DefaultTheme, MaxParallelism = 1 });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(again.Path, "_site", "search", "index.json")));
    }
}
