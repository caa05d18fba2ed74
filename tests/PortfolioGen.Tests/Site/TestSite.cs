using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

/// <summary>
/// A small site written from one multi-file string, in the manner of Hugo's integration tests:
/// <c>-- path --</c> lines start files. Built into a temp folder, then asserted by substring and by
/// AngleSharp queries. <c>{default-theme}</c> in a file stands for the repository's default theme folder.
/// </summary>
public sealed class TestSite : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TestSite(string files)
    {
        Write(files);
    }

    public string Root => _dir.Path;

    public static string DefaultTheme => Path.Combine(TestPaths.RepoRoot, "themes", "default");

    /// <summary>Writes (or overwrites) the files of a multi-file string.</summary>
    public void Write(string files)
    {
        foreach (var (path, content) in Parse(files))
        {
            _dir.Write(path, content.Replace("{default-theme}", DefaultTheme));
        }
    }

    public void Delete(string path) => File.Delete(_dir[path]);

    public static IEnumerable<(string Path, string Content)> Parse(string files)
    {
        // A file marker may follow the previous file's last line directly: C# raw strings end without a newline.
        var matches = Regex.Matches(files, @"-- (?<path>[\w./{}\-#%?]+) --\n");
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : files.Length;
            var content = files[start..end];
            yield return (matches[i].Groups["path"].Value.Trim(), content.EndsWith('\n') || content.Length == 0 ? content : content + "\n");
        }
    }

    public BuildResult? Last { get; private set; }

    public BuildResult Build(BuildOptions? options = null)
    {
        options = (options ?? new BuildOptions()) with { SiteRoot = Root };
        Last = SiteBuilder.BuildAsync(options).GetAwaiter().GetResult();
        return Last;
    }

    /// <summary>Builds and requires success without errors.</summary>
    public BuildResult BuildOk(BuildOptions? options = null)
    {
        var result = Build(options);
        Assert.True(result.Success, "build failed:\n" + string.Join("\n", result.Diagnostics));
        return result;
    }

    public string Output(string path, string output = "_site") => Path.Combine(Root, output, path);

    public bool Exists(string path, string output = "_site") => File.Exists(Output(path, output));

    public string Read(string path, string output = "_site")
    {
        Assert.True(File.Exists(Output(path, output)), $"{output}/{path} was not written");
        return File.ReadAllText(Output(path, output));
    }

    public void AssertFileContains(string path, params string[] substrings)
    {
        var text = Read(path);
        foreach (var s in substrings)
        {
            Assert.True(text.Contains(s, StringComparison.Ordinal), $"{path} does not contain:\n{s}\n--- it has:\n{text}");
        }
    }

    public void AssertFileLacks(string path, params string[] substrings)
    {
        var text = Read(path);
        foreach (var s in substrings)
        {
            Assert.False(text.Contains(s, StringComparison.Ordinal), $"{path} should not contain:\n{s}");
        }
    }

    public IDocument Html(string path) => new HtmlParser().ParseDocument(Read(path));

    public IReadOnlyList<Diagnostic> Diagnostics => Last?.Diagnostics ?? [];

    public void Dispose() => _dir.Dispose();

    /// <summary>A profile with a few papers, enough for most tests.</summary>
    public const string SmallProfile = """
-- seeds/ada.txt --
Ada Researcher

LG
h-index12
40papers
900citations

3 Papers

LGMar 4, 2024Code
Learning Things Quickly

Ada Researcher, Bo Li, Chen Wei et al. · some-lab

We learn things. Code at https://github.com/ada/quick.

CLJan 10, 2023
Talking About Things

Bo Li, Ada Researcher

We talk about $x^2$ things.

LGDec 1, 2023
Alone Again

Ada Researcher

A single-author paper.
""";
}
