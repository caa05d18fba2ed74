using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace PortfolioGen.Profiles;

/// <summary>
/// A UTF-8 profile's lines, trimmed, with their indents, read straight from the file's bytes on all cores: what the
/// parser's line split makes of the decoded text, without the text. A build reads a 17 MB profile of 10,000 papers
/// once, and making its 34 MB of characters first (in one string, on one core, in fresh memory) took more time than
/// splitting it; here the file is cut into pieces, each split by a thread into a buffer it keeps, and each line is
/// decoded on its own. Lines end at LF, CRLF or CR, bytes that are never part of another character in UTF-8, so a line
/// decodes to what the same stretch of the whole text decodes to (a byte that is not UTF-8, or a character cut short,
/// becomes U+FFFD either way, and is reported: see <see cref="Utf8Split.Invalid"/>).
/// </summary>
/// <remarks>
/// Only for a file whose length is known and whose bytes can be read at any offset (see <see cref="CanRead"/>): a pipe
/// or a file of <c>/proc</c>, which says it is empty, is read to its end and split as text instead.
/// </remarks>
internal static class Utf8Lines
{
    /// <summary>How many bytes a piece of the file is (a thread reads and splits one piece at a time).</summary>
    public const int PieceBytes = 1 << 20;

    /// <summary>
    /// Whether <paramref name="file"/> can be read this way: a file with bytes, of a known length, read at any offset.
    /// </summary>
    public static bool CanRead(SafeFileHandle file)
    {
        try
        {
            // A pipe says it is empty too: its bytes come once, in order.
            return RandomAccess.GetLength(file) > 0;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The lines of <paramref name="file"/> from byte <paramref name="from"/> (past a byte-order mark) to its end:
    /// each trimmed at both ends of white space (<see cref="char.IsWhiteSpace(char)"/>), and how many characters its
    /// start lost. A file that ends with a line end has an empty last line, and an empty file one empty line.
    /// </summary>
    /// <exception cref="IOException">The file could not be read, is longer than an array can hold, or got shorter while it
    /// was read (when several pieces find it so, one of them is reported).</exception>
    public static Utf8Split Read(SafeFileHandle file, long from, int pieceBytes = PieceBytes)
        => Read(file, from, RandomAccess.GetLength(file), pieceBytes);

    /// <summary><see cref="Read(SafeFileHandle, long, int)"/> of a file taken to be <paramref name="length"/> bytes long.</summary>
    internal static Utf8Split Read(SafeFileHandle file, long from, long length, int pieceBytes)
    {
        // As File.ReadAllBytes: no profile of that size is read, in one array or in lines.
        if (length > Array.MaxLength) throw new IOException($"the file is {length:N0} bytes, more than can be read ({Array.MaxLength:N0})");
        from = Math.Min(from, length);
        var pieces = (int)Math.Max(1, (length - from + pieceBytes - 1) / pieceBytes);
        var lines = new List<string>[pieces];
        var indents = new List<int>[pieces];
        // Per piece, the lines (indexes in the piece) that are not UTF-8: none in a sound file, so no list is made.
        var invalid = new List<InvalidUtf8>?[pieces];
        void Split(int k, Buffers buffers)
        {
            lines[k] = [];
            indents[k] = [];
            buffers.Split(file, length, from, from + (length - from) * k / pieces, k == pieces - 1 ? length : from + (length - from) * (k + 1) / pieces, lines[k], indents[k], ref invalid[k]);
        }
        // A buffer as large as a piece (a small profile's whole file), and the byte before it.
        var size = (int)Math.Min(pieceBytes, length - from) + 1;
        if (pieces == 1) Split(0, new Buffers(size));
        else
        {
            try
            {
                Parallel.For(0, pieces, () => new Buffers(size), (k, _, buffers) =>
                {
                    Split(k, buffers);
                    return buffers;
                }, _ => { });
            }
            catch (AggregateException e) when (e.InnerExceptions.OfType<IOException>().FirstOrDefault() is { } io)
            {
                // Several pieces may find the file shorter; one message is enough, and it is an IOException as with one piece.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(io);
            }
        }
        var count = 0;
        foreach (var l in lines) count += l.Count;
        var allLines = new string[count];
        var allIndents = new int[count];
        var at = 0;
        List<InvalidUtf8>? allInvalid = null;
        for (var k = 0; k < pieces; k++)
        {
            lines[k].CopyTo(allLines, at);
            indents[k].CopyTo(allIndents, at);
            // A piece counted its lines from 0; the file's count from 1 (as messages do).
            if (invalid[k] is { } bad) (allInvalid ??= []).AddRange(bad.Select(x => x with { Line = x.Line + at + 1 }));
            at += lines[k].Count;
        }
        return new Utf8Split(allLines, allIndents, allInvalid is null ? [] : [.. allInvalid]);
    }

    /// <summary>
    /// Where a line is not UTF-8: the 1-based column its first bad byte stands at (the characters before it on the line,
    /// plus one) and that byte; null when the whole line is UTF-8. Decodes into <paramref name="chars"/> (at least as
    /// long as the line), as <see cref="Encoding.UTF8"/> would, U+FFFD for what is not UTF-8, and gives how many characters.
    /// </summary>
    internal static (int Column, byte Byte)? Decode(ReadOnlySpan<byte> line, Span<char> chars, out int count)
    {
        // The same vectorised transcoding as Encoding.UTF8.GetChars, which stops at a bad byte rather than replacing it.
        if (Utf8.ToUtf16(line, chars, out var read, out count, replaceInvalidSequences: false) == OperationStatus.Done) return null;
        var bad = (count + 1, line[read]);
        count = Encoding.UTF8.GetChars(line, chars);
        return bad;
    }

    /// <summary>
    /// The lines of a UTF-8 text's bytes that are not UTF-8 (see <see cref="Decode"/>), as <see cref="Utf8Split.Invalid"/>
    /// gives them: lines end at LF, CRLF or CR, and a byte-order mark at the start takes no column. Empty, quickly, for a
    /// text that is UTF-8 throughout.
    /// </summary>
    internal static InvalidUtf8[] FindInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return [];
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var found = new List<InvalidUtf8>();
        var chars = ArrayPool<char>.Shared.Rent(1024);
        try
        {
            for (var line = 1; ; line++)
            {
                var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
                var text = end < 0 ? bytes : bytes[..end];
                if (!Utf8.IsValid(text))
                {
                    if (chars.Length < text.Length)
                    {
                        ArrayPool<char>.Shared.Return(chars);
                        chars = ArrayPool<char>.Shared.Rent(text.Length);
                    }
                    if (Decode(text, chars, out _) is { } bad) found.Add(new InvalidUtf8(line, bad.Column, bad.Byte));
                }
                if (end < 0) break;
                bytes = bytes[(end + (bytes[end] == '\r' && end + 1 < bytes.Length && bytes[end + 1] == '\n' ? 2 : 1))..];
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
        return [.. found];
    }

    // One thread's buffers, reused for each piece it splits: the bytes read (from _start), and the characters of a line.
    private sealed class Buffers(int size)
    {
        private byte[] _bytes = new byte[size];
        private char[] _chars = new char[1024];
        private long _start;
        private int _count;

        // The lines that start in [start, end) (and at the file's end, for the last piece: the empty line after a last
        // line end). The line that runs into the piece from before belongs to the piece before, which reads it to its
        // end; so a line longer than a piece is read once, by the piece it starts in.
        public void Split(SafeFileHandle file, long length, long first, long start, long end, List<string> lines, List<int> indents, ref List<InvalidUtf8>? invalid)
        {
            // The byte before the piece tells whether a line starts at its first byte.
            _start = start > first ? start - 1 : start;
            _count = 0;
            Fill(file, length, end);
            long p;
            if (start == first) p = start;
            else
            {
                var before = At(start - 1);
                if (before == '\n') p = start;
                else if (before == '\r') p = start < length && At(file, length, start) == '\n' ? start + 1 : start;
                else
                {
                    // The line that runs in from before ends in this piece, or no line starts in it.
                    var offset = (int)(start - _start);
                    var found = _bytes.AsSpan(offset, (int)(end - start)).IndexOfAny((byte)'\r', (byte)'\n');
                    if (found < 0) return;
                    p = AfterLineEnd(file, length, start + found);
                }
            }
            var last = end == length;
            while (p < end || (last && p == length))
            {
                var lineEnd = FindLineEnd(file, length, p);
                Add(p, lineEnd, lines, indents, ref invalid);
                if (lineEnd == length) break;
                p = AfterLineEnd(file, length, lineEnd);
            }
        }

        private long AfterLineEnd(SafeFileHandle file, long length, long lineEnd)
            => lineEnd + (At(lineEnd) == '\r' && lineEnd + 1 < length && At(file, length, lineEnd + 1) == '\n' ? 2 : 1);

        // The first CR or LF at or after p, else the file's length; reads on as far as it takes.
        private long FindLineEnd(SafeFileHandle file, long length, long p)
        {
            while (true)
            {
                var offset = (int)(p - _start);
                var found = _bytes.AsSpan(offset, _count - offset).IndexOfAny((byte)'\r', (byte)'\n');
                if (found >= 0) return p + found;
                p = _start + _count;
                if (p >= length) return length;
                Fill(file, length, Math.Min(length, p + Math.Max(1 << 16, _count)));
            }
        }

        private byte At(long position) => _bytes[position - _start];

        private byte At(SafeFileHandle file, long length, long position)
        {
            if (position >= _start + _count) Fill(file, length, Math.Min(length, position + (1 << 16)));
            return At(position);
        }

        // Reads on until the buffer holds [_start, to).
        private void Fill(SafeFileHandle file, long length, long to)
        {
            var wanted = (int)(to - _start);
            if (wanted > _bytes.Length) Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max(wanted, 2L * _bytes.Length)));
            while (_count < wanted)
            {
                var read = RandomAccess.Read(file, _bytes.AsSpan(_count, wanted - _count), _start + _count);
                if (read == 0) throw new IOException($"the file got shorter while it was read ({length:N0} bytes before)");
                _count += read;
            }
        }

        private void Add(long from, long to, List<string> lines, List<int> indents, ref List<InvalidUtf8>? invalid)
        {
            var bytes = _bytes.AsSpan((int)(from - _start), (int)(to - from));
            // A UTF-8 line has at most as many characters as bytes.
            if (bytes.Length > _chars.Length) _chars = new char[(int)Math.Max(bytes.Length, Math.Min(Array.MaxLength, 2L * _chars.Length))];
            if (Decode(bytes, _chars, out var count) is { } bad) (invalid ??= []).Add(new InvalidUtf8(lines.Count, bad.Column, bad.Byte));
            var line = _chars.AsSpan(0, count);
            var trimmed = line.TrimStart();
            indents.Add(line.Length - trimmed.Length);
            trimmed = trimmed.TrimEnd();
            lines.Add(trimmed.Length == 0 ? "" : trimmed.ToString());
        }
    }
}

/// <summary>A line of a profile that is not UTF-8: its 1-based line and column, and the first byte that is not.</summary>
internal readonly record struct InvalidUtf8(int Line, int Column, byte Byte);

/// <summary>What <see cref="Utf8Lines.Read(SafeFileHandle, long, int)"/> gives: the lines, trimmed, with their indents,
/// and the lines that are not UTF-8 (read as <see cref="Encoding.UTF8"/> would, with U+FFFD).</summary>
internal readonly record struct Utf8Split(string[] Lines, int[] Indent, InvalidUtf8[] Invalid)
{
    /// <summary>The lines and their indents.</summary>
    public void Deconstruct(out string[] lines, out int[] indent) => (lines, indent) = (Lines, Indent);
}
