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
        Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Bool).Sample((ends, bom, spaces) =>
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
        }, iter: 6, threads: 1);
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
