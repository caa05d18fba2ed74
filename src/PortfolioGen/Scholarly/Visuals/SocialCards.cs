using System.Globalization;
using System.Text;
using AnyAscii;
using PortfolioGen.Site;
using SkiaSharp;

namespace PortfolioGen.Scholarly.Visuals;

/// <summary>
/// Draws social cards: 1200×630 PNG images that link previews show (Open Graph, Twitter), one per paper and
/// one for the home page. Only the theme's own font files are used, never system fonts, and the PNG carries
/// no metadata, so the same input gives the same bytes on every run and machine (with the same SkiaSharp).
/// One renderer is meant to be reused for a whole site: fonts and paints are made once and only read after,
/// so the Render methods may be called from several threads at once.
/// </summary>
public sealed class SocialCardRenderer : IDisposable
{
    /// <summary>The card's width in pixels.</summary>
    public const int Width = 1200;

    /// <summary>The card's height in pixels.</summary>
    public const int Height = 630;

    /// <summary>
    /// The version of the drawing: part of every cached card's key, so a change to how cards look must raise it, or
    /// sites keep their old cards (<c>SocialCardTests</c> holds the bytes of one card, to catch a change made without).
    /// </summary>
    public const int DrawingVersion = 2; // 2: the owner far down a long author list is shown after "…"

    // The frame: nothing is drawn outside it (the accent bar and text stay within these margins).
    internal const float Left = 80;
    internal const float Right = Width - 80;
    internal const float Top = 72;
    internal const float Bottom = Height - 56;
    private const float ContentWidth = Right - Left;
    private const float RuleY = 516;
    private const float FooterBaseline = 562;

    internal static readonly SKColor Background = new(0xFB, 0xFB, 0xF9);
    private static readonly SKColor Ink = new(0x16, 0x1B, 0x24);
    private static readonly SKColor Body = new(0x3A, 0x42, 0x50);
    private static readonly SKColor Muted = new(0x66, 0x6F, 0x7D);
    private static readonly SKColor Accent = new(0x0B, 0x5C, 0xAD);
    private static readonly SKColor RuleColor = new(0xDD, 0xE1, 0xE6);

    private const string Ellipsis = "\u2026";
    private const string Separator = "  \u00B7  ";

    // Fixed, since the bytes depend on them. Encoding is most of a card's time: with no row filter (the cards are
    // mostly flat background, which deflate alone handles well) and zlib level 3, a card encodes in about 6 ms
    // at about 58 KB; all filters at level 6 save 3% of the size and take five times as long.
    private static readonly SKPngEncoderOptions Png = new(SKPngEncoderFilterFlags.None, 3);

    private readonly SKTypeface _regular;
    private readonly SKTypeface _bold;
    private readonly SKFont _regularProbe;
    private readonly SKFont _boldProbe;
    private readonly bool[] _covered = new bool[0x10000];
    private readonly List<IDisposable> _owned = [];

    private readonly TextStyle[] _titles;
    private readonly TextStyle _author;
    private readonly TextStyle _authorOwner;
    private readonly TextStyle _footer;
    private readonly TextStyle _footerCode;
    private readonly TextStyle _footerSite;
    private readonly TextStyle[] _homeNames;
    private readonly TextStyle _homeArea;
    private readonly TextStyle _homeFigures;
    private readonly SKPaint _accentFill;
    private readonly SKPaint _ruleFill;
    private bool _disposed;

    /// <summary>Loads the fonts (the theme's regular and bold font files, TTF or OTF) once for every card.</summary>
    /// <param name="fontFiles">
    /// The font files; the lightest face of at least normal weight is the regular one and the heaviest the bold
    /// one. A single file serves for both.
    /// </param>
    public SocialCardRenderer(IReadOnlyList<string> fontFiles)
    {
        ArgumentNullException.ThrowIfNull(fontFiles);
        var faces = new List<SKTypeface>();
        try
        {
            foreach (var file in fontFiles)
            {
                using var data = SKData.CreateCopy(File.ReadAllBytes(file));
                var face = SKTypeface.FromData(data)
                    ?? throw new ArgumentException($"'{file}' is not a font file that can be read", nameof(fontFiles));
                faces.Add(face);
            }
            if (faces.Count == 0) throw new ArgumentException("no font files given", nameof(fontFiles));
        }
        catch
        {
            foreach (var f in faces) f.Dispose();
            throw;
        }
        // Ordered by weight, then by the order given, so the choice never depends on anything but the files.
        var byWeight = faces.Select((f, i) => (Face: f, Index: i)).OrderBy(x => x.Face.FontWeight).ThenBy(x => x.Index).ToList();
        _regular = byWeight.FirstOrDefault(x => x.Face.FontWeight >= 400).Face ?? byWeight[^1].Face;
        _bold = byWeight[^1].Face;
        foreach (var f in faces)
        {
            if (f != _regular && f != _bold) f.Dispose();
        }
        _owned.Add(_regular);
        if (_bold != _regular) _owned.Add(_bold);

        // Which characters of the Basic Multilingual Plane both faces can draw, looked up once.
        var all = new int[0x10000];
        for (var c = 0; c < all.Length; c++) all[c] = c is >= 0xD800 and <= 0xDFFF ? 0 : c;
        _regularProbe = new SKFont(_regular);
        _boldProbe = new SKFont(_bold);
        _owned.Add(_regularProbe);
        _owned.Add(_boldProbe);
        var inRegular = _regularProbe.GetGlyphs(all);
        var inBold = _boldProbe.GetGlyphs(all);
        for (var c = 0x20; c < all.Length; c++) _covered[c] = inRegular[c] != 0 && inBold[c] != 0 && c is < 0xD800 or > 0xDFFF;

        var ink = Fill(Ink);
        var body = Fill(Body);
        var muted = Fill(Muted);
        _accentFill = Fill(Accent);
        _ruleFill = Fill(RuleColor);

        _titles = [Style(_bold, 64, 1.14f, ink, bold: true), Style(_bold, 56, 1.15f, ink, bold: true), Style(_bold, 48, 1.17f, ink, bold: true)];
        _author = Style(_regular, 30, 1.4f, body);
        _authorOwner = Style(_bold, 30, 1.4f, ink, bold: true);
        _footer = Style(_regular, 24, 1.3f, muted);
        _footerCode = Style(_bold, 24, 1.3f, _accentFill, bold: true);
        _footerSite = Style(_bold, 24, 1.3f, ink, bold: true);
        _homeNames = [Style(_bold, 84, 1.1f, ink, bold: true), Style(_bold, 72, 1.1f, ink, bold: true), Style(_bold, 60, 1.12f, ink, bold: true)];
        _homeArea = Style(_regular, 36, 1.3f, body);
        _homeFigures = Style(_regular, 32, 1.3f, muted);
    }

    /// <summary>
    /// A paper's card: the title (wrapped, at most four lines, then an ellipsis), the listed authors (the owner in
    /// bold; "et al." when the list is cut or the paper lists more), and a footer with the date, the category's
    /// code and name, and the site's name.
    /// </summary>
    public byte[] RenderPaper(PaperView view, string siteName, string ownerName) => Draw(LayoutPaper(view, siteName, ownerName));

    /// <summary>
    /// The home page's card: the owner's name, the primary research area, a line of headline figures
    /// (for example "21 papers · 587 citations · h-index 17") and the site's name.
    /// </summary>
    public byte[] RenderHome(string ownerName, string? primaryArea, string? figures, string siteName)
        => Draw(LayoutHome(ownerName, primaryArea, figures, siteName));

    /// <summary>Frees the fonts and paints.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (var i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
    }

    /// <summary>What a card shows: each piece of text, where it goes and in which style.</summary>
    internal enum Part { Title, Author, Owner, Punctuation, Date, CategoryCode, CategoryName, Site, Name, Area, Figures }

    /// <summary>A piece of text placed on the card (<paramref name="X"/> and <paramref name="Baseline"/> in pixels).</summary>
    internal readonly record struct PlacedText(Part Part, string Text, TextStyle Style, float X, float Baseline)
    {
        public float Width => Style.Measure(Text);
    }

    internal List<PlacedText> LayoutPaper(PaperView view, string siteName, string ownerName)
    {
        ArgumentNullException.ThrowIfNull(view);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var paper = view.Paper;
        var ownerKey = string.IsNullOrWhiteSpace(ownerName) ? null : Text.PersonNames.Key(ownerName);
        var authors = view.Authors
            .Select(a => (Name: Prepare(a.Name), Owner: a.IsOwner || (ownerKey is not null && Text.PersonNames.Key(a.Name) == ownerKey)))
            .Where(a => a.Name.Length > 0)
            .ToList();

        var placed = new List<PlacedText>();
        const float titleTop = Top + 46, authorsGap = 28;
        var authorLines = LayoutAuthors(authors, paper.AuthorsTruncated, maxLines: 2);
        var authorsHeight = authorLines.Count * _author.LineHeight;
        var budget = RuleY - 44 - authorsHeight - (authorLines.Count > 0 ? authorsGap : 0) - titleTop;
        var (style, lines) = FitBlock(Prepare(paper.TitleMarkup.Readable), _titles, budget, maxLines: 4);
        var y = PlaceLines(placed, Part.Title, style, lines, titleTop) + authorsGap + _author.CapHeight;
        foreach (var line in authorLines)
        {
            foreach (var run in line) placed.Add(run with { Baseline = y });
            y += _author.LineHeight;
        }

        var date = paper.Date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
        // An unknown category's name is its code: show it once.
        var category = paper.Category;
        // The code is shown: a name with the code that tells alike names apart (see Site.TopicNames) is shown without it.
        var categoryName = category.Known && !string.Equals(category.Name, category.Code, StringComparison.Ordinal) ? " " + Prepare(Site.TopicNames.Plain(category)) : "";
        PlaceFooter(placed, [(Part.Date, date + Separator, _footer), (Part.CategoryCode, Prepare(category.Code), _footerCode),
            (Part.CategoryName, categoryName, _footer)], Prepare(siteName));
        return placed;
    }

    internal List<PlacedText> LayoutHome(string ownerName, string? primaryArea, string? figures, string siteName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = Prepare(ownerName);
        var area = Prepare(primaryArea);
        var figuresLine = Prepare(figures);
        var areaLines = area.Length == 0 ? new List<string>() : FitLines(area, _homeArea, 2);
        var figureLines = figuresLine.Length == 0 ? new List<string>() : FitLines(figuresLine, _homeFigures, 1);
        const float areaGap = 20, figuresGap = 28, top = Top + 46;
        var below = (areaLines.Count > 0 ? areaGap + BlockHeight(_homeArea, areaLines.Count) : 0)
                    + (figureLines.Count > 0 ? figuresGap + BlockHeight(_homeFigures, figureLines.Count) : 0);
        var room = RuleY - 44 - top;
        var (style, nameLines) = FitBlock(name, _homeNames, room - below, maxLines: 2);
        // The block sits in the middle of the space between the accent bar and the footer rule.
        var start = top + System.Math.Max(0, (room - BlockHeight(style, nameLines.Count) - below) / 2);
        var placed = new List<PlacedText>();
        var y = PlaceLines(placed, Part.Name, style, nameLines, start);
        if (areaLines.Count > 0) y = PlaceLines(placed, Part.Area, _homeArea, areaLines, y + areaGap);
        if (figureLines.Count > 0) PlaceLines(placed, Part.Figures, _homeFigures, figureLines, y + figuresGap);
        PlaceFooter(placed, [], Prepare(siteName));
        return placed;
    }

    // ---- drawing -------------------------------------------------------------------------------------

    private byte[] Draw(List<PlacedText> texts)
    {
        // Opaque, without a colour space: the PNG is plain RGB with no ICC profile, gamma or time chunks.
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(Background);
            canvas.DrawRect(SKRect.Create(Left, Top, 64, 6), _accentFill);
            canvas.DrawRect(SKRect.Create(Left, RuleY, ContentWidth, 1), _ruleFill);
            foreach (var t in texts) t.Style.Draw(canvas, t.Text, t.X, t.Baseline);
            canvas.Flush();
        }
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(Png) ?? throw new InvalidOperationException("the card could not be encoded as PNG");
        return data.ToArray();
    }

    // The footer, under a hairline across the frame: the parts at the left, cut to leave room for the site's name at the right.
    private void PlaceFooter(List<PlacedText> placed, IReadOnlyList<(Part Part, string Text, TextStyle Style)> parts, string siteName)
    {
        var site = siteName.Length == 0 ? "" : Ellipsize(siteName, _footerSite.Font, parts.Count == 0 ? ContentWidth : ContentWidth * 0.45f);
        var siteWidth = site.Length == 0 ? 0 : _footerSite.Measure(site);
        if (site.Length > 0) placed.Add(new PlacedText(Part.Site, site, _footerSite, Right - siteWidth, FooterBaseline));
        var room = ContentWidth - siteWidth - (site.Length > 0 ? 40 : 0);
        var x = 0f;
        foreach (var (part, text, style) in parts)
        {
            if (text.Length == 0) continue;
            var fits = style.Measure(text) <= room - x;
            var shown = fits ? text : Ellipsize(text, style.Font, room - x);
            if (shown.Length == 0) break;
            placed.Add(new PlacedText(part, shown, style, Left + x, FooterBaseline));
            x += style.Measure(shown);
            if (!fits) break;
        }
    }

    // Places lines from the top of a block; returns the bottom of the block (the last line's descender room).
    private static float PlaceLines(List<PlacedText> placed, Part part, TextStyle style, IReadOnlyList<string> lines, float top)
    {
        var y = top + style.CapHeight;
        for (var i = 0; i < lines.Count; i++)
        {
            placed.Add(new PlacedText(part, lines[i], style, Left, y));
            if (i < lines.Count - 1) y += style.LineHeight;
        }
        return lines.Count == 0 ? top : y + style.Descent;
    }

    private static float BlockHeight(TextStyle style, int lines)
        => lines == 0 ? 0 : style.CapHeight + (lines - 1) * style.LineHeight + style.Descent;
    // ---- layout --------------------------------------------------------------------------------------

    // The largest style whose wrapped text fits the height (and at most maxLines); else the smallest, cut with an ellipsis.
    private static (TextStyle Style, List<string> Lines) FitBlock(string text, TextStyle[] styles, float height, int maxLines)
    {
        for (var i = 0; i < styles.Length; i++)
        {
            var style = styles[i];
            var fits = 1;
            while (fits < maxLines && BlockHeight(style, fits + 1) <= height) fits++;
            var lines = Wrap(text, style.Font, ContentWidth);
            if (lines.Count <= fits || i == styles.Length - 1) return (style, Limit(lines, fits, style.Font));
        }
        throw new InvalidOperationException("unreachable");
    }

    private static List<string> FitLines(string text, TextStyle style, int maxLines) => Limit(Wrap(text, style.Font, ContentWidth), maxLines, style.Font);

    private static List<string> Limit(List<string> lines, int maxLines, SKFont font)
    {
        if (lines.Count <= maxLines) return lines;
        var kept = lines.GetRange(0, maxLines);
        kept[^1] = Ellipsize(kept[^1], font, ContentWidth, force: true);
        return kept;
    }

    // Word wrap at spaces; a word wider than the line is broken between characters.
    internal static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0) lines.Add(line);
            var rest = word;
            while (font.MeasureText(rest) > width)
            {
                var n = FittingPrefix(rest, font, width, "");
                lines.Add(rest[..n]);
                rest = rest[n..];
            }
            line = rest;
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }

    // The text if it fits, else cut (at a word if one fits, else between characters) and ended with an ellipsis.
    internal static string Ellipsize(string text, SKFont font, float width, bool force = false)
    {
        if (!force && font.MeasureText(text) <= width) return text;
        var cut = TrimForEllipsis(text);
        while (cut.Length > 0)
        {
            if (font.MeasureText(cut + Ellipsis) <= width) return cut + Ellipsis;
            var space = cut.LastIndexOf(' ');
            if (space <= 0) break;
            cut = TrimForEllipsis(cut[..space]);
        }
        // One word too wide: as many characters as fit.
        var word = TrimForEllipsis(text);
        var n = FittingPrefix(word, font, width, Ellipsis);
        return n == 0 ? "" : TrimForEllipsis(word[..n]) + Ellipsis;
    }

    private static string TrimForEllipsis(string s) => s.TrimEnd(' ', ',', ';', ':', '-', '\u2013', '\u2014', '(', '[', '/', '\u00B7');

    // The length of the longest prefix that fits with the suffix (at least one character when the suffix is empty).
    private static int FittingPrefix(string text, SKFont font, float width, string suffix)
    {
        int lo = 0, hi = text.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (font.MeasureText(string.Concat(text.AsSpan(0, mid), suffix)) <= width) lo = mid;
            else hi = mid - 1;
        }
        if (lo > 0 && lo < text.Length && char.IsLowSurrogate(text[lo])) lo--;
        return suffix.Length == 0 ? System.Math.Max(lo, System.Math.Min(text.Length, char.IsHighSurrogate(text[0]) ? 2 : 1)) : lo;
    }

    // Authors, comma-separated, wrapped at names; as many as fit in maxLines, then "et al." when any are left
    // out or the paper lists more than it names.
    private List<List<PlacedText>> LayoutAuthors(List<(string Name, bool Owner)> authors, bool truncated, int maxLines)
    {
        if (authors.Count == 0) return [];
        // The owner is always shown, as lists show her: when she is not among the first k names, the first k - 1, "…"
        // and her name take their place.
        var owner = authors.FindIndex(a => a.Owner);
        // The most that can fit, found without "et al.", then fewer until "et al." fits too.
        var shown = System.Math.Min(authors.Count, 40);
        var placed = shown;
        List<List<PlacedText>>? lines;
        if (owner < shown)
        {
            lines = TryAuthors(authors, shown, truncated, maxLines, out placed);
            if (lines is not null) return lines;
        }
        for (var k = placed; k >= 1; k--)
        {
            if (owner < k)
            {
                lines = TryAuthors(authors, k, etAl: true, maxLines, out _);
            }
            else
            {
                List<(string Name, bool Owner)> picked = [.. authors.Take(k - 1), ("…", false), authors[owner]];
                lines = TryAuthors(picked, picked.Count, etAl: truncated || owner < authors.Count - 1, maxLines, out _);
            }
            if (lines is not null) return lines;
        }
        // Not even one name and "et al.": the first name, cut to the line.
        var first = authors[0];
        var style = first.Owner ? _authorOwner : _author;
        return [[new PlacedText(first.Owner ? Part.Owner : Part.Author, Ellipsize(first.Name, style.Font, ContentWidth), style, Left, 0)]];
    }

    // Lays out the first `count` authors (and "et al." when asked or when count is short of all);
    // null when they do not fit; `placed` tells how many names fitted.
    private List<List<PlacedText>>? TryAuthors(List<(string Name, bool Owner)> authors, int count, bool etAl, int maxLines, out int placed)
    {
        etAl |= count < authors.Count;
        var lines = new List<List<PlacedText>> { new() };
        var x = 0f;
        var space = _author.Measure(" ");
        var comma = _author.Measure(",");
        placed = 0;
        for (var i = 0; i <= count; i++)
        {
            var isEtAl = i == count;
            if (isEtAl && !etAl) break;
            var (text, style) = isEtAl ? ("et al.", _author) : (authors[i].Name, authors[i].Owner ? _authorOwner : _author);
            var hasComma = !isEtAl && i < count - 1;
            var width = style.Measure(text) + (hasComma ? comma : 0);
            var start = lines[^1].Count == 0 ? 0 : x + space;
            if (start + width > ContentWidth)
            {
                if (lines.Count == maxLines || width > ContentWidth) return null;
                lines.Add([]);
                start = 0;
            }
            var part = isEtAl ? Part.Author : authors[i].Owner ? Part.Owner : Part.Author;
            lines[^1].Add(new PlacedText(part, text, style, Left + start, 0));
            x = start + style.Measure(text);
            if (hasComma)
            {
                lines[^1].Add(new PlacedText(Part.Punctuation, ",", _author, Left + x, 0));
                x += comma;
            }
            if (!isEtAl) placed = i + 1;
        }
        return lines;
    }

    // ---- text ----------------------------------------------------------------------------------------

    // One line of plain text the fonts can draw: NFC, whitespace and controls collapsed to single spaces,
    // invisible format characters dropped, and runs of characters the fonts lack transliterated to ASCII
    // (AnyAscii) so that CJK and other scripts show as readable Latin instead of empty boxes.
    internal string Prepare(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var s = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(s.Length);
        var missing = new StringBuilder();
        var afterTransliteration = false;
        foreach (var rune in s.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                Flush();
                afterTransliteration = false;
                sb.Append(' ');
            }
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                // zero-width joiners, soft hyphens, direction marks: nothing to draw
            }
            else if (Covers(rune))
            {
                Flush();
                if (afterTransliteration && Rune.IsLetterOrDigit(rune) && sb.Length > 0 && char.IsLetterOrDigit(sb[^1])) sb.Append(' ');
                afterTransliteration = false;
                sb.Append(rune.ToString());
            }
            else
            {
                missing.Append(rune.ToString());
            }
        }
        Flush();
        return CollapseSpaces(sb);

        void Flush()
        {
            if (missing.Length == 0) return;
            // Rune by rune (AnyAscii maps each on its own anyway), so that syllables it writes capitalised and run
            // together, as for Chinese ("张伟" → "ZhangWei"), can be set apart: "Zhang Wei".
            var ascii = new StringBuilder();
            foreach (var r in missing.ToString().EnumerateRunes())
            {
                var piece = r.ToString().Transliterate();
                if (piece.Length > 0 && char.IsAsciiLetterUpper(piece[0]) && ascii.Length > 0 && char.IsAsciiLetter(ascii[^1])) ascii.Append(' ');
                ascii.Append(piece);
            }
            missing.Clear();
            // Transliterated CJK comes out as syllables run together; keep it apart from the letters around it.
            if (sb.Length > 0 && char.IsLetterOrDigit(sb[^1]) && ascii.Length > 0 && char.IsLetterOrDigit(ascii[0])) sb.Append(' ');
            foreach (var c in ascii.ToString())
            {
                if (c < 0x80 && _covered[c]) sb.Append(c);
                else if (c is ' ' or '\t' or '\n') sb.Append(' ');
            }
            afterTransliteration = true;
        }
    }

    private bool Covers(Rune rune) => rune.Value < 0x10000 ? _covered[rune.Value] : _regularProbe.ContainsGlyph(rune.Value) && _boldProbe.ContainsGlyph(rune.Value);

    private static string CollapseSpaces(StringBuilder sb)
    {
        var result = new StringBuilder(sb.Length);
        for (var i = 0; i < sb.Length; i++)
        {
            var c = sb[i];
            if (c == ' ' && (result.Length == 0 || result[^1] == ' ')) continue;
            result.Append(c);
        }
        if (result.Length > 0 && result[^1] == ' ') result.Length--;
        return result.ToString();
    }

    // ---- styles --------------------------------------------------------------------------------------

    private SKPaint Fill(SKColor color)
    {
        var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        _owned.Add(paint);
        return paint;
    }

    private TextStyle Style(SKTypeface face, float size, float lineHeight, SKPaint paint, bool bold = false)
    {
        // No hinting and linear metrics: widths scale exactly with the size, and outlines do not depend on a hinter's
        // per-size decisions. Grey-scale anti-aliasing (no LCD subpixels) suits an image shown at any scale.
        var font = new SKFont(face, size)
        {
            Edging = SKFontEdging.Antialias,
            Hinting = SKFontHinting.None,
            Subpixel = true,
            LinearMetrics = true,
            // Given a single face, bold is drawn by thickening the regular outlines.
            Embolden = bold && face.FontWeight < 600,
        };
        _owned.Add(font);
        font.GetFontMetrics(out var metrics);
        var cap = metrics.CapHeight > 0 ? metrics.CapHeight : size * 0.72f;
        return new TextStyle(font, paint, size * lineHeight, cap, metrics.Descent > 0 ? metrics.Descent : size * 0.25f, bold);
    }

    /// <summary>A font at one size with its paint; read-only after construction, so shared between threads.</summary>
    internal sealed record TextStyle(SKFont Font, SKPaint Paint, float LineHeight, float CapHeight, float Descent, bool Bold)
    {
        public float Measure(string text) => Font.MeasureText(text);

        public void Draw(SKCanvas canvas, string text, float x, float baseline)
            => canvas.DrawText(text, x, baseline, SKTextAlign.Left, Font, Paint);
    }
}
