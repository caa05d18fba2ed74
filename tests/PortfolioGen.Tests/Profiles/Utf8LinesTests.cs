using System.Text;
using CsCheck;
using PortfolioGen.Profiles;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>
/// A build reads the profile's lines straight from its bytes, in pieces on all cores (<see cref="Utf8Lines"/>); a
/// session and <see cref="ProfileParser.Parse"/> split the decoded text. Both must give the same lines, indents and so
/// the same parse, wherever the pieces are cut.
/// </summary>
public class Utf8LinesTests
{
    // Bytes a profile may hold: text in several scripts, white space the trim removes (tab, no-break space, ideographic
    // space, next line), every line end, a byte-order mark inside the text, and bytes that are not UTF-8.
    private static readonly byte[][] Fragments =
    [
        "a"u8.ToArray(), "Lyric"u8.ToArray(), " "u8.ToArray(), "  "u8.ToArray(), "\t"u8.ToArray(), "\u00A0"u8.ToArray(), "\u3000"u8.ToArray(),
        "\u0085"u8.ToArray(), "\r"u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\n\n"u8.ToArray(), "é"u8.ToArray(), "李"u8.ToArray(),
        "𝔸"u8.ToArray(), "\uFEFF"u8.ToArray(), [0xFF], [0xC2], [0xE2, 0x82], [0x80], [0xF0, 0x9F],
    ];

    private static readonly Gen<byte[]> Text = Gen.Int[0, Fragments.Length - 1].Array[0, 60]
        .Select(picks => picks.SelectMany(i => Fragments[i]).ToArray());

    [Fact]
    public void Lines_read_in_pieces_are_the_lines_of_the_decoded_text()
    {
        Gen.Select(Text, Gen.Bool, Gen.Int[1, 9]).Sample((body, bom, piece) =>
        {
            var bytes = bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
            using var file = new TempFile(bytes);
            using var handle = File.OpenHandle(file.Path);
            var (lines, indents) = Utf8Lines.Read(handle, bom ? 3 : 0, piece);
            var (expectedLines, expectedIndents) = Reference(Encoding.UTF8.GetString(body));
            Assert.Equal(expectedLines, lines);
            Assert.Equal(expectedIndents, indents);
        }, iter: 2000);
    }

    [Theory]
    [InlineData("", new[] { "" })]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\n", new[] { "a", "" })]
    [InlineData("\r\n\r\n", new[] { "", "", "" })]
    [InlineData("  x \r y\t\n\u00A0z", new[] { "x", "y", "z" })]
    public void A_file_ending_with_a_line_end_has_an_empty_last_line(string text, string[] expected)
    {
        using var file = new TempFile(Encoding.UTF8.GetBytes(text));
        using var handle = File.OpenHandle(file.Path);
        for (var piece = 1; piece <= 4; piece++)
        {
            Assert.Equal(expected, Utf8Lines.Read(handle, 0, piece).Lines);
        }
    }

    /// <summary>
    /// The reference profile, many times over (more than one piece of the file), with its line ends, byte-order mark
    /// and spaces changed: read from the file as a build does and from its text as <see cref="ProfileParser.Parse"/>
    /// does, the profile and every message are the same.
    /// </summary>
    [Fact]
    public void A_profile_read_from_its_bytes_parses_as_its_text_does()
    {
        var reference = File.ReadAllText(TestPaths.ReferenceProfile);
        var firstEntry = reference.IndexOf("SDAug 11, 2022", StringComparison.Ordinal);
        var entries = reference[firstEntry..];
        // ~1.1 MB: two pieces and a bit.
        var big = reference + string.Concat(Enumerable.Repeat("\n" + entries, 32));
        Assert.True(Encoding.UTF8.GetByteCount(big) > Utf8Lines.PieceBytes + 1000);
        foreach (var (ends, bom, spaces) in from e in new[] { 0, 1, 2 } from b in new[] { false, true } from s in new[] { false, true } select (e, b, s))
        {
            var text = ends switch { 0 => big, 1 => big.Replace("\n", "\r\n"), _ => big.Replace("\n", "\r") };
            if (spaces) text = text.Replace("Ang Lv,", "  Ang Lv,").Replace(".\r", ". \r").Replace(".\n", ".\t\n");
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
            using var file = new TempFile(bytes);
            var fromFile = ProfileParser.ParseFile(file.Path, displayPath: "profile.txt");
            var fromText = ProfileParser.Parse(Encoding.UTF8.GetString(bytes), "profile.txt");
            Assert.NotNull(fromFile.Profile);
            Assert.Equal(ProfileDump.Write(fromText), ProfileDump.Write(fromFile));
            Assert.Equal(fromText.Diagnostics.Select(d => d.ToString()), fromFile.Diagnostics.Select(d => d.ToString()));
        }
    }

    [Fact]
    public void A_line_longer_than_many_pieces_is_read_whole_once()
    {
        var longLine = string.Concat(Enumerable.Repeat("Lyric-to-melody generation é 李 ", 10_000));
        var text = "first\r\n" + longLine + "\n\nlast\r" + longLine;
        using var file = new TempFile(Encoding.UTF8.GetBytes(text));
        using var handle = File.OpenHandle(file.Path);
        foreach (var piece in new[] { 1_000, 65_536, 70_001 })
        {
            var (lines, indents) = Utf8Lines.Read(handle, 0, piece);
            Assert.Equal(Reference(text), (lines, indents), new LinesComparer());
        }
    }

    /// <summary>A file that gets shorter while its pieces are read (many pieces find it so at once) is one IOException.</summary>
    [Fact]
    public void A_file_shorter_than_it_said_is_an_io_error_not_an_aggregate()
    {
        using var file = new TempFile(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a line\n", 20))));
        using var handle = File.OpenHandle(file.Path);
        Assert.Throws<IOException>(() => Utf8Lines.Read(handle, 0, length: 5_000, pieceBytes: 10));
        Assert.Throws<IOException>(() => Utf8Lines.Read(handle, 0, length: 5_000, pieceBytes: 10_000));
    }

    /// <summary>A pipe (a profile given as <c>&lt;(cat profile.txt)</c>) has no length and cannot be read at an offset.</summary>
    [Fact]
    public async Task A_profile_from_a_pipe_parses_as_its_text_does()
    {
        if (!OperatingSystem.IsLinux()) return;
        var folder = Directory.CreateTempSubdirectory("pg-fifo-");
        try
        {
            var fifo = Path.Combine(folder.FullName, "profile.txt");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
            var bytes = File.ReadAllBytes(TestPaths.ReferenceProfile);
            var writer = Task.Run(() => File.WriteAllBytes(fifo, bytes));
            var fromPipe = ProfileParser.ParseFile(fifo, displayPath: "profile.txt");
            await writer.WaitAsync(TimeSpan.FromSeconds(30));
            var fromText = ProfileParser.Parse(Encoding.UTF8.GetString(bytes), "profile.txt");
            Assert.NotNull(fromPipe.Profile);
            Assert.Equal(ProfileDump.Write(fromText), ProfileDump.Write(fromPipe));
            Assert.Equal(fromText.Diagnostics.Select(d => d.ToString()), fromPipe.Diagnostics.Select(d => d.ToString()));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Files of <c>/proc</c> say they are empty and hold text: they are read to their end, as before.</summary>
    [Fact]
    public void A_file_that_says_it_is_empty_is_read_to_its_end()
    {
        const string proc = "/proc/version";
        if (!File.Exists(proc)) return;
        var fromFile = ProfileParser.ParseFile(proc, displayPath: "version");
        var fromText = ProfileParser.Parse(File.ReadAllText(proc), "version");
        Assert.Equal(fromText.Diagnostics.Select(d => d.ToString()), fromFile.Diagnostics.Select(d => d.ToString()));
        Assert.DoesNotContain(fromFile.Diagnostics, d => d.Code == DiagnosticCodes.FileNotReadable);
    }

    private sealed class LinesComparer : IEqualityComparer<(string[] Lines, int[] Indents)>
    {
        public bool Equals((string[] Lines, int[] Indents) x, (string[] Lines, int[] Indents) y) => x.Lines.SequenceEqual(y.Lines) && x.Indents.SequenceEqual(y.Indents);

        public int GetHashCode((string[] Lines, int[] Indents) obj) => obj.Lines.Length;
    }

    [Fact]
    public void A_folder_given_as_the_profile_is_an_error_not_an_exception()
    {
        var folder = Directory.CreateTempSubdirectory("pg-profile-");
        try
        {
            var result = ProfileParser.ParseFile(folder.FullName, displayPath: "seeds/");
            var error = Assert.Single(result.Diagnostics);
            Assert.Equal(DiagnosticCodes.FileNotReadable, error.Code);
            Assert.Null(result.Profile);
        }
        finally
        {
            folder.Delete();
        }
    }

    // The split as the format describes it: lines end at CRLF, LF or CR; each is trimmed of white space at both ends.
    private static (string[] Lines, int[] Indents) Reference(string text)
    {
        var lines = new List<string>();
        var indents = new List<int>();
        var start = 0;
        for (var i = 0; ; i++)
        {
            if (i < text.Length && text[i] is not ('\r' or '\n')) continue;
            var line = text[start..i];
            var trimmedStart = line.TrimStart();
            indents.Add(line.Length - trimmedStart.Length);
            lines.Add(trimmedStart.TrimEnd());
            if (i == text.Length) break;
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        return ([.. lines], [.. indents]);
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(byte[] bytes)
        {
            Path = System.IO.Path.GetTempFileName();
            File.WriteAllBytes(Path, bytes);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
