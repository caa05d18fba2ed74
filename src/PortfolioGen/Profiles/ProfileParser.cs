using AnyAscii;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PortfolioGen.Text;

namespace PortfolioGen.Profiles;

/// <summary>Options for reading a profile.</summary>
public sealed record ProfileParseOptions
{
    /// <summary>Other spellings of the owner's name ("A. Lv"), so that she is never counted as her own co-author.</summary>
    public IReadOnlyList<string> OwnerAliases { get; init; } = [];

    /// <summary>Renders <c>$…$</c> math in titles and abstracts; MathML by default.</summary>
    public IMathRenderer Math { get; init; } = MathMLRenderer.Instance;

    /// <summary>
    /// Entries read by the previous parse of the same file (in <c>serve</c>): an entry whose lines did not change is
    /// not read again. Null (the default) reads every entry.
    /// </summary>
    public ProfileParseCache? Cache { get; init; }

    /// <summary>The defaults.</summary>
    public static ProfileParseOptions Default { get; } = new();
}

/// <summary>
/// A profile's text as a session reads it: a whole string, or the text read before it with a stretch between a common
/// start and a common end replaced (<see cref="ProfileParseCache.Splice"/>). A 17 MB profile is 34 MB of characters, and
/// making them again for each edit took ~20-30 ms (fresh memory to fill); the line split needs only the changed
/// stretch, so the whole string is made when something asks for it (<see cref="Whole"/>), or when the session is idle
/// (<see cref="ProfileParseCache.Settle"/>).
/// </summary>
internal sealed class ProfileText
{
    private string? _whole;

    private ProfileText(string? whole, string? before, int head, string middle, int tail)
    {
        (_whole, Before, Head, Middle, Tail) = (whole, before, head, middle, tail);
        Length = whole?.Length ?? head + middle.Length + tail;
    }

    /// <summary>A whole text.</summary>
    public static ProfileText Of(string text) => new(text, null, 0, "", 0);

    /// <summary>This text, knowing which of the lines it was decoded from are not UTF-8 or UTF-16 (see <see cref="Invalid"/>).</summary>
    public ProfileText WithInvalid(InvalidText[] invalid)
    {
        if (invalid.Length == 0 && Invalid.Length == 0) return this;
        return new ProfileText(_whole, Before, Head, Middle, Tail) { Invalid = invalid };
    }

    /// <summary><c>before[..head] + middle + before[^tail..]</c>.</summary>
    public static ProfileText Spliced(string before, int head, string middle, int tail) => new(null, before, head, middle, tail);

    /// <summary>How many characters the text has.</summary>
    public int Length { get; }

    /// <summary>For a spliced text: the text it was spliced from, and how many characters it keeps of its start and end.</summary>
    public string? Before { get; }

    /// <inheritdoc cref="Before"/>
    public int Head { get; }

    /// <summary>For a spliced text: what stands between the kept start and end.</summary>
    public string Middle { get; }

    /// <inheritdoc cref="Before"/>
    public int Tail { get; }

    /// <summary>Whether the whole string is made.</summary>
    public bool IsWhole => _whole is not null;

    /// <summary>The lines of the bytes this text was decoded from that are not UTF-8 or UTF-16 (U+FFFD in the text); none
    /// for a text given as a string.</summary>
    public InvalidText[] Invalid { get; init; } = [];

    /// <summary>The whole text (made once, on first use).</summary>
    public string Whole => _whole ??= string.Concat(Before.AsSpan(0, Head), Middle, Before.AsSpan(Before!.Length - Tail));

    /// <summary>The first character, or none.</summary>
    public char First => Length == 0 ? '\0' : _whole is { } w ? w[0] : Head > 0 ? Before![0] : Middle.Length > 0 ? Middle[0] : Before![^Tail];

    /// <summary>The characters <c>[from, to)</c>: of the whole text or of the one piece they lie in, else copied from the pieces.</summary>
    public ReadOnlySpan<char> Slice(int from, int to)
    {
        if (_whole is { } w) return w.AsSpan(from, to - from);
        // The pieces in this text's positions: [0, Head) of Before, [Head, Head + Middle) of Middle, then Before's end.
        var middleEnd = Head + Middle.Length;
        if (from >= Head && to <= middleEnd) return Middle.AsSpan(from - Head, to - from);
        var chars = new char[to - from];
        var at = 0;
        if (from < Head)
        {
            var n = Math.Min(to, Head) - from;
            Before.AsSpan(from, n).CopyTo(chars);
            at += n;
        }
        if (to > Head && from < middleEnd)
        {
            var start = Math.Max(from, Head);
            var n = Math.Min(to, middleEnd) - start;
            Middle.AsSpan(start - Head, n).CopyTo(chars.AsSpan(at));
            at += n;
        }
        if (to > middleEnd)
        {
            var start = Math.Max(from, middleEnd);
            var shift = Before!.Length - Length;
            Before.AsSpan(start + shift, to - start).CopyTo(chars.AsSpan(at));
        }
        return chars;
    }
}

/// <summary>
/// What a parse read of each entry, by the content of its lines, for the next parse of the same file: a rebuild
/// in <c>serve</c> after one paper was edited reads one entry, not 10,000. An entry is the same when its lines
/// (and their indents, which columns in messages count) are; one that moved keeps what it was read to, with its
/// lines and its messages moved along. Only the last parse's entries are kept.
/// </summary>
public sealed class ProfileParseCache
{
    internal sealed record Entry(object? Draft, int HeaderLine, ImmutableArray<Diagnostic> Diagnostics);

    private readonly Lock _gate = new();

    // The entries of the last read in file order (as EntryLines has their headers and keys), and the same by key, made
    // when first asked for (or while serve is idle, see Settle): most entries of a read are found at their place in the
    // last one, and only an entry whose lines changed or moved is looked up by its key.
    private Entry?[] _last = [];
    private Dictionary<UInt128, Entry>? _byKey;

    // The entries of the read under way, by index.
    internal Entry?[] Next { get; private set; } = [];
    // What entries were read with: an entry's lines read to the same entry only with the same file name (in its
    // messages), math renderer and owner (whose author list a title line may be, see ProfileParser).
    private (string File, IMathRenderer Math, string Owner)? _source;

    /// <summary>Entries the last parse took from this cache.</summary>
    public int Reused => _reused;

    internal int _reused;

    internal void Begin(string file, IMathRenderer math, string owner, int entries)
    {
        lock (_gate)
        {
            if (_source != (file, math, owner))
            {
                (_last, _byKey) = ([], null);
                Model = null;
                EntryLines = null;
            }
            _source = (file, math, owner);
            Next = new Entry?[entries];
            _reused = 0;
        }
    }

    internal void End(int[] headers, int lines, UInt128[] keys)
    {
        lock (_gate)
        {
            (_last, _byKey) = (Next, null);
            EntryLines = (headers, lines, keys);
            Next = [];
        }
    }

    /// <summary>The last read's entry at an index of <see cref="EntryLines"/>.</summary>
    internal Entry? LastAt(int index) => _last[index];

    /// <summary>The last read's entry with this key (the content of its lines), wherever it was.</summary>
    internal bool TryGetLast(UInt128 key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Entry? entry)
    {
        var byKey = _byKey;
        if (byKey is null)
        {
            lock (_gate) byKey = _byKey ??= LastByKey();
        }
        return byKey.TryGetValue(key, out entry);
    }

    private Dictionary<UInt128, Entry> LastByKey()
    {
        var byKey = new Dictionary<UInt128, Entry>(_last.Length);
        if (EntryLines is not { } lines || lines.Keys.Length != _last.Length) return byKey;
        for (var i = 0; i < _last.Length; i++)
        {
            if (_last[i] is { } entry) byKey[lines.Keys[i]] = entry;
        }
        return byKey;
    }

    /// <summary>
    /// The last text read and its lines (trimmed), their indents, where each starts in the text and what the header
    /// scan found each to be (0 not yet looked at, 1 no header, 2 a header, 3 shaped like one but not one; plus 4 when the
    /// line has a control character, see ControlCharacters in ProfileParser). The next
    /// read splits only what lies between the part both texts begin with and the part they end with.
    /// </summary>
    internal sealed record LineSplit(string File, ProfileText Text, string[] Lines, int[] Indent, int[] Starts, byte[] Kinds);

    internal LineSplit? Lines { get; set; }

    /// <summary>
    /// The last read's entries by line: where each began and ended (line indexes) and its key. An entry of the next read
    /// whose lines all come from the last read's (see <see cref="Lines"/>) and that began and ended at those lines there
    /// is that entry (<see cref="LastAt"/>), with that key: its lines are not hashed again, nor looked up by key.
    /// </summary>
    internal (int[] Headers, int Lines, UInt128[] Keys)? EntryLines { get; set; }

    // The bytes of the last file read (in a buffer that may be longer) and the buffer before it, reused for the next read.
    private (string Path, byte[] Buffer, int Length, ProfileText Text)? _read;
    private byte[]? _spare;

    /// <summary>
    /// Reads a profile file as text, as <c>Encoding.UTF8.GetString</c> of its bytes would give it. The bytes go into a
    /// buffer kept from the read before last (a 17 MB profile is not allocated again at every edit), and only the part
    /// that differs from the last read's bytes is decoded: the text the two share at their start and at their end, cut
    /// at line ends, is kept from the last text (see <see cref="ProfileText"/>). UTF-16 files (a BOM says so) are read whole. Not thread-safe: one
    /// read at a time, as a session builds.
    /// </summary>
    /// <remarks>The text comes as a <see cref="ProfileText"/>: the text read before it, with the stretch that changed
    /// spliced in; the same object when nothing changed.</remarks>
    internal ProfileText Read(string path)
    {
        byte[] buffer;
        int length;
        using (var handle = File.OpenHandle(path))
        {
            var size = RandomAccess.GetLength(handle);
            if (size > Array.MaxLength) throw new IOException($"the file is too large ({size:N0} bytes)");
            // With room to grow: an edit usually lengthens the file a little, and a buffer of exactly the last size would
            // be too short for every read after it. A new 17 MB array is fresh memory, ~4,000 pages the kernel must fault
            // in (~60 ms where a virtual machine's pages are handed back to its host while free).
            buffer = _spare is { } spare && spare.Length >= size ? spare : new byte[Math.Min(Array.MaxLength, size + size / 16 + 4096)];
            length = 0;
            while (length < size)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(length, (int)size - length), length);
                if (n == 0) break;
                length += n;
            }
        }
        var bytes = buffer.AsSpan(0, length);
        // A UTF-16 file is decoded whole, and checked whole (an unpaired surrogate, an odd last byte).
        if (UnicodeText.IsUtf16(bytes)) return ProfileText.Of(UnicodeText.Decode(bytes)).WithInvalid(UnicodeText.FindInvalid(bytes));
        var text = _read is { } last && last.Path == path ? Splice(last.Buffer.AsMemory(0, last.Length), last.Text, buffer.AsMemory(0, length))
            : ProfileText.Of(Encoding.UTF8.GetString(bytes));
        // The same bytes give the very text before, which knows its bad lines; other bytes are checked whole (a
        // vectorised pass, well under a millisecond for 17 MB): a bad byte in the part kept from the last read still is one.
        if (!(_read is { } same && ReferenceEquals(same.Text, text))) text = text.WithInvalid(UnicodeText.FindInvalid(bytes));
        _spare = _read?.Buffer;
        _read = (path, buffer, length, text);
        return text;
    }

    /// <summary>
    /// The decoding of <paramref name="now"/>, given an earlier text and the bytes it was decoded from: the common start
    /// and end are cut just after a line feed (a whole character in UTF-8, after which a decoder starts afresh, so that
    /// each part decodes as it does within the whole), their characters kept from the earlier text, and only the
    /// middle decoded.
    /// </summary>
    internal static ProfileText Splice(ReadOnlyMemory<byte> before, ProfileText beforeText, ReadOnlyMemory<byte> now)
    {
        var old = before.Span;
        var bytes = now.Span;
        var prefix = bytes.CommonPrefixLength(old);
        if (prefix == bytes.Length && prefix == old.Length) return beforeText;
        prefix = bytes[..prefix].LastIndexOf((byte)'\n') + 1;
        var most = Math.Min(bytes.Length, old.Length) - prefix;
        // Compared a block at a time from the end (the span methods compare with vector instructions), then a byte at a time.
        var suffix = 0;
        const int Block = 4096;
        while (suffix + Block <= most && bytes.Slice(bytes.Length - suffix - Block, Block).SequenceEqual(old.Slice(old.Length - suffix - Block, Block))) suffix += Block;
        while (suffix < most && bytes[^(suffix + 1)] == old[^(suffix + 1)]) suffix++;
        // The common end, from just after its first line feed.
        var feed = bytes[^suffix..].IndexOf((byte)'\n');
        suffix = feed < 0 ? 0 : suffix - feed - 1;
        var head = Encoding.UTF8.GetCharCount(old[..prefix]);
        var tail = Encoding.UTF8.GetCharCount(old[^suffix..]);
        // Spliced from the text before, made whole if it was itself spliced (a session settles its text when idle).
        return ProfileText.Spliced(beforeText.Whole, head, Encoding.UTF8.GetString(bytes[prefix..^suffix]), tail);
    }

    /// <summary>
    /// Makes the last text read whole (see <see cref="ProfileText"/>), so that the next read splices into it rather
    /// than making it first: <c>serve</c> calls this once a rebuild is written, while it waits for the next change.
    /// </summary>
    public void Settle()
    {
        _ = _read?.Text.Whole;
        Model?.Index();
        lock (_gate) _byKey ??= LastByKey();
    }

    /// <summary>
    /// The last read's entries (in file order), papers and co-authors, with the owner's keys: when the next read's
    /// entries have the same dates and authors (most are the very same objects), the co-authors are the same people and
    /// are not worked out again for 10,000 papers, nor are the slugs unless a title asks for another.
    /// </summary>
    internal IModelMemo? Model { get; set; }

    /// <summary>What a parse made of its entries, for the next (the parser's own type).</summary>
    internal interface IModelMemo
    {
        /// <summary>Makes what the next read may need, while serve waits for an edit.</summary>
        void Index();
    }

    /// <summary>Lines the last read took from the one before (not split again).</summary>
    public int LinesReused { get; internal set; }

    /// <summary>Reads whose slugs and co-authors followed one retitled entry from the read before, without claiming
    /// every slug again (tests read it).</summary>
    internal int Retitled { get; set; }

    /// <summary>Reads whose checks looked again only at the entry an edit changed (tests read it).</summary>
    internal int ChecksKept { get; set; }

    /// <summary>The last parse: its text (compared by reference: <see cref="Read"/> gives the same object for the same bytes), file name, options and result.</summary>
    internal (ProfileText Text, string File, ProfileParseOptions Options, ProfileParseResult Result)? Last { get; set; }
}

/// <summary>What reading a profile gave: the model (null only when nothing usable was found) and every diagnostic.</summary>
public sealed record ProfileParseResult(Profile? Profile, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// Reads the plain-text profile format (README, "The profile format"). Tolerant of what real files
/// carry — a BOM, CRLF or CR line ends, trailing spaces, runs of blank lines, no final newline — and
/// strict about what matters: every problem is reported with its line and column, all of them, not
/// just the first.
/// </summary>
public static partial class ProfileParser
{
    /// <summary>Reads a profile file. A missing or unreadable file is an error diagnostic, not an exception.</summary>
    public static ProfileParseResult ParseFile(string path, ProfileParseOptions? options = null, string? displayPath = null)
    {
        var shown = displayPath ?? path;
        ProfileText text = null!;
        Utf8Split? split = null;
        try
        {
            // A session keeps the text to compare the next read with (see ProfileParseCache.Read). A build reads the
            // profile once: its lines straight from the bytes on all cores (see Utf8Lines), with no text made first.
            if (options?.Cache is { } cache) text = cache.Read(path);
            else
            {
                using var file = File.OpenHandle(path);
                Span<byte> start = stackalloc byte[3];
                if (Utf8Lines.CanRead(file) && RandomAccess.Read(file, start, 0) is var n && !UnicodeText.IsUtf16(start[..n]))
                {
                    split = Utf8Lines.Read(file, start[..n] is [0xEF, 0xBB, 0xBF] ? 3 : 0);
                }
                else
                {
                    // A pipe, a file that says it is empty (as /proc's do), UTF-16: read to the end and decoded.
                    using var stream = new FileStream(file, FileAccess.Read, bufferSize: 1);
                    var all = new MemoryStream();
                    stream.CopyTo(all);
                    text = Text(all.GetBuffer().AsSpan(0, (int)all.Length));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "the profile file does not exist" : "the profile file cannot be read: " + e.Message;
            return new ProfileParseResult(null, [Diagnostic.Error(DiagnosticCodes.FileNotReadable, shown, 0, 0, why)]);
        }
        options ??= ProfileParseOptions.Default;
        if (split is { } lines) return new Reader(ProfileText.Of(""), shown, options, lines).Read();
        // The very text the last parse read (serve reads it for the pages it renders ahead, then for the rebuild):
        // the same result, not a second pass over 10,000 entries to the same end.
        if (options.Cache?.Last is { } last && ReferenceEquals(last.Text, text) && last.File == shown && ReferenceEquals(last.Options.Math, options.Math)
            && last.Options.OwnerAliases.SequenceEqual(options.OwnerAliases, StringComparer.Ordinal))
        {
            return last.Result;
        }
        var result = new Reader(text, shown, options).Read();
        if (options.Cache is { } c) c.Last = (text, shown, options, result);
        return result;
    }

    /// <summary>Reads a profile from its bytes (as <see cref="ParseFile"/> reads a pipe); <paramref name="file"/> is the name diagnostics give.</summary>
    internal static ProfileParseResult ParseBytes(ReadOnlySpan<byte> bytes, string file, ProfileParseOptions? options = null)
        => new Reader(Text(bytes), file, options ?? ProfileParseOptions.Default).Read();

    // A profile's bytes as text: UTF-16 as its byte-order mark says, else UTF-8 (a UTF-8 BOM is kept, and SplitLines
    // skips it), knowing which of its lines are neither.
    private static ProfileText Text(ReadOnlySpan<byte> bytes)
        => ProfileText.Of(UnicodeText.Decode(bytes)).WithInvalid(UnicodeText.FindInvalid(bytes));

    /// <summary>Reads profile text; <paramref name="file"/> is the name diagnostics give.</summary>
    public static ProfileParseResult Parse(string text, string file, ProfileParseOptions? options = null)
        => new Reader(ProfileText.Of(text), file, options ?? ProfileParseOptions.Default).Read();

    // CODE + "Mon D, YYYY" + optional "Code". The code is a bare arXiv subject (two capitals: CL) or a full one: an
    // archive and a subject class in capitals (cs.CL, astro-ph.CO) or in lower case (physics.optics,
    // cond-mat.stat-mech), or an archive without subject classes (quant-ph, hep-th); a space before the month is
    // tolerated. A lower-case code ends where the month's capital starts.
    [GeneratedRegex(@"^(?<cat>(?:[a-z]+(?:-[a-z]+)?\.)?[A-Z]{2}|" + Archive + @"\.[a-z]+(?:-[a-z]+)?|" + BareArchive + @")\s?(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?<day>\d{1,2}),\s*(?<year>\d{4})\s*(?<code>Code)?$", RegexOptions.CultureInvariant)]
    private static partial Regex EntryHeader();

    // arXiv's archives, the only words a lower-case category starts with (physics.optics, cond-mat.stat-mech): any other
    // lower-case word before a date is prose (an abstract's line may wrap as "on June 5, 2023" or "well-known Mar 5, 2023").
    private const string Archive = "(?:astro-ph|cond-mat|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|nlin|nucl-ex|nucl-th|physics|quant-ph|math|cs|q-bio|q-fin|stat|eess|econ)";

    // The archives that are categories on their own, without a subject class (and the old astro-ph and cond-mat, which
    // are reported as unknown).
    private const string BareArchive = "(?:astro-ph|cond-mat|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|nucl-ex|nucl-th|quant-ph)";

    // Something shaped like an entry header that EntryHeader refuses (a misspelt month, a three-letter code, a day
    // without a comma, a mistyped day or year such as 2x or 20x5): reported rather than read as abstract text, where
    // the paper it was meant to start would silently become part of the one before.
    [GeneratedRegex(@"^(?:(?:[a-z\-]+\.)?[A-Z0-9]{1,5}|" + Archive + @"(?:\.[a-z\-]+)?)\s?[A-Z][a-z]{1,8}\.?(?:\s+\d[\dxXoO]?(?:,\s*|\s+)|\s*\d[\dxXoO]?,\s*)\d\w{1,8}\s*(?:Code)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeEntryHeader();

    // A line that begins as an entry header does but is not one, where LooksLikeEntryHeader does not see one: one or more
    // categories (as a header writes them, or in lower case; a list, comma separated), then nothing, or a date written
    // another way (a month's name and a digit: "Jun 129, 2023", "Jun 29, 2023 Code available"; numbers: "2023-06-29",
    // " 06/29/2023", all three, so that a version such as "CV 2.0" is not one; a day and a month: "29 Jun 2023"). Whether the categories are known, and (see MistypedHeader) what follows the line, tell it from prose.
    [GeneratedRegex(@"^(?<cat>" + LooseCategory + @")(?:\s*[,;/]\s*(?<cat>" + LooseCategory + @"))*(?<date>\s*(?:(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}\s*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)).*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex MistypedEntryHeader();

    private const string LooseCategory = @"(?:[a-z]+(?:-[a-z]+)?\.)?(?:[A-Z]{2}|[a-z]{2})|" + Archive + @"\.[a-z]+(?:-[a-z]+)?|" + BareArchive;

    // A header whose category was left out: a date alone on its line. Read as text, the paper it was meant to start would
    // vanish into the abstract before it (or, before the first entry, into ignored header lines).
    [GeneratedRegex(@"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d[\dxXoO]?,\s*\d[\dxXoO]{3}\s*(?:Code)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateWithoutCategory();

    [GeneratedRegex(@"^h-?index\s*:?\s*(?<n>[\d,]+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HIndexFigure();

    [GeneratedRegex(@"^(?<n>[\d,]+)papers?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PapersFigure();

    [GeneratedRegex(@"^(?<n>[\d,]+)\s*citations?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CitationsFigure();

    [GeneratedRegex(@"^novelty\s*:?\s*(?<n>[\d,]+)\s*%$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NoveltyFigure();

    [GeneratedRegex(@"^ai\s*score\s*:?\s*(?<n>[\d,]+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AiScoreFigure();

    [GeneratedRegex(@"^(?<n>\d[\d,]*)\s+papers?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DeclaredCount();

    // A category alone on its line, in any of the forms an entry header takes (see EntryHeader).
    [GeneratedRegex(@"^(?:(?:[a-z]+(?:-[a-z]+)?\.)?[A-Z]{2}|" + Archive + @"\.[a-z]+(?:-[a-z]+)?|" + BareArchive + @")$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryLine();

    [GeneratedRegex(@"(?:^|[\s,])et\.?\s+al\.?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EtAl();

    // A sentence that ends and another that starts: a lower-case word, its full stop (or ? or !) and any closing quote or
    // bracket, white space, then a capital or a digit.
    [GeneratedRegex(@"(?<![\p{L}\p{M}'’-])\p{Ll}[\p{Ll}\p{M}]+[.?!]['""’”)\]]*\s+[\p{Lu}\p{Nd}]", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    // A command's name; a row break (\\) first, so that the letter after it is not taken for one.
    [GeneratedRegex(@"\\\\|\\[A-Za-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex TexCommand();

    // What no text holds (UnicodeText.NotText), and CR and LF, which end lines: a profile's line has neither.
    private static readonly System.Buffers.SearchValues<char> ControlCharacters = System.Buffers.SearchValues.Create(PortfolioGen.Text.UnicodeText.NotText + "\n\r");

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    // The lines come from text (split by SplitLines), or already split (Utf8Lines; then text is empty and no cache is used).
    private sealed class Reader(ProfileText text, string file, ProfileParseOptions options, Utf8Split? split = null)
    {
        private readonly List<Diagnostic> _diagnostics = [];
        private ImmutableHashSet<string> _ownerKeys = [];
        private string[] _lines = [];
        private int[] _indent = [];

        // The diagnostics of the entry this thread is reading, when they are kept for the parse cache.
        [ThreadStatic]
        private static List<Diagnostic>? _entryDiagnostics;

        // Entries are read in parallel; diagnostics are sorted at the end, so only adding needs a lock.
        private void Error(string code, int line, int column, string message) => Add(Diagnostic.Error(code, file, line, column, message));

        private void Warning(string code, int line, int column, string message) => Add(Diagnostic.Warning(code, file, line, column, message));

        private void Add(Diagnostic diagnostic)
        {
            _entryDiagnostics?.Add(diagnostic);
            lock (_diagnostics) _diagnostics.Add(diagnostic);
        }

        // An entry as the parse cache has it (moved to where it is now), else read and remembered.
        private Draft? ReadEntryOrReuse(int k, int header, int end)
        {
            if (options.Cache is not { } cache) return ReadEntry(header, end);
            var at = LastReadIndex(cache, header, end);
            ProfileParseCache.Entry? known = null;
            if (at >= 0 && cache.LastAt(at) is { } there) (_keys[k], known) = (cache.EntryLines!.Value.Keys[at], there);
            else if (cache.TryGetLast(_keys[k] = EntryKey(header, end), out var elsewhere)) known = elsewhere;
            if (known is not null)
            {
                var delta = header + 1 - known.HeaderLine;
                var moved = delta == 0 ? known : new ProfileParseCache.Entry(
                    known.Draft is Draft d ? d with { Line = d.Line + delta, AuthorLine = d.AuthorLine + delta } : null,
                    header + 1, [.. known.Diagnostics.Select(x => x.Line > 0 ? x with { Line = x.Line + delta } : x)]);
                foreach (var x in moved.Diagnostics) Add(x);
                cache.Next[k] = moved;
                Interlocked.Increment(ref cache._reused);
                return (Draft?)moved.Draft;
            }
            _entryDiagnostics = [];
            try
            {
                var draft = ReadEntry(header, end);
                cache.Next[k] = new ProfileParseCache.Entry(draft, header + 1, [.. _entryDiagnostics]);
                return draft;
            }
            finally
            {
                _entryDiagnostics = null;
            }
        }

        // Where the last read had an entry on the same lines (see ProfileParseCache.EntryLines), whose key this entry
        // has; -1 when it had none.
        private int LastReadIndex(ProfileParseCache cache, int header, int end)
        {
            if (cache.EntryLines is not { } last) return -1;
            int shift;
            if (end <= _sameHead) shift = 0;
            else if (header >= _sameTail) shift = _tailShift;
            else return -1;
            var at = Array.BinarySearch(last.Headers, header - shift);
            if (at < 0) return -1;
            // The entry ended where it ends now: at the next header, or after the last line.
            var lastEnd = at + 1 < last.Headers.Length ? last.Headers[at + 1] : last.Lines;
            return lastEnd == end - shift ? at : -1;
        }

        // One hasher per thread, reset for each entry (a rebuild keys every entry of the profile).
        [ThreadStatic]
        private static System.IO.Hashing.XxHash128? t_entryHash;

        // The content of an entry's lines and their indents.
        private UInt128 EntryKey(int header, int end)
        {
            var hash = t_entryHash ??= new System.IO.Hashing.XxHash128();
            hash.Reset();
            Span<int> indent = stackalloc int[1];
            for (var i = header; i < end; i++)
            {
                indent[0] = _indent[i];
                hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(indent));
                hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_lines[i].AsSpan()));
                hash.Append("\n"u8);
            }
            return hash.GetCurrentHashAsUInt128();
        }

        // What the header scan found line i (an index) to be, without the control character flag.
        private int Kind(int i) => _kinds[i] & 3;

        private const int HasControl = 4;

        // _lines[i] is line i+1, trimmed at both ends; _indent[i] is how many characters the start lost; _starts[i] is
        // where it starts in the text; _kinds[i] what the header scan found (see ProfileParseCache.LineSplit).
        private int[] _starts = [];
        private byte[] _kinds = [];

        // Which lines SplitLines took from the last read: [0, _sameHead) at the same indexes, [_sameTail, end) from
        // _tailShift lines earlier there. None when it split the whole text.
        private int _sameHead;
        private int _sameTail = int.MaxValue;
        private int _tailShift;
        private UInt128[] _keys = [];

        // Lines end at CRLF, LF or CR; each is kept trimmed (one string, not a split then two trims), with its indent for
        // columns in messages. In serve, the lines the text shares with the last one read, at its start and at its end,
        // are taken from that read (a title edited in a 17 MB profile is one line of 70,000 to split, not all of them).
        private void SplitLines()
        {
            var lines = new List<string>();
            var indents = new List<int>();
            var starts = new List<int>();
            var bom = text.First == '\uFEFF' ? 1 : 0;
            if (options.Cache?.Lines is { } last && last.File == file && last.Text.Length > 0 && text.Length > 0)
            {
                var prev = last.Text;
                // What the two texts share at their start and end (a common start and end, if not the longest: the lines
                // that touch neither are split again). The same text; a text spliced from the last one (its kept start
                // and end, cut at line feeds); or two whole texts, compared.
                int prefix, suffix;
                if (ReferenceEquals(text, prev)) (prefix, suffix) = (text.Length, 0);
                else if (text.Before is { } spliced && prev.IsWhole && ReferenceEquals(spliced, prev.Whole)) (prefix, suffix) = (text.Head, text.Tail);
                else
                {
                    var (now, then) = (text.Whole, prev.Whole);
                    prefix = now.AsSpan().CommonPrefixLength(then);
                    suffix = CommonSuffixLength(now, then, Math.Min(now.Length, then.Length) - prefix);
                }
                var n = last.Starts.Length;
                // Lines whose next line starts before the first difference are the same (and end the same way).
                var before = LowerBound(last.Starts, prefix);      // starts < prefix
                var a = Math.Max(0, before - 1);
                // Lines that start after a line end lying in the common end are the same, shifted.
                var b = LowerBound(last.Starts, prev.Length - suffix + 1); // starts > prev.Length - suffix
                if (b < a + 1) b = Math.Min(n, a + 1);
                var delta = text.Length - prev.Length;
                var from = a == 0 ? bom : last.Starts[a];
                var to = b < n ? last.Starts[b] + delta : text.Length;
                lines.Capacity = n + 16;
                indents.Capacity = starts.Capacity = lines.Capacity;
                lines.AddRange(last.Lines.AsSpan(0, a));
                indents.AddRange(last.Indent.AsSpan(0, a));
                starts.AddRange(last.Starts.AsSpan(0, a));
                Split(from, to, final: b == n, lines, indents, starts);
                var middle = lines.Count - a;
                lines.AddRange(last.Lines.AsSpan(b));
                indents.AddRange(last.Indent.AsSpan(b));
                for (var j = b; j < n; j++) starts.Add(last.Starts[j] + delta);
                _kinds = new byte[lines.Count];
                last.Kinds.AsSpan(0, a).CopyTo(_kinds);
                last.Kinds.AsSpan(b).CopyTo(_kinds.AsSpan(a + middle));
                options.Cache.LinesReused = a + (n - b);
                _sameHead = a;
                _sameTail = a + middle;
                _tailShift = a + middle - b;
            }
            else
            {
                lines.Capacity = indents.Capacity = starts.Capacity = text.Length / 32 + 1;
                Split(bom, text.Length, final: true, lines, indents, starts);
                _kinds = new byte[lines.Count];
                if (options.Cache is { } cache) cache.LinesReused = 0;
            }
            _lines = [.. lines];
            _indent = [.. indents];
            _starts = [.. starts];
        }

        // Splits text[from..to) into lines. Unless it is the end of the text (final), the range ends just after a line
        // end, and the empty rest after it is not a line.
        private void Split(int from, int to, bool final, List<string> lines, List<int> indents, List<int> starts)
        {
            var body = text.Slice(from, to);
            var at = from;
            while (true)
            {
                if (!final && body.IsEmpty) break;
                var end = body.IndexOfAny('\r', '\n');
                var line = end < 0 ? body : body[..end];
                var trimmed = line.TrimStart();
                starts.Add(at);
                indents.Add(line.Length - trimmed.Length);
                trimmed = trimmed.TrimEnd();
                lines.Add(trimmed.Length == 0 ? "" : trimmed.ToString());
                if (end < 0) break;
                var next = end + (body[end] == '\r' && end + 1 < body.Length && body[end + 1] == '\n' ? 2 : 1);
                body = body[next..];
                at += next;
            }
        }

        // How many characters the two texts end with in common, at most max.
        private static int CommonSuffixLength(string x, string y, int max)
        {
            var n = 0;
            const int block = 4096;
            while (n < max)
            {
                var size = Math.Min(block, max - n);
                var xs = x.AsSpan(x.Length - n - size, size);
                var ys = y.AsSpan(y.Length - n - size, size);
                if (!xs.SequenceEqual(ys))
                {
                    var k = size - 1;
                    while (k >= 0 && xs[k] == ys[k]) k--;
                    return n + (size - 1 - k);
                }
                n += size;
            }
            return n;
        }

        // The number of values below limit in an ascending array.
        private static int LowerBound(int[] sorted, int limit)
        {
            var i = Array.BinarySearch(sorted, limit);
            if (i < 0) return ~i;
            while (i > 0 && sorted[i - 1] == limit) i--;
            return i;
        }

        public ProfileParseResult Read()
        {
            if (split is { } given)
            {
                (_lines, _indent) = given;
                _kinds = new byte[_lines.Length];
            }
            else SplitLines();
            // Bytes that are not UTF-8 (or UTF-16) read as U+FFFD: a title or a name quietly changed, unless it is said.
            foreach (var bad in split is { } s ? s.Invalid.Select(InvalidText.Of) : text.Invalid)
            {
                Add(bad.ToDiagnostic(file, "profile"));
            }
            var headers = new List<int>();
            for (var i = 0; i < _lines.Length; i++)
            {
                if (_kinds[i] == 0)
                {
                    _kinds[i] = (byte)((_lines[i].Length == 0 ? 1
                        : EntryHeader().IsMatch(_lines[i]) ? 2
                        : (LooksLikeEntryHeader().IsMatch(_lines[i]) || DateWithoutCategory().IsMatch(_lines[i])) && !IsFigure(_lines[i]) ? 3
                        : 1) | (_lines[i].AsSpan().IndexOfAny(ControlCharacters) >= 0 ? HasControl : 0));
                }
                if (Kind(i) == 2)
                {
                    headers.Add(i);
                }
                else if (Kind(i) == 3)
                {
                    MalformedHeader(i);
                }
                // A control character (a NUL, an escape, a bell pasted with a title) would go raw into the pages, and make
                // the feed's XML fail to be written without saying where it came from.
                if ((_kinds[i] & HasControl) != 0)
                {
                    var at = _lines[i].AsSpan().IndexOfAny(ControlCharacters);
                    var column = _indent[i] + at + 1;
                    Error(DiagnosticCodes.ControlCharacter, i + 1, column,
                        string.Create(CultureInfo.InvariantCulture, $"this line has a control character (U+{(int)_lines[i][at]:X4} at column {column}); delete it"));
                }
            }
            if (options.Cache is { } linesCache) linesCache.Lines = new ProfileParseCache.LineSplit(file, text, _lines, _indent, _starts, _kinds);

            var firstEntry = headers.Count > 0 ? headers[0] : _lines.Length;
            var (name, primary, figures, declared) = ReadHeaderBlock(firstEntry);
            // Entries are read knowing the owner, to tell her author list from a title (see ReadsAsAuthorList).
            var ownerKeys = name is null ? [] : ImmutableHashSet.CreateRange(StringComparer.Ordinal,
                options.OwnerAliases.Select(PersonNames.Key).Append(PersonNames.Key(name)).Where(k => k.Length > 0));
            _ownerKeys = ownerKeys;

            // Entries are independent: read them on all cores, keep file order.
            options.Cache?.Begin(file, options.Math, string.Join('\n', ownerKeys.Order(StringComparer.Ordinal)), headers.Count);
            var read = new Draft?[headers.Count];
            _keys = new UInt128[headers.Count];
            if (headers.Count >= 64)
            {
                Parallel.For(0, headers.Count, k => read[k] = ReadEntryOrReuse(k, headers[k], k + 1 < headers.Count ? headers[k + 1] : _lines.Length));
            }
            else
            {
                for (var k = 0; k < headers.Count; k++) read[k] = ReadEntryOrReuse(k, headers[k], k + 1 < headers.Count ? headers[k + 1] : _lines.Length);
            }
            if (options.Cache is { } entries)
            {
                entries.End([.. headers], _lines.Length, _keys);
            }
            var drafts = read.OfType<Draft>().ToList();

            if (headers.Count == 0 && name is not null)
            {
                Warning(DiagnosticCodes.NoPapers, 1, 1, "the profile lists no papers; entries start with a header line such as 'CLJun 29, 2023'");
            }
            // A mistyped header (PG0011) is a paper the profile meant to list: the count is not a second message about it.
            if (declared is { } d && d.Count != headers.Count + _diagnostics.Count(x => x.Code == DiagnosticCodes.MalformedEntryHeader))
            {
                Warning(DiagnosticCodes.PaperCountMismatch, d.Line, d.Column,
                    $"the profile declares {d.Count} papers but lists {headers.Count}");
            }

            if (name is null)
            {
                _diagnostics.Sort(Diagnostic.Compare);
                return new ProfileParseResult(null, [.. _diagnostics]);
            }

            // The checks only report (in any order: messages are sorted below); slugs and co-authors are made meanwhile.
            // In serve, both start from what the last read made of its entries (see ModelMemo) while no entry changed its
            // date or authors.
            var memo = options.Cache?.Model is ModelMemo last && last.Fits(drafts, ownerKeys) ? last : null;
            var edited = memo?.OnlyEdited(drafts);
            var papers = ImmutableArray<Paper>.Empty;
            var coAuthors = ImmutableArray<CoAuthor>.Empty;
            SlugIndex? slugIndex = null;
            var retitled = false;
            CheckMemo? checks = null;
            void Check() => checks = CheckDuplicatesAndOwner(drafts, ownerKeys, memo, edited);
            void Model()
            {
                if (memo is not null)
                {
                    (papers, coAuthors, slugIndex, retitled) = memo.ModelFor(drafts, edited, ownerKeys);
                }
                else
                {
                    papers = AssignSlugs(drafts);
                    coAuthors = BuildCoAuthors(papers, drafts, ownerKeys);
                }
            }
            if (drafts.Count >= 64) Parallel.Invoke(Check, Model);
            else
            {
                Check();
                Model();
            }
            if (retitled) options.Cache!.Retitled++;
            if (options.Cache is { } cache) cache.Model = new ModelMemo([.. drafts], papers, coAuthors, ownerKeys) { Slugs = slugIndex, Checks = checks };
            var profile = new Profile(name, primary, figures, declared?.Count, papers, coAuthors) { OwnerKeys = ownerKeys };
            _diagnostics.Sort(Diagnostic.Compare);
            return new ProfileParseResult(profile, [.. _diagnostics]);
        }

        private void MalformedHeader(int i)
            => Error(DiagnosticCodes.MalformedEntryHeader, i + 1, _indent[i] + 1,
                $"'{_lines[i]}' looks like an entry header but is not one; write it as CODE + 'Mon D, YYYY' + optional 'Code', e.g. 'CLJun 29, 2023Code'");

        // What a line that is not an entry header (nor shaped like one, see LooksLikeEntryHeader) is, as a mistyped one:
        // known categories and a date written another way (Dated), known categories alone (Bare: a primary category is
        // one too), or not one at all.
        private enum Mistyped { No, Dated, Bare }

        private static Mistyped MistypedHeader(string line)
        {
            // A header is short; a line of prose that starts with "AI 2027" or "at Jun 5" is usually not.
            if (line.Length is 0 or > 64 || !char.IsAsciiLetter(line[0])) return Mistyped.No;
            var m = MistypedEntryHeader().Match(line);
            if (!m.Success) return Mistyped.No;
            foreach (Capture c in m.Groups["cat"].Captures)
            {
                if (!KnownCategory(c.Value)) return Mistyped.No;
            }
            return m.Groups["date"].Success ? Mistyped.Dated : Mistyped.Bare;
        }

        // A category arXiv has, written as a header writes it or with its subject in lower case ("cl", "cs.cl").
        private static bool KnownCategory(string code)
        {
            if (ArxivCategories.TryResolve(code, out _)) return true;
            var dot = code.LastIndexOf('.');
            var subject = code[(dot + 1)..];
            return subject.Length == 2 && char.IsAsciiLetterLower(subject[0])
                && ArxivCategories.TryResolve(code[..(dot + 1)] + subject.ToUpperInvariant(), out _);
        }

        // Whether a mistyped header at line i (an index) starts an entry: the next line that is not blank is a title (not a
        // header line such as a figure), and the one after it reads as an author list; both before `end`.
        private bool StartsAnEntry(int i, int end)
        {
            var title = NextNonBlank(i + 1, end);
            if (title < 0 || IsHeaderLine(_lines[title])) return false;
            var authors = NextNonBlank(title + 1, end);
            return authors >= 0 && !IsHeaderLine(_lines[authors]) && ReadsAsNames(_lines[authors]);
        }

        private int NextNonBlank(int from, int end)
        {
            for (var k = from; k < end; k++)
            {
                if (_lines[k].Length > 0) return k;
            }
            return -1;
        }

        private static bool IsHeaderLine(string line)
            => IsFigure(line) || CategoryLine().IsMatch(line) || MalformedFigure(line) is not null || EntryHeader().IsMatch(line);

        // Whether a line reads as names: no prose, and each word of each name starts with a capital (or a letter of a
        // script without case), but for particles inside a name (van, de, bin). Stricter than an author line is read
        // ("ada q. researcher" is a name there): this only tells whether a line before it meant to start an entry.
        private static bool ReadsAsNames(string line)
        {
            if (Prose(line) is not null) return false;
            var count = 0;
            foreach (var (piece, _) in SplitNames(SplitAuthorLine(line).Names))
            {
                var words = piece.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (words.Length == 0) continue;
                for (var w = 0; w < words.Length; w++)
                {
                    var word = words[w];
                    if (!char.IsLetter(word[0]) || word.Contains(':', StringComparison.Ordinal)) return false;
                    if (char.IsLower(word[0]) && (w == 0 || !NameParticles.Contains(word))) return false;
                }
                count++;
            }
            return count > 0;
        }

        private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal)
        {
            "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ten", "ter", "dos", "das", "bin", "ibn", "al", "el", "y", "zu",
        };

        private static bool IsFigure(string line)
            => HIndexFigure().IsMatch(line) || PapersFigure().IsMatch(line) || CitationsFigure().IsMatch(line)
               || NoveltyFigure().IsMatch(line) || AiScoreFigure().IsMatch(line) || DeclaredCount().IsMatch(line);

        private (string? Name, Category? Primary, Figures Figures, (int Count, int Line, int Column)? Declared) ReadHeaderBlock(int end)
        {
            string? name = null;
            Category? primary = null;
            int? hIndex = null, papers = null, citations = null, novelty = null, aiScore = null;
            (int, int, int)? declared = null;
            var named = false;
            for (var i = 0; i < end; i++)
            {
                var line = _lines[i];
                if (line.Length == 0) continue;
                var col = _indent[i] + 1;
                if (!named)
                {
                    // Byte-order marks after the one a file may start with (a file saved twice with one) are not the name's.
                    line = line.TrimStart('\uFEFF').TrimStart();
                    if (line.Length == 0) continue;
                    named = true;
                    // The name line deleted or overwritten: a header line stands where the name should be. It is reported,
                    // and not read again as a header line (an overwritten one would be a second h-index).
                    if (NotAName(i, line) is { } what)
                    {
                        Error(DiagnosticCodes.MissingOwnerName, i + 1, col, $"{MissingName}: '{Shorten(line)}' is {what}, not a name");
                        continue;
                    }
                    name = PersonNames.Clean(line);
                    continue;
                }
                if (TryFigure(HIndexFigure(), line, i, col, "h-index", ref hIndex)
                    || TryFigure(PapersFigure(), line, i, col, "papers", ref papers)
                    || TryFigure(CitationsFigure(), line, i, col, "citations", ref citations)
                    || TryFigure(NoveltyFigure(), line, i, col, "novelty", ref novelty)
                    || TryFigure(AiScoreFigure(), line, i, col, "AI score", ref aiScore))
                {
                    continue;
                }
                if (DeclaredCount().Match(line) is { Success: true } m)
                {
                    if (declared is not null)
                    {
                        Warning(DiagnosticCodes.DuplicateHeaderValue, i + 1, col, "a second declared paper count; the first is kept");
                    }
                    else if (TryNumber(m.Groups["n"].Value, i, col, "paper count", out var n))
                    {
                        declared = (n, i + 1, col);
                    }
                    continue;
                }
                // A figure's label with no number the format reads (h-indexabc, Novelty59 without its %, 58x7citations):
                // before the category, which "h-indexabc" is shaped like, so that it is not read as a second one.
                if (MalformedFigure(line) is { } figure)
                {
                    Error(DiagnosticCodes.InvalidFigure, i + 1, col, $"the {figure.What} figure '{Shorten(line)}' is malformed; write it as {figure.Example}");
                    continue;
                }
                // The first entry's header mistyped: reported (a line shaped like a header already was), and the lines
                // after it, that entry's title, authors and abstract, are not header lines to report one by one. A category
                // alone is the primary one unless a title and an author line follow it.
                if (Kind(i) == 3) break;
                if (MistypedHeader(line) is var mistyped && (mistyped == Mistyped.Dated || (mistyped == Mistyped.Bare && StartsAnEntry(i, end))))
                {
                    MalformedHeader(i);
                    break;
                }
                if (CategoryLine().IsMatch(line))
                {
                    if (primary is not null)
                    {
                        Warning(DiagnosticCodes.DuplicateHeaderValue, i + 1, col, $"a second primary category '{line}'; the first, {primary.Code}, is kept");
                        continue;
                    }
                    if (!ArxivCategories.TryResolve(line, out var category))
                    {
                        Warning(DiagnosticCodes.UnknownCategory, i + 1, col, $"unknown arXiv category '{line}'; it is kept as written");
                    }
                    primary = category;
                    continue;
                }
                Warning(DiagnosticCodes.UnrecognisedHeaderLine, i + 1, col,
                    $"'{Shorten(line)}' is not a header line this format knows (category, h-index17, 21papers, 587citations, Novelty59%, AI Score51, '21 Papers'); it is ignored");
            }
            if (!named)
            {
                // Point at the first entry (what stands where the name should be), else at line 1.
                if (end < _lines.Length) Error(DiagnosticCodes.MissingOwnerName, end + 1, _indent[end] + 1, $"{MissingName}: '{Shorten(_lines[end])}' is an entry header, not a name");
                else Error(DiagnosticCodes.MissingOwnerName, 1, 1, MissingName);
            }
            return (name, primary, new Figures(hIndex, papers, citations, novelty, aiScore), declared);
        }

        private const string MissingName = "the profile must start with the owner's name on its first line";

        // What the first line (an index) is when it is not a name: a figure, the paper count, a known category, or an
        // entry header (shaped like one, or mistyped); null for a name.
        private string? NotAName(int i, string line)
        {
            if (DeclaredCount().IsMatch(line)) return "a paper count";
            if (IsFigure(line)) return "a figure";
            if (CategoryLine().IsMatch(line) && KnownCategory(line)) return "a category";
            if (Kind(i) == 3 || MistypedHeader(line) == Mistyped.Dated) return "an entry header";
            return null;
        }

        // Which figure a header line that none of the figures' patterns took was meant to be: one that starts with a
        // label written before its number (h-index, Novelty, AI Score), or a number followed by a label written after it
        // (papers, citations).
        private static (string What, string Example)? MalformedFigure(string line)
        {
            var s = line.AsSpan();
            if (s.StartsWith("h-index", StringComparison.OrdinalIgnoreCase) || s.StartsWith("hindex", StringComparison.OrdinalIgnoreCase)) return ("h-index", "h-index17");
            if (s.StartsWith("novelty", StringComparison.OrdinalIgnoreCase)) return ("novelty", "Novelty59%");
            if (s.StartsWith("ai score", StringComparison.OrdinalIgnoreCase) || s.StartsWith("aiscore", StringComparison.OrdinalIgnoreCase)) return ("AI score", "AI Score51");
            if (s.Length == 0 || !char.IsAsciiDigit(s[0])) return null;
            if (s.Contains("citation", StringComparison.OrdinalIgnoreCase)) return ("citations", "587citations");
            if (s.Contains("paper", StringComparison.OrdinalIgnoreCase)) return ("papers", "21papers");
            return null;
        }

        private bool TryFigure(Regex regex, string line, int i, int col, string what, ref int? slot)
        {
            var m = regex.Match(line);
            if (!m.Success) return false;
            if (slot is not null)
            {
                Warning(DiagnosticCodes.DuplicateHeaderValue, i + 1, col, $"a second {what} figure; the first ({slot}) is kept");
                return true;
            }
            if (TryNumber(m.Groups["n"].Value, i, col + m.Groups["n"].Index, what, out var n)) slot = n;
            return true;
        }

        private bool TryNumber(string digits, int i, int col, string what, out int value)
        {
            if (int.TryParse(digits.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out value))
            {
                return true;
            }
            Error(DiagnosticCodes.InvalidFigure, i + 1, col, $"the {what} '{digits}' is not a whole number this tool can hold");
            return false;
        }

        // An entry as read. The keys and the slug it asks for are worked out when it is read, so that an entry the parse
        // cache hands on (in serve, all but the edited ones) does not normalise its title and authors again.
        private sealed record Draft(int Line, string Title, RichText TitleMarkup, Category Category, DateOnly Date, bool HasCode,
            ImmutableArray<string> Authors, bool Truncated, string? Organization, RichText? Abstract, int AuthorLine,
            string TitleKey, ImmutableArray<string> AuthorKeys, string WantedSlug);

        private Draft? ReadEntry(int header, int end)
        {
            var line = _lines[header];
            var m = EntryHeader().Match(line);
            var col = _indent[header] + 1;
            var ok = true;

            var code = m.Groups["cat"].Value;
            if (!ArxivCategories.TryResolve(code, out var category))
            {
                Warning(DiagnosticCodes.UnknownCategory, header + 1, col, $"unknown arXiv category '{code}'; it is kept as written");
            }
            var month = Array.IndexOf(Months, m.Groups["mon"].Value[..3]) + 1;
            var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            var date = default(DateOnly);
            if (year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                // The date as written ("Aug 11, 0000", not "Aug 11, 0"), and the column of what is wrong with it.
                var (why, at) = year < 1 ? ($"the year {m.Groups["year"].Value} is out of range (1 to 9999)", m.Groups["year"].Index)
                    : day < 1 ? ("days start at 1", m.Groups["day"].Index)
                    : month == 2 && day == 29 ? ($"{year} is not a leap year", m.Groups["day"].Index)
                    : ($"{m.Groups["mon"].Value} has {DateTime.DaysInMonth(year, month)} days", m.Groups["day"].Index);
                Error(DiagnosticCodes.InvalidDate, header + 1, col + at,
                    $"'{m.Groups["mon"].Value} {m.Groups["day"].Value}, {m.Groups["year"].Value}' is not a date: {why}");
                ok = false;
            }
            else
            {
                date = new DateOnly(year, month, day);
            }
            var hasCode = m.Groups["code"].Success;

            var i = header + 1;
            while (i < end && _lines[i].Length == 0) i++;
            if (i >= end)
            {
                Error(DiagnosticCodes.MissingTitle, header + 1, col, "this entry has no title: the line after the header should be the paper's title");
                return null;
            }
            var titleLine = i;
            var title = CollapseSpaces(_lines[i]);
            i++;
            while (i < end && _lines[i].Length == 0) i++;
            // A title line left out moves the author line into its place and the abstract into the authors'; an author
            // line left out moves the abstract up. Either is an error here, not a paper titled "Ang Lv, Kaiyi Zhang et al."
            // or thirteen co-authors made of the abstract's clauses.
            if (i >= end)
            {
                if (ReadsAsAuthorList(title, needOwner: false)) MissingTitle(titleLine, title, "and no author line follows it");
                else Error(DiagnosticCodes.MissingAuthors, titleLine + 1, _indent[titleLine] + 1,
                    $"the entry '{Shorten(title)}' has no author line after its title");
                return null;
            }
            var authorLine = i;
            if (Prose(_lines[authorLine]) is { } prose)
            {
                if (ReadsAsAuthorList(title, needOwner: false)) MissingTitle(titleLine, title, "and the line after it reads as prose");
                else Error(DiagnosticCodes.MissingAuthors, authorLine + 1, _indent[authorLine] + 1,
                    $"the entry '{Shorten(title)}' has no author line: the line after its title reads as prose, not as names ({prose}); put the authors, comma separated, on the line after the title");
                return null;
            }
            // A title line given twice, or a title wrapped onto a second line: the "author line" is title text, and the real
            // one would be read into the abstract.
            if (AuthorLineReadsAsTitle(title, authorLine, end) is { } asTitle)
            {
                Error(DiagnosticCodes.MissingAuthors, authorLine + 1, _indent[authorLine] + 1, $"the entry '{Shorten(title)}' has no author line: {asTitle}");
                return null;
            }
            var (authors, authorKeys, truncated, organization) = ReadAuthors(authorLine);
            if (authors.Length == 0)
            {
                Error(DiagnosticCodes.MissingAuthors, authorLine + 1, _indent[authorLine] + 1, "the author line names nobody");
                ok = false;
            }
            else if (!truncated && !authorKeys.Any(_ownerKeys.Contains) && ReadsAsAuthorList(title, needOwner: true))
            {
                // A short abstract gives no prose away; but the owner's list stands where the title should, and the
                // "authors" after it are a complete list without her.
                MissingTitle(titleLine, title, "and the line after it does not name the owner");
                return null;
            }
            i++;

            // The author line given twice: the abstract would start with it. (No line number in the message: serve moves an
            // entry's messages with it when lines before it change, but not the text of the message.)
            // An abstract's first line is a paragraph, most often far longer than the author line: those are not looked at
            // (the prose test on every abstract's first paragraph doubled the profile's read).
            if (authorKeys.Length > 0 && NextNonBlank(i, end) is var again and >= 0
                && _lines[again].Length <= 2 * _lines[authorLine].Length + 16 && Prose(_lines[again]) is null
                && ReadAuthors(again, report: false).Keys.SequenceEqual(authorKeys))
            {
                Error(DiagnosticCodes.RepeatedAuthorLine, again + 1, _indent[again] + 1,
                    "the abstract starts with what reads as this paper's author list again: the author line is repeated; delete the second one");
            }

            // A mistyped header in the abstract: the paper it meant to start would be this one's abstract.
            for (var k = i; k < end; k++)
            {
                if (Kind(k) != 3 && MistypedHeader(_lines[k]) != Mistyped.No && StartsAnEntry(k, end)) MalformedHeader(k);
            }

            var abstractText = ReadAbstract(i, end, title);
            if (!ok) return null;

            var (titleMarkup, slugText) = ConvertInline(title, titleLine);
            // Most TeX command names ("\\mathcal") say nothing about the paper and stay out of the slug; in math, Greek
            // letters and function names give their names (Slugs.FromTex).
            var wantedSlug = Slugs.Slugify(TexCommand().Replace(slugText, " "), "paper");
            return new Draft(header + 1, title, titleMarkup, category, date, hasCode, authors, truncated, organization, abstractText, authorLine + 1,
                PersonNames.Key(title), authorKeys, wantedSlug);
        }

        // Why the line read as an entry's author line is title text, or null: it repeats the title, or it names neither the
        // owner nor "et al." while the line after it is an author list that names her.
        private string? AuthorLineReadsAsTitle(string title, int authorLine, int end)
        {
            var line = _lines[authorLine];
            // Keys are made only for a line about the title's length (a key drops spaces and transliterates, so not exactly).
            if (Math.Abs(line.Length - title.Length) <= title.Length / 4 + 4 && PersonNames.Key(CollapseSpaces(line)) == PersonNames.Key(title))
            {
                return "the line after its title repeats the title; put the authors, comma separated, on the line after the title";
            }
            if (_ownerKeys.Count == 0 || SplitAuthorLine(line) is not { Truncated: false } split) return null;
            foreach (var (piece, _) in SplitNames(split.Names))
            {
                if (_ownerKeys.Contains(PersonNames.Key(CleanName(piece)))) return null;
            }
            return NextNonBlank(authorLine + 1, end) is var next and >= 0 && ReadsAsAuthorList(_lines[next], needOwner: true)
                ? "the line after its title reads as a title, and the line after that as its author list; put the title on one line and the authors, comma separated, on the line after it"
                : null;
        }

        private void MissingTitle(int titleLine, string title, string why)
            => Error(DiagnosticCodes.MissingTitle, titleLine + 1, _indent[titleLine] + 1,
                $"this entry has no title: '{Shorten(title)}' is an author list, not a title ({why}); put the paper's title on the line after the header");

        // Whether a title line is an author list (its entry's title line left out): names only, comma separated, that end
        // in "et al." or (with needOwner, or without "et al.") that name the owner among at least two.
        private bool ReadsAsAuthorList(string line, bool needOwner)
        {
            if (Prose(line) is not null) return false;
            var (names, truncated, _) = SplitAuthorLine(line);
            var count = 0;
            var owner = false;
            foreach (var (piece, _) in SplitNames(names))
            {
                var clean = CleanName(piece);
                if (clean.Length == 0) continue;
                // A name has no colon ("Batch-ICL: Effective, Efficient, …"); nor, being no prose, too many words.
                if (clean.Contains(':', StringComparison.Ordinal)) return false;
                count++;
                owner |= _ownerKeys.Contains(PersonNames.Key(clean));
            }
            return count > 0 && ((!needOwner && truncated) || (owner && count >= 2));
        }

        // A name of more words than any name has (the longest real ones, "Maria del Carmen García de la Fuente y Ortega",
        // are about nine).
        private const int MaxNameWords = 12;

        // Why an author line is prose, not names (an abstract read in its place); null when it is not. Prose, not a name:
        // a sentence ends inside it ("… a method. It works": a word in lower case, then . ? or !, a space and a capital
        // or digit; initials such as "A. B. Smith" and "St. John" have no lower-case word before their full stop); one
        // "name" longer than MaxNameWords words; or the line ends a sentence and has two lower-case words of four
        // letters or more, which names do not have (particles are short: van, de, bin). An abstract nearly always has
        // the first; the reference profile's 21 and the generated 10,000 all do. No allocation: read once per entry.
        private static string? Prose(string line)
        {
            var names = line.AsSpan();
            if (OrganizationDot(names) is var dot and >= 0) names = names[..dot].TrimEnd();
            if (EtAl().EnumerateMatches(names) is var etAl && etAl.MoveNext()) names = names[..etAl.Current.Index];
            if (SentenceEnd().IsMatch(names)) return "a sentence ends inside it";
            // Words per name (commas, semicolons, "and" and "&" end a name), and lower-case words of four letters or more.
            int words = 0, longest = 0, lowerWords = 0;
            var start = -1;
            for (var k = 0; k <= names.Length; k++)
            {
                var c = k < names.Length ? names[k] : ' ';
                var separator = c is ',' or ';';
                if (!separator && !char.IsWhiteSpace(c))
                {
                    if (start < 0) start = k;
                    continue;
                }
                if (start >= 0)
                {
                    var word = names[start..k];
                    start = -1;
                    if (word is "and" or "&") separator = true;
                    else
                    {
                        words++;
                        if (word.Length >= 4 && char.IsLower(word[0])) lowerWords++;
                    }
                }
                if (separator)
                {
                    longest = Math.Max(longest, words);
                    words = 0;
                }
            }
            longest = Math.Max(longest, words);
            if (longest > MaxNameWords) return $"one 'name' is {longest} words long";
            if (names.Length > 0 && names[^1] is '.' or '?' or '!' && lowerWords >= 2) return "it ends a sentence";
            return null;
        }

        // Where an author line's organisation starts: its first middle dot with a space before or after it (" · org"). Any
        // after it are the organisation's ("org1 · org2"); one between two letters is a name's (Marcel·lí, 艾伦·图灵). -1: none.
        private static int OrganizationDot(ReadOnlySpan<char> line)
        {
            for (var k = line.IndexOf('\u00B7'); k >= 0; k = line[(k + 1)..].IndexOf('\u00B7') is var next and >= 0 ? k + 1 + next : -1)
            {
                if (k == 0 || k == line.Length - 1 || char.IsWhiteSpace(line[k - 1]) || char.IsWhiteSpace(line[k + 1])) return k;
            }
            return -1;
        }

        // An author line's names, whether the list ends in "et al.", and the organisation after a middle dot.
        private static (string Names, bool Truncated, string? Organization) SplitAuthorLine(string line)
        {
            string? organization = null;
            var dot = OrganizationDot(line);
            var names = line;
            if (dot >= 0)
            {
                organization = PersonNames.Clean(line[(dot + 1)..]);
                if (organization.Length == 0) organization = null;
                names = line[..dot].TrimEnd();
            }
            var truncated = false;
            var etAl = EtAl().Match(names);
            if (etAl.Success)
            {
                truncated = true;
                names = names[..etAl.Index].TrimEnd().TrimEnd(',').TrimEnd();
            }
            return (names, truncated, organization);
        }

        // A name as an author list writes it, without the affiliation and footnote marks papers put after names ("Ang Lv¹",
        // "Xu Tan*†", "Tao Qin2"): superscript and plain digits, * † ‡ § ¶. Kept, "Ang Lv¹" would be a co-author of her own,
        // not the owner.
        private static string CleanName(string piece)
        {
            var clean = PersonNames.Clean(piece);
            var end = clean.Length;
            while (end > 0 && (IsNameMark(clean[end - 1]) || (clean[end - 1] == ' ' && end < clean.Length))) end--;
            return end == clean.Length ? clean : clean[..end];
        }

        private static bool IsNameMark(char c)
            => c is (>= '0' and <= '9') or '\u00B9' or '\u00B2' or '\u00B3' or '\u2070' or (>= '\u2074' and <= '\u2079') or '*' or '\u2020' or '\u2021' or '\u00A7' or '\u00B6';

        // The author list's pieces, with where each starts: commas and semicolons separate names, and so do "and" and "&".
        private static List<(string Text, int Offset)> SplitNames(string names)
        {
            var pieces = new List<(string Text, int Offset)>();
            var start = 0;
            for (var j = 0; j <= names.Length; j++)
            {
                if (j == names.Length || names[j] is ',' or ';')
                {
                    pieces.Add((names[start..j], start));
                    start = j + 1;
                }
            }
            // "Ada Lovelace and Charles Babbage": a final "and"/"&" also separates names.
            var split = new List<(string Text, int Offset)>();
            foreach (var (piece, offset) in pieces)
            {
                var rest = piece;
                var restOffset = offset;
                while (true)
                {
                    var k = IndexOfWord(rest, " and ", " & ");
                    if (k.Index < 0) break;
                    split.Add((rest[..k.Index], restOffset));
                    restOffset += k.Index + k.Length;
                    rest = rest[(k.Index + k.Length)..];
                }
                if (rest.TrimStart().StartsWith("and ", StringComparison.Ordinal))
                {
                    var skip = rest.IndexOf("and ", StringComparison.Ordinal) + 4;
                    restOffset += skip;
                    rest = rest[skip..];
                }
                split.Add((rest, restOffset));
            }
            return split;
        }

        // The authors, each with its identity key (PersonNames.Key), whether the list ends in "et al." and the organisation.
        private (ImmutableArray<string> Authors, ImmutableArray<string> Keys, bool Truncated, string? Organization) ReadAuthors(int index, bool report = true)
        {
            var line = _lines[index];
            var baseCol = _indent[index] + 1;
            var (names, truncated, organization) = SplitAuthorLine(line);
            var split = SplitNames(names);
            var result = new List<string>();
            var keys = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (piece, offset) in split)
            {
                var clean = CleanName(piece);
                var col = baseCol + offset + (piece.Length - piece.TrimStart().Length);
                if (clean.Length == 0)
                {
                    // Marks alone ("Ang Lv¹,²") are the name before's; an empty piece is worth a word.
                    if (report && !(split.Count == 1 && names.Length == 0) && piece.AsSpan().Trim().IsEmpty)
                    {
                        Warning(DiagnosticCodes.EmptyAuthorName, index + 1, col, "an empty name in the author list (two commas in a row?); it is skipped");
                    }
                    continue;
                }
                if (PersonNames.IsSuffix(clean) && result.Count > 0)
                {
                    // "Martin Luther King, Jr." is one person.
                    result[^1] = result[^1] + ", " + clean;
                    keys[^1] = PersonNames.Key(result[^1]);
                    continue;
                }
                var key = PersonNames.Key(clean);
                if (!seen.Add(key))
                {
                    if (report) Warning(DiagnosticCodes.DuplicateAuthor, index + 1, col, $"'{clean}' is listed twice on this paper; the second is skipped");
                    continue;
                }
                result.Add(clean);
                keys.Add(key);
            }
            return ([.. result], [.. keys], truncated, organization);
        }

        private static (int Index, int Length) IndexOfWord(string s, params string[] words)
        {
            var best = (Index: -1, Length: 0);
            foreach (var w in words)
            {
                var k = s.IndexOf(w, StringComparison.Ordinal);
                if (k >= 0 && (best.Index < 0 || k < best.Index)) best = (k, w.Length);
            }
            return best;
        }

        private RichText? ReadAbstract(int from, int end, string title)
        {
            // Paragraphs: runs of non-blank lines; inside one, lines join with a single space.
            var paragraphs = new List<(string Text, List<(int Line, int Offset)> Map)>(1);
            for (var i = from; i < end; i++)
            {
                if (_lines[i].Length == 0) continue;
                var last = i;
                while (last + 1 < end && _lines[last + 1].Length > 0) last++;
                if (last == i)
                {
                    // Most abstracts are one line: no joining.
                    paragraphs.Add((CollapseSpaces(_lines[i]), [(i, 0)]));
                }
                else
                {
                    var current = StringBuilderCache.Acquire(1024);
                    var map = new List<(int, int)>(last - i + 1);
                    for (var k = i; k <= last; k++)
                    {
                        if (current.Length > 0) current.Append(' ');
                        map.Add((k, current.Length));
                        current.Append(CollapseSpaces(_lines[k]));
                    }
                    paragraphs.Add((StringBuilderCache.GetStringAndRelease(current), map));
                }
                i = last;
            }
            if (paragraphs.Count == 0) return null;

            var source = paragraphs.Count == 1 ? paragraphs[0].Text : string.Join("\n\n", paragraphs.Select(p => p.Text));
            var html = StringBuilderCache.Acquire(2 * source.Length + 64);
            string? plain = null;
            foreach (var (paragraph, pmap) in paragraphs)
            {
                void Report(int offset, string code, string message)
                {
                    var (line, col) = Locate(pmap, offset);
                    Warning(code, line, col, message);
                }
                var nodes = LatexText.Parse(paragraph, Report);
                if (html.Length > 0) html.Append('\n');
                html.Append("<p>");
                LatexText.AppendHtml(html, nodes, options.Math, (m, error) => Report(m.Offset, DiagnosticCodes.MathUnsupported,
                    $"the formula ${m.Tex}$ in the abstract of '{Shorten(title)}' cannot be shown as math ({error}); it is shown as TeX"));
                html.Append("</p>");
                // Read by people (feed, reference managers, search, descriptions): math as Unicode where it can be.
                var text = LatexText.ToText(nodes, readable: true);
                // As before: a paragraph joins the text with a blank line only when there is text before it.
                plain = string.IsNullOrEmpty(plain) ? text : plain + "\n\n" + text;
            }
            return new RichText(source, StringBuilderCache.GetStringAndRelease(html), plain!);
        }

        // The title's markup, and the text its slug is made from.
        private (RichText Markup, string SlugText) ConvertInline(string title, int index)
        {
            void Report(int offset, string code, string message) => Warning(code, index + 1, _indent[index] + 1 + offset, message);
            var nodes = LatexText.Parse(title, Report);
            var html = LatexText.ToHtml(nodes, options.Math, (m, error) => Report(m.Offset, DiagnosticCodes.MathUnsupported,
                $"the formula ${m.Tex}$ in the title '{Shorten(title)}' cannot be shown as math ({error}); it is shown as TeX"));
            // The text keeps the TeX (the citation key is made from it); people read the readable form.
            var text = LatexText.ToText(nodes);
            var markup = new RichText(title, html, text) { Readable = LatexText.ToText(nodes, readable: true) };
            return (markup, title.Contains('$', StringComparison.Ordinal) ? LatexText.ToText(nodes, m => Slugs.FromTex(m.Tex)) : text);
        }

        // Maps an offset in a joined paragraph back to its line and column. Collapsed runs of spaces
        // inside a line can shift the column by a little; the line is always right.
        private (int Line, int Column) Locate(List<(int Line, int Offset)> map, int offset)
        {
            var (line, start) = map[0];
            foreach (var (l, o) in map)
            {
                if (o > offset) break;
                (line, start) = (l, o);
            }
            return (line + 1, _indent[line] + 1 + offset - start);
        }

        // Warns of entries that repeat another's title and date, and of complete author lists without the owner. Gives what
        // it found, so that the next read, in serve, checks only the entry an edit changed (see CheckMemo).
        private CheckMemo CheckDuplicatesAndOwner(List<Draft> drafts, ImmutableHashSet<string> ownerKeys, ModelMemo? memo, int? edited)
        {
            // Taken from the memo, as a patch changes it: a read cut short leaves none to trust.
            var last = memo?.Checks;
            if (memo is not null) memo.Checks = null;
            if (last is not null && edited is { } e && last.TryPatch(memo!.Drafts, drafts, e) is { } kept)
            {
                options.Cache!.ChecksKept++;
                foreach (var (_, warning) in kept.Warnings) Add(warning);
                if (e >= 0 && OwnerMissing(drafts[e], ownerKeys) is { } missing)
                {
                    kept.Warnings.Add((e, missing));
                    Add(missing);
                }
                return kept;
            }
            var seen = new Dictionary<(string, DateOnly), int>(drafts.Count);
            var warnings = new List<(int Entry, Diagnostic Warning)>();
            for (var i = 0; i < drafts.Count; i++)
            {
                var d = drafts[i];
                var key = (d.TitleKey, d.Date);
                if (seen.TryGetValue(key, out var first))
                {
                    warnings.Add((i, Diagnostic.Warning(DiagnosticCodes.DuplicatePaper, file, d.Line, 1, $"this paper repeats the entry at line {drafts[first].Line} (same title and date)")));
                }
                else
                {
                    seen[key] = i;
                }
                if (OwnerMissing(d, ownerKeys) is { } missing) warnings.Add((i, missing));
            }
            foreach (var (_, warning) in warnings) Add(warning);
            return new CheckMemo(seen, warnings);
        }

        private Diagnostic? OwnerMissing(Draft d, ImmutableHashSet<string> ownerKeys)
        {
            if (d.Truncated || d.Authors.Length == 0 || d.AuthorKeys.Any(ownerKeys.Contains)) return null;
            // A paper signed by a collaboration she belongs to: no spelling of hers is missing, her name is.
            var group = d.Authors.FirstOrDefault(Scholarly.Citations.CitationName.IsCollective);
            return Diagnostic.Warning(DiagnosticCodes.OwnerNotListed, file, d.AuthorLine, 1, group is null
                ? "the owner is not among this paper's authors and the list is complete (no 'et al.'); if she is listed under another spelling, add it to owner.aliases in site.yml"
                : $"the owner is not among this paper's authors and the list is complete (no 'et al.'); if she signed it as a member of the {group}, add her name to the author line beside it");
        }

        // What the checks of a read found: the first entry with each title and date, and each warning with its entry.
        // While the entries are the very ones of that read but for one (an edit inside one entry), the warnings of the
        // others stand as they were, unless the edited entry had or takes a title and date another entry has.
        private sealed record CheckMemo(Dictionary<(string, DateOnly), int> First, List<(int Entry, Diagnostic Warning)> Warnings)
        {
            // The memo for entries of which only the one at `edited` is not the very entry of `before` (-1: none), with the
            // warnings of the other entries; null when the edit may change those.
            public CheckMemo? TryPatch(Draft[] before, List<Draft> after, int edited)
            {
                if (edited < 0) return this with { Warnings = [.. Warnings] };
                var (was, now) = ((before[edited].TitleKey, before[edited].Date), (after[edited].TitleKey, after[edited].Date));
                // The first with its key is the edited entry, and (when the key changed) no entry has the new one; if another
                // entry had its old key, that one was warned of as a repeat of it.
                if (!First.TryGetValue(was, out var first) || first != edited || (was != now && First.ContainsKey(now))) return null;
                var warnings = new List<(int, Diagnostic)>(Warnings.Count);
                foreach (var w in Warnings)
                {
                    // A repeat of the edited entry's old title and date: the edit changes what it repeats.
                    if (w.Entry != edited && w.Warning.Code == DiagnosticCodes.DuplicatePaper && (after[w.Entry].TitleKey, after[w.Entry].Date) == was) return null;
                    if (w.Entry != edited) warnings.Add(w);
                }
                if (was != now)
                {
                    First.Remove(was);
                    First[now] = edited;
                }
                return new CheckMemo(First, warnings);
            }
        }

        // What AssignSlugs and BuildCoAuthors made of a read's entries. They depend only on each entry's slug asked for,
        // date and authors (names and keys), on the entries' order and on the owner's keys: a slug is claimed by date,
        // then by line, and lines keep their order when an edit moves entries; co-authors come from the author lists in
        // file order. While the dates, authors and owner's keys are the same, the co-authors are the same people with the
        // same names and slugs in the same order, and only the slugs of their papers can change (a title edit that asks
        // for another slug). A paper whose entry is the very object of the last read, with the same slug, is the very paper.
        private sealed record ModelMemo(Draft[] Drafts, ImmutableArray<Paper> Papers, ImmutableArray<CoAuthor> CoAuthors, ImmutableHashSet<string> OwnerKeys)
            : ProfileParseCache.IModelMemo
        {
            // The slugs asked for and given, and where each co-author is (see SlugIndex): made when serve is idle (Settle),
            // kept while slugs do not change or change as SlugIndex.TryRetitle can follow, then made again. The next read
            // takes it (and the checks), as it changes them.
            public SlugIndex? Slugs { get; set; }

            public CheckMemo? Checks { get; set; }

            public bool Fits(List<Draft> drafts, ImmutableHashSet<string> ownerKeys)
            {
                if (drafts.Count != Drafts.Length || !ownerKeys.SetEquals(OwnerKeys)) return false;
                for (var i = 0; i < Drafts.Length; i++)
                {
                    var (d, m) = (drafts[i], Drafts[i]);
                    if (ReferenceEquals(d, m)) continue;
                    if (d.Date != m.Date || !d.Authors.SequenceEqual(m.Authors) || !d.AuthorKeys.SequenceEqual(m.AuthorKeys)) return false;
                }
                return true;
            }

            // The index of the only entry that is not the very entry of the last read; -1 when there is none, null when
            // there are more.
            public int? OnlyEdited(List<Draft> drafts)
            {
                var edited = -1;
                for (var i = 0; i < Drafts.Length; i++)
                {
                    if (ReferenceEquals(drafts[i], Drafts[i])) continue;
                    if (edited >= 0) return null;
                    edited = i;
                }
                return edited;
            }

            // The papers and co-authors of entries that fit (see Fits), and the slug index that goes with them when one is
            // kept.
            public (ImmutableArray<Paper> Papers, ImmutableArray<CoAuthor> CoAuthors, SlugIndex? Slugs, bool Retitled) ModelFor(List<Draft> drafts, int? edited, ImmutableHashSet<string> ownerKeys)
            {
                var asked = false;
                for (var i = 0; i < drafts.Count && !asked; i++) asked = !ReferenceEquals(drafts[i], Drafts[i]) && drafts[i].WantedSlug != Drafts[i].WantedSlug;
                var index = Slugs;
                Slugs = null;
                // One retitled entry that asks for a slug nobody asks for or has: it takes that slug, and no other changes.
                var retitled = asked && edited is >= 0 and var e && index is not null && index.TryRetitle(e, Drafts[e].WantedSlug, drafts[e].WantedSlug, Papers[e].Slug);
                if (asked && !retitled) index = null;
                var slugs = asked && !retitled ? ClaimSlugs(drafts) : null;
                var papers = new Paper[drafts.Count];
                var renamed = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < papers.Length; i++)
                {
                    var slug = slugs?[i] ?? (retitled && i == edited ? drafts[i].WantedSlug : Papers[i].Slug);
                    if (slug != Papers[i].Slug) renamed[Papers[i].Slug] = i;
                    papers[i] = ReferenceEquals(drafts[i], Drafts[i]) && slug == Papers[i].Slug ? Papers[i] : MakePaper(drafts[i], slug);
                }
                var model = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(papers);
                if (renamed.Count == 0) return (model, CoAuthors, index, false);
                // A co-author of a renamed paper lists the new slug, in the order BuildCoAuthors gives (newest first, then
                // by slug); the others are the very co-authors of the last read.
                if (retitled)
                {
                    var coAuthors = CoAuthors.ToArray();
                    var (from, to) = (Papers[edited!.Value].Slug, papers[edited.Value].Slug);
                    foreach (var key in drafts[edited.Value].AuthorKeys.Distinct())
                    {
                        if (key.Length == 0 || ownerKeys.Contains(key)) continue;
                        var at = index!.CoAuthorAt[key];
                        var c = coAuthors[at];
                        coAuthors[at] = c with { Papers = [.. c.Papers.Select(s => s == from ? to : s).Select(s => papers[index.Held[s]]).OrderByDescending(x => x.Date).ThenBy(x => x.Slug, StringComparer.Ordinal).Select(x => x.Slug)] };
                    }
                    return (model, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(coAuthors), index, true);
                }
                var held = new Dictionary<string, int>(Papers.Length, StringComparer.Ordinal);
                for (var i = 0; i < Papers.Length; i++) held[Papers[i].Slug] = i;
                return (model, [.. CoAuthors.Select(c => !c.Papers.Any(renamed.ContainsKey) ? c : c with
                {
                    Papers = [.. c.Papers.Select(s => papers[held[s]]).OrderByDescending(x => x.Date).ThenBy(x => x.Slug, StringComparer.Ordinal).Select(x => x.Slug)],
                })], null, false);
            }

            // Made while serve waits for the next edit, so that a title edit need not make it.
            public void Index() => Slugs ??= SlugIndex.Of(Drafts, Papers, CoAuthors);
        }

        // The slugs of a read's papers: how many entries ask for each slug, which paper has each, and where each co-author
        // is by key. A title edit of one entry changes them as Slugs.MakeUnique would, without claiming 10,000 slugs again,
        // when the old slug asked for was that entry's alone and not one a suffix makes (-2, -3, …), and the new one is
        // neither asked for nor had: no other entry's slug could then change.
        private sealed class SlugIndex
        {
            public required Dictionary<string, int> Wanted { get; init; }

            public required Dictionary<string, int> Held { get; init; }

            public required Dictionary<string, int> CoAuthorAt { get; init; }

            public static SlugIndex Of(Draft[] drafts, ImmutableArray<Paper> papers, ImmutableArray<CoAuthor> coAuthors)
            {
                var wanted = new Dictionary<string, int>(drafts.Length, StringComparer.Ordinal);
                foreach (var d in drafts) System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(wanted, d.WantedSlug, out _)++;
                var held = new Dictionary<string, int>(papers.Length, StringComparer.Ordinal);
                for (var i = 0; i < papers.Length; i++) held[papers[i].Slug] = i;
                var at = new Dictionary<string, int>(coAuthors.Length, StringComparer.Ordinal);
                for (var i = 0; i < coAuthors.Length; i++) at[coAuthors[i].Key] = i;
                return new SlugIndex { Wanted = wanted, Held = held, CoAuthorAt = at };
            }

            // Moves the entry at `entry` from the slug it asked for and had (`was`) to the one it asks for now; false, with
            // nothing changed, when that could change other slugs.
            public bool TryRetitle(int entry, string was, string now, string had)
            {
                if (had != was || Wanted.GetValueOrDefault(was) != 1 || SuffixLike(was) || Wanted.ContainsKey(now) || Held.ContainsKey(now)) return false;
                Wanted.Remove(was);
                Wanted[now] = 1;
                Held.Remove(was);
                Held[now] = entry;
                return true;
            }

            // Whether a slug ends as Slugs.MakeUnique's suffixes do ("-2"): another entry could have been kept from it.
            private static bool SuffixLike(string slug)
            {
                var dash = slug.LastIndexOf('-');
                return dash >= 0 && dash < slug.Length - 1 && slug.AsSpan(dash + 1).IndexOfAnyExceptInRange('0', '9') < 0;
            }
        }

        private static Paper MakePaper(Draft d, string slug)
            => new(slug, d.Title, d.Category, d.Date, d.HasCode, d.Authors, d.Truncated, d.Organization, d.Abstract, d.Line) { TitleMarkup = d.TitleMarkup };

        private static ImmutableArray<Paper> AssignSlugs(List<Draft> drafts)
        {
            var slugs = ClaimSlugs(drafts);
            return [.. drafts.Select((d, i) => MakePaper(d, slugs[i]))];
        }

        // Each entry's slug. Slugs are claimed oldest first (then in file order), so adding a newer paper with the same
        // title never renames an existing page.
        private static string[] ClaimSlugs(List<Draft> drafts)
        {
            var order = Enumerable.Range(0, drafts.Count).OrderBy(i => drafts[i].Date).ThenBy(i => drafts[i].Line).ToArray();
            var wanted = order.Select(i => drafts[i].WantedSlug).ToArray();
            var unique = Slugs.MakeUnique(wanted);
            var slugs = new string[drafts.Count];
            for (var k = 0; k < order.Length; k++) slugs[order[k]] = unique[k];
            return slugs;
        }

        private static ImmutableArray<CoAuthor> BuildCoAuthors(ImmutableArray<Paper> papers, List<Draft> drafts, ImmutableHashSet<string> ownerKeys)
        {
            var people = new Dictionary<string, Person>(StringComparer.Ordinal);
            var appearance = 0;
            for (var i = 0; i < papers.Length; i++)
            {
                var paper = papers[i];
                var keys = drafts[i].AuthorKeys;
                for (var a = 0; a < paper.Authors.Length; a++)
                {
                    var author = paper.Authors[a];
                    var key = keys[a];
                    if (ownerKeys.Contains(key) || key.Length == 0) continue;
                    if (!people.TryGetValue(key, out var person))
                    {
                        person = new Person(key, appearance++);
                        people[key] = person;
                    }
                    person.Papers.Add(paper);
                    person.Spellings[author] = person.Spellings.GetValueOrDefault(author) + 1;
                }
            }
            var list = people.Values.ToList();
            foreach (var p in list)
            {
                // The most used spelling; between equals, the one the profile uses first.
                p.Name = p.Spellings.OrderByDescending(s => s.Value).First().Key;
            }
            // Slugs go to people in order of first appearance, so they do not move when counts change.
            var slugs = Slugs.MakeUnique(list.OrderBy(p => p.Appearance).Select(p => Slugs.Slugify(p.Name, "author")).ToArray());
            var byAppearance = list.OrderBy(p => p.Appearance).ToList();
            for (var i = 0; i < byAppearance.Count; i++) byAppearance[i].Slug = slugs[i];

            return [.. list
                .OrderByDescending(p => p.Papers.Count)
                // By the name's letters, so "María" comes before "Mary" and "İlknur" with the I's, not after "Wang" as
                // code points would put them; the same in every culture. Other scripts sort by their Latin spelling.
                .ThenBy(p => SortKey(p.Name), StringComparer.Ordinal)
                .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(p =>
                {
                    var together = p.Papers.OrderByDescending(x => x.Date).ThenBy(x => x.Slug, StringComparer.Ordinal).ToList();
                    return new CoAuthor(p.Name, p.Slug, [.. together.Select(x => x.Slug)], together.Min(x => x.Date.Year), together.Max(x => x.Date.Year)) { Key = p.Key };
                })];
        }

        private static string SortKey(string name) => name.Transliterate().ToLowerInvariant();

        private sealed class Person(string key, int appearance)
        {
            public string Key { get; } = key;
            public int Appearance { get; } = appearance;
            public List<Paper> Papers { get; } = [];
            public Dictionary<string, int> Spellings { get; } = new(StringComparer.Ordinal);
            public string Name { get; set; } = "";
            public string Slug { get; set; } = "";
        }

        private static string CollapseSpaces(string s)
        {
            if (!s.Contains("  ", StringComparison.Ordinal) && !s.Contains('\t', StringComparison.Ordinal)) return s;
            var sb = new StringBuilder(s.Length);
            var space = false;
            foreach (var ch in s)
            {
                if (ch is ' ' or '\t')
                {
                    space = true;
                    continue;
                }
                if (space && sb.Length > 0) sb.Append(' ');
                space = false;
                sb.Append(ch);
            }
            return sb.ToString();
        }

        private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "…";
    }
}
