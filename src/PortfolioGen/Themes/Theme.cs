using System.Collections.Frozen;
using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;
using PortfolioGen.Site;
using PortfolioGen.Text;
using Scriban;

namespace PortfolioGen.Themes;

/// <summary>A theme asset, copied into the site under a name that carries a hash of its content.</summary>
/// <param name="Name">The name inside the theme's <c>assets/</c> folder (<c>style.css</c>).</param>
/// <param name="OutputPath">Where it is written (<c>assets/style.1a2b3c4d.css</c>).</param>
/// <param name="Bytes">The content (for CSS, with references to other assets rewritten).</param>
public sealed record ThemeAsset(string Name, string OutputPath, byte[] Bytes);

/// <summary>
/// A loaded theme: its templates parsed once (errors reported as file(line,col)), its assets fingerprinted.
/// A theme may extend another (<c>extends: default</c> in <c>theme.yml</c>) and override only some files.
/// </summary>
public sealed partial class Theme
{
    private readonly FrozenDictionary<string, Template> _byPath;
    private readonly FrozenDictionary<string, ThemeAsset> _assets;

    private Theme(string name, IReadOnlyList<string> roots, ThemeTemplateLoader loader, FrozenDictionary<string, Template> byPath,
        FrozenDictionary<string, ThemeAsset> assets, string baseLayout, string fingerprint, IReadOnlyList<string> fontFiles)
    {
        FontFiles = fontFiles;
        Name = name;
        Roots = roots;
        Loader = loader;
        _byPath = byPath;
        _assets = assets;
        BaseLayout = baseLayout;
        Fingerprint = fingerprint;
    }

    /// <summary>The theme's name (its folder name).</summary>
    public string Name { get; }

    /// <summary>Its folders, most specific first.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>The loader <c>include</c> uses.</summary>
    public ThemeTemplateLoader Loader { get; }

    /// <summary>The layout that wraps every page's layout (<c>base</c> unless theme.yml says otherwise); empty for none.</summary>
    public string BaseLayout { get; }

    /// <summary>A hash of every template and asset: when it changes, every page must be rendered again.</summary>
    public string Fingerprint { get; }

    /// <summary>The parsed templates by full path (Scriban's include cache is filled from this).</summary>
    public IReadOnlyDictionary<string, Template> Templates => _byPath;

    /// <summary>
    /// The font files (TTF or OTF) in the theme's <c>fonts/</c> folder, full paths in name order (a file in a more
    /// specific theme hides the one of the same name it extends). They draw the social cards; they are not copied
    /// into the site. Empty when the theme has none.
    /// </summary>
    public IReadOnlyList<string> FontFiles { get; }

    /// <summary>The assets, by name.</summary>
    public IReadOnlyDictionary<string, ThemeAsset> Assets => _assets;

    /// <summary>The parsed layout <c>layouts/&lt;name&gt;.sbn</c>, or null when the theme has none.</summary>
    public Template? Layout(string name)
        => Loader.Resolve($"layouts/{name}.sbn") is { } path && _byPath.TryGetValue(path, out var t) ? t : null;

    /// <summary>
    /// Finds a theme: a path (relative to the site folder) or a name looked up in the site's <c>themes/</c>
    /// folder and then among the themes that ship with PortfolioGen.
    /// </summary>
    public static string? Locate(string theme, string siteRoot, out IReadOnlyList<string> searched)
    {
        var candidates = new List<string>();
        if (theme.Contains('/', StringComparison.Ordinal) || theme.Contains('\\', StringComparison.Ordinal) || theme.StartsWith('.'))
        {
            candidates.Add(Path.GetFullPath(Path.Combine(siteRoot, theme)));
        }
        else
        {
            candidates.Add(Path.Combine(siteRoot, "themes", theme));
            candidates.Add(Path.Combine(AppContext.BaseDirectory, "themes", theme));
        }
        searched = candidates;
        return candidates.FirstOrDefault(Directory.Exists);
    }

    /// <summary>
    /// Loads a theme folder; problems go to <paramref name="diagnostics"/> with paths shown relative to <paramref name="siteRoot"/>.
    /// A file or folder of the theme that cannot be read (a link to nothing, one it may not read) is an error naming it.
    /// </summary>
    public static Theme? Load(string directory, string siteRoot, List<Diagnostic> diagnostics)
    {
        try
        {
            return LoadFolders(directory, siteRoot, diagnostics);
        }
        catch (UnreadableThemeFile e)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ThemeFileNotReadable, Show(e.Path, siteRoot), 0, 0, $"the theme's {e.What} cannot be read: {e.Why}"));
            return null;
        }
    }

    private static Theme? LoadFolders(string directory, string siteRoot, List<Diagnostic> diagnostics)
    {
        var roots = new List<string>();
        var baseLayout = "base";
        // Where a theme.yml named the base layout (the nearest one that does: a theme that extends another keeps its
        // choice unless it makes its own), to report a base layout the theme does not have there.
        Action<string>? baseNamedAt = null;
        var current = Path.GetFullPath(directory);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(current));
        while (true)
        {
            if (roots.Contains(current, StringComparer.Ordinal))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ThemeManifest, Show(Path.Combine(current, "theme.yml"), siteRoot), 1, 1, "themes extend each other in a cycle"));
                return null;
            }
            roots.Add(current);
            var manifest = Path.Combine(current, "theme.yml");
            string? extends = null;
            YamlReader.Map? extendsAt = null;
            if (File.Exists(manifest))
            {
                var errors = diagnostics.Count;
                var text = Read(manifest, path => UnicodeText.ReadFile(path, Show(path, siteRoot), diagnostics));
                if (diagnostics.Count > errors) return null;
                var (_, map) = YamlReader.Parse(text, Show(manifest, siteRoot), 0, diagnostics,
                    DiagnosticCodes.ThemeManifest, DiagnosticCodes.ThemeManifest, DiagnosticCodes.ThemeManifest);
                if (map is null) return null;
                map.String("name");
                map.String("description");
                map.String("version");
                map.String("license");
                map.String("author");
                if (baseNamedAt is null && map.String("base") is { } b)
                {
                    baseLayout = b;
                    var (reader, node) = (map.Reader, map.Raw("base")!);
                    baseNamedAt = message => reader.Invalid(node, DiagnosticCodes.TemplateNotFound, message);
                }
                extends = map.String("extends");
                extendsAt = map;
                map.ReportUnknownKeys(["name", "description", "version", "license", "author", "base", "extends"]);
            }
            if (extends is null) break;
            var parent = Locate(extends, Path.GetDirectoryName(Path.GetDirectoryName(current)!)!, out var searched)
                         ?? Locate(extends, siteRoot, out searched);
            if (parent is null)
            {
                extendsAt!.Reader.Invalid(extendsAt.Raw("extends")!, DiagnosticCodes.ThemeNotFound,
                    $"the theme extends '{extends}', which was not found (looked in {string.Join(", ", searched.Select(s => Show(s, siteRoot)))})");
                return null;
            }
            current = Path.GetFullPath(parent);
        }

        // A folder with no layouts would fail every page, each for the layout it lacks: it is not a theme (the themes/
        // folder itself, say, or an empty folder).
        if (!roots.Any(r => Directory.Exists(Path.Combine(r, "layouts"))))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ThemeNotFound, Show(roots[0], siteRoot), 0, 0,
                "this folder is not a theme: it has no layouts/ folder (a theme has layouts/*.sbn, or a theme.yml that extends a theme that has)"));
            return null;
        }
        var loader = new ThemeTemplateLoader(roots);
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        var hash = new XxHash128();
        var failed = false;
        foreach (var relative in Files(roots, "layouts", "*.sbn").Concat(Files(roots, "partials", "*.sbn")))
        {
            var full = loader.Resolve(relative)!;
            var errors = diagnostics.Count;
            var text = Read(full, path => UnicodeText.ReadFile(path, Show(path, siteRoot), diagnostics));
            if (diagnostics.Count > errors)
            {
                failed = true;
                continue;
            }
            hash.Append(Encoding.UTF8.GetBytes(relative + "\0" + text + "\0"));
            var template = Template.Parse(text, full);
            if (template.HasErrors)
            {
                failed = true;
                foreach (var (line, column, message) in TemplateBlocks.Describe(text, template.Messages))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.TemplateSyntax, Show(full, siteRoot), line, column, message));
                }
                continue;
            }
            templates[full] = template;
        }
        if (failed) return null;
        // A base layout theme.yml names must be there: without it every page would lose its <head> and <html lang>
        // (a typo in `base`, a renamed file). `base: ""` says there is none; without `base`, layouts/base.sbn is
        // used when the theme has it.
        if (baseLayout.Length > 0 && (!ThemeTemplateLoader.IsSafeName($"layouts/{baseLayout}.sbn") || loader.Resolve($"layouts/{baseLayout}.sbn") is null))
        {
            if (baseNamedAt is not null)
            {
                var layouts = Files(roots, "layouts", "*.sbn").Select(f => f["layouts/".Length..^".sbn".Length]);
                baseNamedAt($"the base layout '{baseLayout}' is not in the theme: there is no layouts/{baseLayout}.sbn (layouts: {string.Join(", ", layouts)}; `base: \"\"` for none)");
                return null;
            }
            baseLayout = "";
        }
        // The fingerprint stands for every page's theme (the render and document caches of serve trust it): it also takes
        // the base layout theme.yml picks, and every other file a template may include (a partial that is not .sbn, a
        // data file, theme.yml itself). Fonts draw only the social cards (their list is part of the build's environment);
        // hidden entries (.git) are no template's.
        hash.Append(Encoding.UTF8.GetBytes("base\0" + baseLayout + "\0"));
        foreach (var relative in Files(roots, ".", "*").Where(IsOtherThemeFile))
        {
            var full = roots.Select(r => Path.Combine(r, relative)).First(File.Exists);
            hash.Append(Encoding.UTF8.GetBytes(relative + "\0"));
            hash.Append(Read(full, File.ReadAllBytes));
            hash.Append("\0"u8);
        }

        var assets = LoadAssets(roots, hash, (file, line, column, message)
            => diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.BrokenLink, Show(file, siteRoot), line, column, message)));
        var digest = Convert.ToHexStringLower(hash.GetCurrentHash())[..16];
        var fonts = Files(roots, "fonts", "*")
            .Where(f => f.EndsWith(".otf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase))
            .Select(f => roots.Select(r => Path.Combine(r, f)).First(File.Exists))
            .ToList();
        // Read only for the social cards, later: a font that cannot be read is found now, while the theme is loaded.
        foreach (var font in fonts) Read(font, path => File.OpenHandle(path)).Dispose();
        return new Theme(name, roots, loader, templates.ToFrozenDictionary(StringComparer.Ordinal), assets, baseLayout, digest, fonts);
    }

    // A file of a theme the fingerprint has not taken with the templates and assets.
    private static bool IsOtherThemeFile(string relative)
        => !relative.StartsWith("assets/", StringComparison.Ordinal) && !relative.StartsWith("fonts/", StringComparison.Ordinal)
           && !(relative.EndsWith(".sbn", StringComparison.Ordinal) && (relative.StartsWith("layouts/", StringComparison.Ordinal) || relative.StartsWith("partials/", StringComparison.Ordinal)))
           && !relative.Split('/').Any(segment => segment.StartsWith('.'));

    // Relative names of the files under a sub-folder of any root; a file in a more specific root hides the same name further down.
    private static IEnumerable<string> Files(IReadOnlyList<string> roots, string folder, string pattern)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            var dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir)) continue;
            try
            {
                foreach (var file in Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories))
                {
                    names.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The enumeration does not say which folder below dir it could not list; the message does.
                throw new UnreadableThemeFile(Path.GetFullPath(dir), "folder", e);
            }
        }
        return names;
    }

    private static FrozenDictionary<string, ThemeAsset> LoadAssets(IReadOnlyList<string> roots, XxHash128 themeHash, Action<string, int, int, string> broken)
    {
        var names = Files(roots, "assets", "*").Select(n => n["assets/".Length..]).ToList();
        var all = names.ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, ThemeAsset>(StringComparer.Ordinal);
        // Stylesheets last: their url(...) references to other assets are rewritten to the fingerprinted names.
        foreach (var assetName in names.OrderBy(n => n.EndsWith(".css", StringComparison.OrdinalIgnoreCase) ? 1 : 0).ThenBy(n => n, StringComparer.Ordinal))
        {
            var full = roots.Select(r => Path.Combine(r, "assets", assetName)).First(File.Exists);
            var bytes = Read(full, File.ReadAllBytes);
            if (assetName.EndsWith(".css", StringComparison.OrdinalIgnoreCase))
            {
                bytes = Encoding.UTF8.GetBytes(RewriteCssUrls(Encoding.UTF8.GetString(bytes), assetName, result, all,
                    (line, column, message) => broken(full, line, column, message)));
            }
            themeHash.Append(Encoding.UTF8.GetBytes(assetName + "\0"));
            themeHash.Append(bytes);
            var digest = Convert.ToHexStringLower(XxHash64.Hash(bytes))[..10];
            var ext = Path.GetExtension(assetName);
            var stem = assetName[..^ext.Length];
            result[assetName] = new ThemeAsset(assetName, $"assets/{stem}.{digest}{ext}", bytes);
        }
        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"url\(\s*(['""]?)(?<u>[^'"")]+)\1\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex CssComment();

    // Rewrites a stylesheet's url(...) references to other assets to their fingerprinted names. A relative reference to a
    // file the theme's assets/ lacks is a warning at its line and column: the page would ask for it and get a 404 (the
    // pages' link check does not read stylesheets). A query or fragment (font.woff2?v=2#iefix) is kept after the name.
    // The name is read unescaped and written escaped, as the pages link assets (a space as %20, '#' as %23).
    private static string RewriteCssUrls(string css, string cssName, Dictionary<string, ThemeAsset> known, HashSet<string> all,
        Action<int, int, string> broken)
    {
        var cssDir = Path.GetDirectoryName(cssName)?.Replace('\\', '/') ?? "";
        var comments = CssComment().Matches(css);
        return CssUrl().Replace(css, m =>
        {
            var u = m.Groups["u"].Value.Trim();
            if (u.Length == 0 || u.Contains(':', StringComparison.Ordinal) || u.StartsWith('/') || u.StartsWith('#')) return m.Value;
            var cut = u.IndexOfAny(['?', '#']);
            var (file, suffix) = cut < 0 ? (u, "") : (u[..cut], u[cut..]);
            // A url() is a URL: a name's '#' or '%' is written escaped (%23, %25), and the file is the name unescaped.
            var target = Path.GetFullPath(Path.Combine("/", cssDir, Uri.UnescapeDataString(file))).TrimStart('/').Replace('\\', '/');
            if (!known.TryGetValue(target, out var asset))
            {
                if (!all.Contains(target) && !comments.Any(c => c.Index <= m.Index && m.Index < c.Index + c.Length))
                {
                    var lineStart = m.Index == 0 ? -1 : css.LastIndexOf('\n', m.Index - 1);
                    broken(1 + css.AsSpan(0, m.Index).Count('\n'), m.Index - lineStart,
                        $"'{u}' leads nowhere: the theme has no asset '{target}' (a stylesheet's url() is relative to its own folder in assets/)");
                }
                return m.Value;
            }
            var relative = Path.GetRelativePath("/" + Path.GetDirectoryName("assets/" + cssName), "/" + asset.OutputPath).Replace('\\', '/');
            return $"url(\"{Site.SiteUrls.EncodePath(relative)}{suffix}\")";
        });
    }

    // Reads a theme's file; what cannot be read is reported (see Load), not thrown to the build.
    private static T Read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableThemeFile(path, "file", e);
        }
    }

    // A theme's file or folder that could not be read, and why, in words.
    private sealed class UnreadableThemeFile(string path, string what, Exception inner) : Exception(inner.Message, inner)
    {
        public string Path { get; } = path;

        public string What { get; } = what;

        public string Why
        {
            get
            {
                var link = Link(Path);
                if (InnerException is FileNotFoundException or DirectoryNotFoundException && link is not null) return $"it is a symbolic link to '{link}', which does not exist";
                if (InnerException is UnauthorizedAccessException) return "permission denied";
                // .NET's messages name the path, which the diagnostic already does.
                var message = InnerException!.Message.Replace($" : '{Path}'", "", StringComparison.Ordinal).Replace($" '{Path}'", "", StringComparison.Ordinal);
                return link is null ? message : $"{message} (it is a symbolic link to '{link}')";
            }
        }

        private static string? Link(string path)
        {
            try
            {
                return new FileInfo(path).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    private static string Show(string path, string siteRoot)
    {
        var relative = Path.GetRelativePath(siteRoot, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }
}
