using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PortfolioGen.Profiles;

namespace PortfolioGen.Text;

/// <summary>
/// The text files a site is made from (the profile, site.yml, content pages, a theme's templates) as the README says they
/// must be: UTF-8, or UTF-16 with its byte-order mark. What is neither (a Latin-1 é, an unpaired surrogate, a UTF-16
/// file cut in the middle of a character) is an error at its line and column (PG0020), never a U+FFFD quietly put in a
/// title. The text is still decoded (with U+FFFD), so that the file's other problems are reported too.
/// </summary>
internal static class UnicodeText
{
    /// <summary>Whether the bytes are UTF-16: they start with its byte-order mark.</summary>
    public static bool IsUtf16(ReadOnlySpan<byte> bytes) => bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];

    /// <summary>
    /// The bytes as text: UTF-16 as its byte-order mark says, else UTF-8 (a UTF-8 byte-order mark is kept); what is not
    /// either becomes U+FFFD (see <see cref="FindInvalid"/> for where).
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
        => IsUtf16(bytes) ? new StreamReader(new MemoryStream(bytes.ToArray()), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd()
            : Encoding.UTF8.GetString(bytes);

    /// <summary>
    /// The lines of the bytes that are not UTF-8 (or, after a UTF-16 byte-order mark, not UTF-16): the first bad byte or
    /// character of each, at the column its U+FFFD has in <see cref="Decode"/>'s text. Lines end at LF, CRLF or CR.
    /// Empty, quickly, for a sound text.
    /// </summary>
    public static InvalidText[] FindInvalid(ReadOnlySpan<byte> bytes)
        => IsUtf16(bytes) ? FindInvalidUtf16(bytes) : [.. Utf8Lines.FindInvalid(bytes).Select(InvalidText.Of)];

    /// <summary>
    /// Reads a text file's bytes (see <see cref="Decode"/>, without a byte-order mark), reporting every line that is not
    /// UTF-8 or UTF-16 as an error in <paramref name="diagnostics"/>, at its line and column in <paramref name="file"/>.
    /// </summary>
    public static string Read(ReadOnlySpan<byte> bytes, string file, List<Diagnostic> diagnostics)
    {
        foreach (var bad in FindInvalid(bytes)) diagnostics.Add(bad.ToDiagnostic(file, "file"));
        var text = Decode(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    /// <summary>
    /// The characters no text of a site holds, as a profile and the YAML files are checked for them: the C0 controls but
    /// the tab and the line breaks, DEL, the C1 controls, and U+FFFE and U+FFFF, which no XML document may hold (the
    /// feed could not be written).
    /// </summary>
    internal const string NotText =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F"
        + "\uFFFE\uFFFF";

    /// <summary>
    /// The text in the normalisation form, whatever it holds. .NET's normalisation throws on U+FFFE, which is valid UTF-8
    /// (a byte-swapped byte-order mark pasted from a UTF-16 file): a profile that has it (or U+FFFF, which no XML may
    /// hold) is error PG0022 at its place, and its names are still read, so that the file's other problems are reported
    /// too. There the two read as U+FFFD.
    /// </summary>
    public static string Normalize(string text, NormalizationForm form)
    {
        if (text.AsSpan().IndexOfAny('\uFFFE', '\uFFFF') >= 0) text = text.Replace('\uFFFE', '\uFFFD').Replace('\uFFFF', '\uFFFD');
        return text.Normalize(form);
    }

    /// <summary>Reads a text file (see <see cref="Read(ReadOnlySpan{byte}, string, List{Diagnostic})"/>).</summary>
    /// <exception cref="IOException">The file could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string ReadFile(string path, string file, List<Diagnostic> diagnostics) => Read(File.ReadAllBytes(path), file, diagnostics);

    // UTF-16 after its byte-order mark: an unpaired surrogate, or a last byte without its pair, is the line's error.
    private static InvalidText[] FindInvalidUtf16(ReadOnlySpan<byte> bytes)
    {
        var bigEndian = bytes[0] == 0xFE;
        var units = (bytes.Length - 2) / 2;
        // Most files have no surrogate at all (the vectorised search, for the byte order of this machine).
        if (bigEndian != BitConverter.IsLittleEndian && bytes.Length % 2 == 0
            && MemoryMarshal.Cast<byte, char>(bytes[2..]).IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return [];
        }
        var found = new List<InvalidText>();
        int line = 1, column = 1;
        var lineBad = false;
        for (var i = 0; i < units; i++)
        {
            var u = Unit(bytes, i, bigEndian);
            if (u is '\n' or '\r')
            {
                if (u == '\r' && i + 1 < units && Unit(bytes, i + 1, bigEndian) == '\n') i++;
                (line, column, lineBad) = (line + 1, 1, false);
                continue;
            }
            if (char.IsHighSurrogate((char)u) && i + 1 < units && char.IsLowSurrogate((char)Unit(bytes, i + 1, bigEndian)))
            {
                i++;
                column += 2;
                continue;
            }
            if (char.IsSurrogate((char)u) && !lineBad)
            {
                found.Add(new InvalidText(line, column, string.Create(CultureInfo.InvariantCulture,
                    $"this line is not valid UTF-16 (an unpaired surrogate 0x{u:X4} at column {column})")));
                lineBad = true;
            }
            column++;
        }
        if (bytes.Length % 2 == 1 && !lineBad)
        {
            found.Add(new InvalidText(line, column, string.Create(CultureInfo.InvariantCulture,
                $"this line is not valid UTF-16 (the file ends in half a character, byte 0x{bytes[^1]:X2} at column {column})")));
        }
        return [.. found];
    }

    // The i-th UTF-16 code unit after the byte-order mark.
    private static int Unit(ReadOnlySpan<byte> bytes, int i, bool bigEndian)
        => bigEndian ? bytes[2 + 2 * i] << 8 | bytes[3 + 2 * i] : bytes[3 + 2 * i] << 8 | bytes[2 + 2 * i];
}

/// <summary>A line of a text file that is not UTF-8 (or not UTF-16): its 1-based line and column, and what is wrong there.</summary>
internal readonly record struct InvalidText(int Line, int Column, string Problem)
{
    /// <summary>A line that is not UTF-8.</summary>
    public static InvalidText Of(InvalidUtf8 bad)
        => new(bad.Line, bad.Column, string.Create(CultureInfo.InvariantCulture, $"this line is not valid UTF-8 (byte 0x{bad.Byte:X2} at column {bad.Column})"));

    /// <summary>The error (PG0020), telling how to mend <paramref name="what"/> (the profile, the file).</summary>
    public Diagnostic ToDiagnostic(string file, string what)
        => Diagnostic.Error(DiagnosticCodes.InvalidUtf8, file, Line, Column, $"{Problem}; save the {what} as UTF-8");
}
