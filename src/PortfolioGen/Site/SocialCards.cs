using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using PortfolioGen.Pipelines;
using PortfolioGen.Scholarly.Visuals;

namespace PortfolioGen.Site;

/// <summary>
/// What one social card shows: everything that is drawn on it, and so everything its cache key is made of.
/// </summary>
public abstract record SocialCard
{
    /// <summary>Adds what is drawn to a hash, each piece tagged and length-prefixed so that no two cards collide.</summary>
    internal abstract void AppendTo(XxHash128 hash);

    /// <summary>Draws the card.</summary>
    internal abstract byte[] Draw(SocialCardRenderer renderer);

    /// <summary>A one-line description of the card for <c>og:image:alt</c>: the text it shows.</summary>
    public abstract string Alt { get; }

    private protected static void Add(XxHash128 hash, string tag, string? value)
    {
        Span<byte> length = stackalloc byte[5];
        length[0] = value is null ? (byte)0 : (byte)1;
        BitConverter.TryWriteBytes(length[1..], value?.Length ?? 0);
        hash.Append(MemoryMarshal.AsBytes(tag.AsSpan()));
        hash.Append(length);
        if (value is not null) hash.Append(MemoryMarshal.AsBytes(value.AsSpan()));
    }
}

/// <summary>A paper's card: title, listed authors (the owner marked), date, category and the site's name.</summary>
/// <param name="View">The paper.</param>
/// <param name="SiteName">The site's name, in the card's footer.</param>
/// <param name="OwnerName">The owner's name (her name is set in bold).</param>
public sealed record PaperSocialCard(PaperView View, string SiteName, string OwnerName) : SocialCard
{
    internal override void AppendTo(XxHash128 hash)
    {
        var p = View.Paper;
        Add(hash, "paper", p.TitleMarkup.Readable);
        foreach (var a in View.Authors) Add(hash, a.IsOwner ? "owner" : "author", a.Name);
        Add(hash, "truncated", p.AuthorsTruncated ? "yes" : "no");
        Add(hash, "date", p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(hash, "category", p.Category.Code);
        Add(hash, "category-name", p.Category.Name);
        Add(hash, "category-known", p.Category.Known ? "yes" : "no");
        Add(hash, "site", SiteName);
        Add(hash, "owner-name", OwnerName);
    }

    internal override byte[] Draw(SocialCardRenderer renderer) => renderer.RenderPaper(View, SiteName, OwnerName);

    /// <inheritdoc />
    public override string Alt => AltText(View.Paper, View.Authors, SiteName);

    /// <summary>
    /// What a paper's card says, as one line of text. Its authors are named as lists name them (see
    /// <see cref="PaperView.ListAuthors"/>): ten at most, the owner among them, then the total.
    /// </summary>
    public static string AltText(Profiles.Paper p, System.Collections.Immutable.ImmutableArray<AuthorView> authorViews, string siteName)
    {
        var (shown, gap, after) = PaperView.ListAuthors(authorViews);
        var names = shown.Select(i => authorViews[i].Name).ToList();
        if (gap > 0) names.Insert(names.Count - 1, "…");
        var authors = string.Join(", ", names) + (after > 0 || p.AuthorsTruncated ? " et al." : "")
            + (shown.Length < authorViews.Length
                ? string.Create(CultureInfo.InvariantCulture, $" ({(p.AuthorsTruncated ? "at least " : "")}{authorViews.Length:N0} authors)") : "");
        return $"{p.TitleMarkup.Readable} — {authors} · {p.Date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)} · {p.Category.Code} {TopicNames.Plain(p.Category)} · {siteName}";
    }
}

/// <summary>The home page's card: the owner's name, her research area, headline figures and the site's address.</summary>
/// <param name="OwnerName">The owner's name.</param>
/// <param name="Area">The research area (the tagline, else the primary category's name), or null.</param>
/// <param name="Figures">A line of figures ("21 papers · 587 citations · h-index 17"), or null.</param>
/// <param name="SiteName">The site's name or address, in the footer.</param>
public sealed record HomeSocialCard(string OwnerName, string? Area, string? Figures, string SiteName) : SocialCard
{
    internal override void AppendTo(XxHash128 hash)
    {
        Add(hash, "home", OwnerName);
        Add(hash, "area", Area);
        Add(hash, "figures", Figures);
        Add(hash, "site", SiteName);
    }

    internal override byte[] Draw(SocialCardRenderer renderer) => renderer.RenderHome(OwnerName, Area, Figures, SiteName);

    /// <inheritdoc />
    public override string Alt => string.Join(" · ", new[] { OwnerName, Area, Figures, SiteName }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>The home card of a site.</summary>
    public static HomeSocialCard For(SiteContext site)
    {
        var profile = site.Profile;
        var f = profile.Figures;
        var figures = new List<string> { Count(f.Papers ?? profile.Papers.Length, "paper") };
        if (f.Citations is { } citations) figures.Add(Count(citations, "citation"));
        if (f.HIndex is { } h) figures.Add("h-index " + h.ToString(CultureInfo.InvariantCulture));
        var area = site.Settings.Owner.Tagline ?? profile.PrimaryCategory?.Name;
        // The footer names the site's address: the title is usually the owner's name, already on the card in large.
        var address = site.Urls.BaseUrl is { } b ? b.Host + b.AbsolutePath.TrimEnd('/') : site.Title;
        return new HomeSocialCard(profile.Name, area, string.Join(" · ", figures), address);

        static string Count(int n, string what) => n.ToString("N0", CultureInfo.InvariantCulture) + " " + what + (n == 1 ? "" : "s");
    }
}

/// <summary>
/// Draws social cards, or finds them already drawn: PNGs are kept outside the output folder under
/// <c>&lt;site&gt;/.portfoliogen/cache/cards/&lt;key&gt;.png</c>, the key a hash of everything the card shows, the fonts,
/// the renderer's <see cref="SocialCardRenderer.DrawingVersion"/> and SkiaSharp's version. A card whose paper did not
/// change is so never drawn again, by any build of the site (drawing and encoding one takes about 8 ms). An index
/// beside them (<c>index.tsv</c>) records each card's content hash and length, so that a card the output already has
/// is not even read. One instance serves one build; the renderer (fonts loaded once) is made only when a card has to
/// be drawn. Thread-safe.
/// </summary>
public sealed class SocialCardCache : IDisposable
{
    /// <summary>The cache folder under the site folder.</summary>
    public static readonly string RelativeDirectory = Path.Combine(".portfoliogen", "cache", "cards");

    /// <summary>The index's file name in the cache folder.</summary>
    public const string IndexName = "index.tsv";

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private readonly IReadOnlyList<string> _fontFiles;
    private readonly Lazy<UInt128> _drawingKey;
    private readonly Lazy<SocialCardRenderer> _renderer;
    private readonly Lazy<ConcurrentDictionary<string, (string Hash, long Length)>> _index;
    private readonly ConcurrentDictionary<string, bool> _used = new(StringComparer.Ordinal);
    private int _drawn;
    private int _reused;
    private int _indexChanged;

    /// <summary>A cache in <paramref name="directory"/> for cards drawn with <paramref name="fontFiles"/>.</summary>
    public SocialCardCache(string directory, IReadOnlyList<string> fontFiles)
    {
        Directory = directory;
        _fontFiles = fontFiles;
        _drawingKey = new Lazy<UInt128>(DrawingKey);
        _renderer = new Lazy<SocialCardRenderer>(() => new SocialCardRenderer(_fontFiles));
        _index = new Lazy<ConcurrentDictionary<string, (string, long)>>(ReadIndex);
    }

    /// <summary>The cache folder for a site folder.</summary>
    public static string DirectoryFor(string siteRoot) => Path.Combine(siteRoot, RelativeDirectory);

    /// <summary>The cache folder (full path).</summary>
    public string Directory { get; }

    /// <summary>Cards drawn by this build.</summary>
    public int Drawn => _drawn;

    /// <summary>Cards this build found already drawn.</summary>
    public int Reused => _reused;

    /// <summary>The cache key of a card: 32 hexadecimal digits.</summary>
    public string KeyOf(SocialCard card)
    {
        var hash = new XxHash128();
        var drawing = _drawingKey.Value;
        hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<UInt128>(in drawing)));
        card.AppendTo(hash);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The content hash (as the output's manifest records it) and length of the card with this key, when a build recorded them.</summary>
    public bool TryGetKnown(string key, out string hash, out long length)
    {
        var found = _index.Value.TryGetValue(key, out var known);
        (hash, length) = found ? known : ("", 0);
        return found;
    }

    /// <summary>Counts a card the output already had, so was neither read nor drawn.</summary>
    public void Kept(string key)
    {
        _used[key] = true;
        Interlocked.Increment(ref _reused);
    }

    /// <summary>Records a card's content hash and length for later builds.</summary>
    public void Remember(string key, string hash, long length)
    {
        var index = _index.Value;
        if (index.TryGetValue(key, out var known) && known == (hash, length)) return;
        index[key] = (hash, length);
        Interlocked.Exchange(ref _indexChanged, 1);
    }

    /// <summary>
    /// The PNG of the card with this key: read from the cache, or drawn now and put there (written to a temporary
    /// file and renamed, so a reader never sees half a card, even with two builds at once).
    /// </summary>
    public byte[] Get(SocialCard card, string key)
    {
        var path = Path.Combine(Directory, key + ".png");
        _used[key] = true;
        try
        {
            var cached = File.ReadAllBytes(path);
            Interlocked.Increment(ref _reused);
            return cached;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not drawn yet (or the cache cannot be read): draw it.
        }
        var png = card.Draw(_renderer.Value);
        Interlocked.Increment(ref _drawn);
        var temp = Path.Combine(Directory, $".{key}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllBytes(temp, png);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written (a read-only site folder) only means the card is drawn again next time.
            try { File.Delete(temp); } catch (Exception f) when (f is IOException or UnauthorizedAccessException) { }
        }
        return png;
    }

    /// <summary>
    /// After a successful build: saves the index, and when the build drew cards, removes the cached cards it did
    /// not use (an edited paper's old card, a removed paper's), so the cache holds about one card per page. A build
    /// that drew nothing changed nothing, so it leaves the cards alone.
    /// </summary>
    public void Commit()
    {
        try
        {
            Save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The site is written; a cache that cannot be tidied only costs work in a later build.
        }
    }

    private void Save()
    {
        var prune = _drawn > 0;
        if (prune && System.IO.Directory.Exists(Directory))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.png"))
            {
                var name = Path.GetFileName(file);
                if (name.Length != 36 || name.AsSpan(0, 32).ContainsAnyExcept(LowerHex) || _used.ContainsKey(name[..32])) continue;
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Another build may be reading it; it goes next time.
                }
            }
        }
        if (!prune && _indexChanged == 0) return;
        var lines = new StringBuilder();
        foreach (var (key, (hash, length)) in _index.Value.Where(e => !prune || _used.ContainsKey(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            lines.Append(key).Append('\t').Append(hash).Append('\t').Append(length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, IndexName);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, lines.ToString());
        File.Move(temp, path, overwrite: true);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_renderer.IsValueCreated) _renderer.Value.Dispose();
    }

    private ConcurrentDictionary<string, (string, long)> ReadIndex()
    {
        var index = new ConcurrentDictionary<string, (string, long)>(StringComparer.Ordinal);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(Directory, IndexName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return index;
        }
        foreach (var line in lines)
        {
            // A damaged line only means that card is read from its file (or drawn) again.
            var parts = line.Split('\t');
            if (parts.Length == 3 && parts[0].Length == 32 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                index[parts[0]] = (parts[1], length);
            }
        }
        return index;
    }

    // What the pixels depend on besides the card's text: the drawing code, the fonts, SkiaSharp.
    private UInt128 DrawingKey()
    {
        var hash = new XxHash128();
        hash.Append(Encoding.UTF8.GetBytes("portfoliogen-card/" + SocialCardRenderer.DrawingVersion.ToString(CultureInfo.InvariantCulture) + "/"
            + (typeof(SkiaSharp.SKBitmap).Assembly.GetName().Version?.ToString() ?? "?") + "/"));
        foreach (var font in _fontFiles)
        {
            hash.Append(Encoding.UTF8.GetBytes(Path.GetFileName(font) + "\0"));
            hash.Append(File.ReadAllBytes(font));
        }
        return hash.GetCurrentHashAsUInt128();
    }
}

/// <summary>
/// Gives each card document its PNG, staged in the output (see <see cref="SocialCardCache"/>): a card the output
/// already has is kept without being read; otherwise it comes from the cache, or is drawn. Staged here, one at a
/// time, so ten thousand cards are never all in memory.
/// </summary>
public sealed class DrawSocialCards : SyncModule
{
    /// <inheritdoc />
    protected override Document? Execute(Document input, IExecutionContext context)
    {
        var cache = context.GetService<SocialCardCache>();
        var output = context.GetService<Output.OutputFolder>();
        var card = input.GetRequired<SocialCard>(Keys.SocialCard);
        var key = cache.KeyOf(card);
        if (cache.TryGetKnown(key, out var hash, out var length) && output.StageUnchanged(input.Destination, hash, length) is { } kept)
        {
            cache.Kept(key);
            return input.WithContent(new StagedContent(kept));
        }
        var png = cache.Get(card, key);
        var staged = output.Stage(input.Destination, png);
        cache.Remember(key, staged.Hash, staged.Length);
        return input.WithContent(new StagedContent(staged));
    }
}

/// <summary>Once the site is written, saves the card cache's index and lets go of cards no longer used (see <see cref="SocialCardCache.Commit"/>).</summary>
public sealed class CommitSocialCardCache : IModule
{
    /// <inheritdoc />
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        context.GetService<SocialCardCache>().Commit();
        return Task.FromResult(inputs);
    }
}
