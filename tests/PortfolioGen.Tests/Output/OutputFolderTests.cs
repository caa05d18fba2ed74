using PortfolioGen.Output;
using Xunit;

namespace PortfolioGen.Tests.Output;

public class OutputFolderTests
{
    private static string[] Tree(string root) => Directory.Exists(root)
        ? [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order(StringComparer.Ordinal)]
        : [];

    [Fact]
    public void An_aborted_first_build_leaves_no_folder_it_made_not_even_nested_ones()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        var output = new OutputFolder(root);
        output.Stage("papers/a/index.html", "a"u8);
        output.Stage("papers/a/deeper/still/x.txt", "x"u8);
        output.Stage("papers/b/index.html", "b"u8);
        output.Abort();
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void An_aborted_build_removes_only_the_folders_it_made_and_keeps_the_site()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "_site");
        dir.Write("_site/papers/old/index.html", "old");
        dir.Write("_site/mine/note.txt", "kept");
        var before = Tree(root);
        var output = new OutputFolder(root);
        output.Stage("papers/new/index.html", "n"u8);
        output.Stage("papers/new/sub/x.txt", "x"u8);
        output.Stage("papers/old/sub/y.txt", "y"u8);
        output.Stage("fresh/deep/z.txt", "z"u8);
        output.Abort();
        Assert.Equal(before, Tree(root));
    }
}
