using PortfolioGen.Output;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>What a rebuild with nothing changed does to the output folder: nothing at all.</summary>
public class IncrementalOutputTests
{
    private const string Settings = BuildIntegrationTests.DefaultSettings;

    [Fact]
    public void An_unchanged_rebuild_creates_no_file_anywhere_in_the_output_folder()
    {
        // Not even in the staging folder: the whole-site bibliographies are compared as they are made.
        using var site = new TestSite(TestSite.SmallProfile + Settings);
        site.BuildOk();
        var created = new System.Collections.Concurrent.ConcurrentBag<string>();
        using (var watcher = new FileSystemWatcher(site.Output("")) { IncludeSubdirectories = true })
        {
            watcher.Created += (_, e) => created.Add(Path.GetRelativePath(site.Output(""), e.FullPath));
            watcher.EnableRaisingEvents = true;
            Assert.Equal(0, site.BuildOk().Commit!.Written);
            Thread.Sleep(500);
        }
        Assert.Empty(created.Where(p => !p.StartsWith(OutputFolder.ManifestName, StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task A_serve_session_keeps_the_manifest_it_wrote_and_a_single_build_does_not()
    {
        // The next rebuild of a session starts from the manifest in memory (no 50,000-entry parse at 10,000 papers);
        // a single build has no next one and does not make it.
        using var site = new TestSite(TestSite.SmallProfile + Settings);
        var session = new BuildSession();
        var first = await SiteBuilder.BuildAsync(new BuildOptions { SiteRoot = site.Root }, session);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        var manifest = session.Output.Manifest(site.Output(OutputFolder.ManifestName));
        Assert.NotNull(manifest);
        Assert.Contains("index.html", manifest.Files.Keys);
        Assert.Equal(manifest.Files.Keys.Order(StringComparer.Ordinal), manifest.Order);

        var output = new OutputFolder(site.Output(""));
        output.StageText("index.html", File.ReadAllText(site.Output("index.html")));
        output.Commit();
        Assert.Null(output.Written);
    }

    [Fact]
    public void Without_a_manifest_identical_files_are_not_rewritten()
    {
        using var site = new TestSite(TestSite.SmallProfile + Settings);
        site.BuildOk();
        File.Delete(site.Output(OutputFolder.ManifestName));
        Assert.Equal(0, site.BuildOk().Commit!.Written);
    }

    [Fact]
    public void A_changed_paper_rewrites_the_whole_site_bibliographies()
    {
        using var site = new TestSite(TestSite.SmallProfile + Settings);
        site.BuildOk();
        var before = File.ReadAllText(site.Output("publications.bib"));
        var profile = Path.Combine(site.Root, "seeds", "ada.txt");
        File.WriteAllText(profile, File.ReadAllText(profile).Replace("Talking About Things", "Talking About Things Revisited", StringComparison.Ordinal));
        var result = site.BuildOk();
        var after = File.ReadAllText(site.Output("publications.bib"));
        Assert.NotEqual(before, after);
        Assert.Contains("Revisited", after);
        Assert.Contains("Revisited", File.ReadAllText(site.Output("publications.json")));
        Assert.False(Directory.Exists(site.Output(OutputFolder.StagingName)));
        Assert.True(result.Commit!.Written >= 3);
    }
}
