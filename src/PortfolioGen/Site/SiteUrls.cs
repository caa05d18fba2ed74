namespace PortfolioGen.Site;

/// <summary>
/// The site's URLs. Internal links are root-relative with the base path (<c>/portfolio/papers/x/</c>),
/// so they work on a custom domain and on a GitHub Pages project site alike; absolute URLs (canonical,
/// feeds, sitemap) exist only when the base URL is known.
/// </summary>
public sealed class SiteUrls
{
    /// <summary>Creates the URLs of a site served from <paramref name="baseUrl"/> (null when unknown: root-relative only).</summary>
    public SiteUrls(Uri? baseUrl)
    {
        BaseUrl = baseUrl;
        BasePath = baseUrl?.AbsolutePath is { Length: > 0 } p ? (p.EndsWith('/') ? p : p + "/") : "/";
        _absoluteBase = baseUrl is null ? null : baseUrl.GetLeftPart(UriPartial.Authority) + BasePath;
        Key = (_absoluteBase ?? "") + "\0" + BasePath;
    }

    /// <summary>
    /// What every URL these make depends on (the absolute base, the base path), as one string: what a session keeps
    /// under it (a list entry, a feed entry, the sitemap) is made again when it changes.
    /// </summary>
    public string Key { get; }

    // The scheme, host and base path, made once: Absolute is called for every link of every feed entry and page head.
    private readonly string? _absoluteBase;

    /// <summary>The absolute base URL, ending in '/', or null.</summary>
    public Uri? BaseUrl { get; }

    /// <summary>The path the site is served under: <c>/</c>, or <c>/portfolio/</c> for a project site.</summary>
    public string BasePath { get; }

    /// <summary>
    /// Whether <paramref name="url"/> is absolute: a scheme (<c>https:</c>, <c>mailto:</c>: letters, digits and
    /// <c>+ - .</c> before a colon) or protocol-relative (<c>//host/</c>). Templates' <c>url</c> leaves such links as they
    /// are, and the link check does not follow them.
    /// </summary>
    public static bool IsAbsolute(ReadOnlySpan<char> url)
    {
        if (url.StartsWith("//")) return true;
        var colon = url.IndexOf(':');
        if (colon <= 0) return false;
        foreach (var c in url[..colon])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        }
        return true;
    }

    /// <summary>
    /// The root-relative URL of a site path (<c>papers/x/</c> → <c>/portfolio/papers/x/</c>), every character of it that
    /// a URL's path cannot hold as it is percent-encoded (see <see cref="EncodePath"/>): <c>Über uns/</c> →
    /// <c>/portfolio/%C3%9Cber%20uns/</c>, <c>teaching/C#/</c> → <c>/portfolio/teaching/C%23/</c>. For the path of a file
    /// of the site; a link that may carry a <c>#fragment</c> or <c>?query</c> is <see cref="Link"/>'s.
    /// </summary>
    public string Url(string sitePath) => Rooted(EncodePath(sitePath));

    /// <summary>The absolute URL of a site path (encoded as <see cref="Url"/> encodes it), or null without a base URL.</summary>
    public string? Absolute(string sitePath) => AbsoluteOf(EncodePath(sitePath));

    /// <summary>
    /// The root-relative URL of a link written as a site path by a theme (its <c>url</c> function): as <see cref="Url"/>,
    /// but a <c>#fragment</c>, a <c>?query</c> and a <c>%</c> escape keep their meaning (<c>about/#team</c> →
    /// <c>/portfolio/about/#team</c>; see <see cref="EncodeLink"/>).
    /// </summary>
    public string Link(string link) => Rooted(EncodeLink(link));

    /// <summary>The absolute URL of a link written as a site path (encoded as <see cref="Link"/> encodes it), or null without a base URL.</summary>
    public string? AbsoluteLink(string link) => AbsoluteOf(EncodeLink(link));

    private string Rooted(string encoded)
        => encoded.Length > 0 && encoded[0] == '/' ? string.Concat(BasePath, encoded.AsSpan().TrimStart('/')) : BasePath + encoded;

    private string? AbsoluteOf(string encoded) => _absoluteBase is null ? null : string.Concat(_absoluteBase, encoded.AsSpan().TrimStart('/'));

    // What a URL's path may hold as it is (RFC 3986's pchar and '/'): the ASCII letters, digits and punctuation but
    // " # % < > ? [ \ ] ^ ` { | } ('[' and ']' only in a host; '#' and '?' end the path; '%' starts an escape). Slugs are
    // made of these alone.
    private static readonly System.Buffers.SearchValues<char> PathSafe = System.Buffers.SearchValues.Create(
        "!$&'()*+,-./0123456789:;=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~");

    // What a link may also hold as it is: '#' and '?' start its fragment and query ('%' is looked at where it stands).
    private static readonly System.Buffers.SearchValues<char> LinkSafe = System.Buffers.SearchValues.Create(
        "!#$&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~");

    /// <summary>
    /// A site path as a URL's path, every character that a path cannot hold as it is percent-encoded as UTF-8. A site
    /// path is the path of a file of the site, so its characters are all the path's: a page's file or folder name with a
    /// space, a letter beyond ASCII, '#', '?' or '%' (<c>content/Über uns.md</c>, <c>content/teaching/C#.md</c>,
    /// <c>content/50%.md</c>) gets the URL browsers send for it and a sitemap must have (<c>%C3%9Cber%20uns/</c>,
    /// <c>teaching/C%23/</c>, <c>50%25/</c>), not one whose '#' starts a fragment or whose '%' is read as an escape.
    /// </summary>
    public static string EncodePath(string sitePath) => Encode(sitePath, PathSafe, keepEscapes: false);

    /// <summary>
    /// A link written as a site path, with what a URL cannot hold as it is percent-encoded as UTF-8 (as
    /// <see cref="EncodePath"/>), but its '#' and '?' kept, and a '%' that starts an escape (two hex digits follow): a
    /// theme's <c>about/#team</c>, <c>search/?q=x</c> or <c>%C3%9Cber/</c> keeps its meaning. A '%' that starts no escape
    /// is the character itself (<c>100% sure/</c> → <c>100%25%20sure/</c>).
    /// </summary>
    public static string EncodeLink(string link) => Encode(link, LinkSafe, keepEscapes: true);

    private static string Encode(string text, System.Buffers.SearchValues<char> safe, bool keepEscapes)
    {
        // One scan for what a slug is made of (a '%' is looked at below).
        var first = text.AsSpan().IndexOfAnyExcept(safe);
        if (first < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16).Append(text, 0, first);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                // In a link, kept as the escape it starts; one that starts none, and every '%' of a path, is the character itself.
                sb.Append(keepEscapes && IsEscape(text, i) ? "%" : "%25");
                continue;
            }
            if (safe.Contains(c))
            {
                sb.Append(c);
                continue;
            }
            // A surrogate pair is one character of four bytes; a lone surrogate (no file name has one) is U+FFFD's three.
            var rune = System.Text.Rune.TryGetRuneAt(text, i, out var r) ? r : System.Text.Rune.ReplacementChar;
            if (rune.Utf16SequenceLength == 2) i++;
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length]) sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    // Whether the '%' at `at` starts an escape: two hex digits follow.
    private static bool IsEscape(string s, int at) => at + 2 < s.Length && char.IsAsciiHexDigit(s[at + 1]) && char.IsAsciiHexDigit(s[at + 2]);

    /// <summary>The site path of a paper's page.</summary>
    public static string PaperPath(string slug) => $"papers/{slug}/";

    /// <summary>The output file of a paper's page (<c>papers/x/index.html</c>).</summary>
    public static string PaperPage(string slug) => $"papers/{slug}/index.html";

    /// <summary>The slug of a paper's page by its output file (<c>papers/x/index.html</c> → <c>x</c>), or null for another file.</summary>
    public static string? PaperSlugOf(string destination)
        => destination.StartsWith("papers/", StringComparison.Ordinal) && destination.EndsWith("/index.html", StringComparison.Ordinal)
           && destination.Length > "papers//index.html".Length && destination.IndexOf('/', "papers/".Length) == destination.Length - "/index.html".Length
            ? destination["papers/".Length..^"/index.html".Length] : null;

    /// <summary>The site path of a co-author's page.</summary>
    public static string CoAuthorPath(string slug) => $"coauthors/{slug}/";

    /// <summary>The site path of a topic's page.</summary>
    public static string TopicPath(Profiles.Category category) => $"topics/{category.Slug}/";

    /// <summary>The output file of a site path (<c>papers/x/</c> → <c>papers/x/index.html</c>).</summary>
    public static string FileOf(string sitePath) => sitePath.Length == 0 || sitePath.EndsWith('/') ? sitePath + "index.html" : sitePath;

    /// <summary>The site path of an output file (<c>papers/x/index.html</c> → <c>papers/x/</c>).</summary>
    public static string PathOf(string destination)
        => destination == "index.html" ? "" : destination.EndsWith("/index.html", StringComparison.Ordinal) ? destination[..^"index.html".Length] : destination;
}
