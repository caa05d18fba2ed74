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
    /// The root-relative URL of a site path (<c>papers/x/</c> → <c>/portfolio/papers/x/</c>). What a URL cannot hold as
    /// it is (see <see cref="Encode"/>) is percent-encoded: <c>Über uns/</c> → <c>/portfolio/%C3%9Cber%20uns/</c>.
    /// </summary>
    public string Url(string sitePath)
    {
        var encoded = Encode(sitePath);
        return encoded.Length > 0 && encoded[0] == '/' ? string.Concat(BasePath, encoded.AsSpan().TrimStart('/')) : BasePath + encoded;
    }

    /// <summary>The absolute URL of a site path (percent-encoded as <see cref="Url"/> is), or null without a base URL.</summary>
    public string? Absolute(string sitePath) => _absoluteBase is null ? null : string.Concat(_absoluteBase, Encode(sitePath).AsSpan().TrimStart('/'));

    // What a URL's path may hold as it is (RFC 3986): the ASCII letters, digits and punctuation but " < > [ \ ] ^ ` { | }
    // ('[' and ']' only in a host). '%' (when it starts an escape), '#' and '?' stay, so that a template's escape,
    // '#fragment' or '?query' keeps its meaning; slugs are made of these alone.
    private static readonly System.Buffers.SearchValues<char> UrlSafe = System.Buffers.SearchValues.Create(
        "!#$&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~");

    /// <summary>
    /// A site path with every character a URL cannot hold as it is percent-encoded as UTF-8: a page's file name with a
    /// space or a letter beyond ASCII (<c>content/Über uns.md</c>) gets the URL browsers send for it and a sitemap must
    /// have (<c>%C3%9Cber%20uns/</c>), not one that a sitemap reader refuses.
    /// </summary>
    public static string Encode(string sitePath)
    {
        // One scan for what a slug is made of (a '%' is looked at below).
        var first = sitePath.AsSpan().IndexOfAnyExcept(UrlSafe);
        if (first < 0) return sitePath;
        var sb = new System.Text.StringBuilder(sitePath.Length + 16).Append(sitePath, 0, first);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = first; i < sitePath.Length; i++)
        {
            var c = sitePath[i];
            if (c == '%')
            {
                // Kept as the escape it starts; one that starts none is the character itself ("100% sure/" → 100%25%20sure/).
                sb.Append(IsEscape(sitePath, i) ? "%" : "%25");
                continue;
            }
            if (UrlSafe.Contains(c))
            {
                sb.Append(c);
                continue;
            }
            // A surrogate pair is one character of four bytes; a lone surrogate (no file name has one) is U+FFFD's three.
            var rune = System.Text.Rune.TryGetRuneAt(sitePath, i, out var r) ? r : System.Text.Rune.ReplacementChar;
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
