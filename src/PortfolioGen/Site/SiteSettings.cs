using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PortfolioGen.Text;

namespace PortfolioGen.Site;

/// <summary>
/// The site's settings, from <c>content/site.yml</c>. Every setting is optional: a profile alone builds a
/// good site. The README's "Settings" section lists them all.
/// </summary>
public sealed record SiteSettings
{
    /// <summary>The site's title; defaults to the owner's name.</summary>
    public string? Title { get; init; }

    /// <summary>A one-sentence description for search engines; defaults to one made from the profile.</summary>
    public string? Description { get; init; }

    /// <summary>The absolute URL the site is served from (<c>https://example.org/</c> or a sub-path); null when unknown.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The language of the pages (BCP 47), <c>en</c> by default.</summary>
    public string Language { get; init; } = "en";

    /// <summary>A theme name (a folder under <c>themes/</c>) or a path to a theme folder.</summary>
    public string Theme { get; init; } = "default";

    /// <summary>Where the settings file names the theme (line, column; 0 when it does not), for a theme that is not found.</summary>
    public (int Line, int Column) ThemeAt { get; init; }

    /// <summary>The profile file, relative to the site folder; by default the single profile in <c>seeds/</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>The owner's other spellings, affiliation and links.</summary>
    public OwnerSettings Owner { get; init; } = new();

    /// <summary>Slugs of the papers to feature on the home page, in order.</summary>
    public ImmutableArray<string> Featured { get; init; } = [];

    /// <summary>Co-authors' homepages, by the co-author's identity key (see <see cref="PersonNames.Key"/>).</summary>
    public ImmutableDictionary<string, string> CoAuthorHomepages { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Whether raw HTML in the user's Markdown is kept (off: it is escaped, like Hugo's default).</summary>
    public bool MarkdownRawHtml { get; init; }

    /// <summary>Which pages get a social card (<c>social_cards</c>: <c>all</c>, <c>home</c> or <c>none</c>).</summary>
    public SocialCardPages SocialCards { get; init; } = SocialCardPages.All;

    /// <summary>The file the settings came from, if any (for messages).</summary>
    public string? SourceFile { get; init; }

    /// <summary>Line of each featured slug in the settings file, for messages about unknown ones.</summary>
    public ImmutableArray<int> FeaturedLines { get; init; } = [];

    /// <summary>Each name under <c>coauthors:</c> that has a homepage, with its line and column, for messages about names no co-author has.</summary>
    public ImmutableArray<(string Name, int Line, int Column)> CoAuthorNames { get; init; } = [];
}

/// <summary>The <c>owner:</c> section.</summary>
public sealed record OwnerSettings
{
    /// <summary>Other spellings of the owner's name.</summary>
    public ImmutableArray<string> Aliases { get; init; } = [];

    /// <summary>Where the owner works, shown under her name.</summary>
    public string? Affiliation { get; init; }

    /// <summary>A short line about the owner's research, shown under her name.</summary>
    public string? Tagline { get; init; }

    /// <summary>The owner's links, in a fixed order (email first, then the scholarly profiles, then the rest).</summary>
    public ImmutableArray<OwnerLink> Links { get; init; } = [];
}

/// <summary>One of the owner's links.</summary>
/// <param name="Kind">The key it came from (<c>github</c>, <c>orcid</c>, …).</param>
/// <param name="Label">How it is shown ("GitHub", "ORCID").</param>
/// <param name="Url">An absolute http(s) or mailto URL.</param>
public sealed record OwnerLink(string Kind, string Label, string Url);

/// <summary>Reads <c>site.yml</c>.</summary>
public static partial class SettingsReader
{
    /// <summary>
    /// The settings of a site.yml read only for one value (its base URL, the owner's aliases) outside a build, which
    /// reports the file's problems itself; null when there is no such file or it cannot be read.
    /// </summary>
    public static SiteSettings? ReadQuietly(string file)
    {
        try
        {
            return File.Exists(file) ? Read(Text.UnicodeText.ReadFile(file, file, []), file, []) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The keys of <c>owner.links</c>, in the order links are shown, with their labels.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> LinkKinds =
    [
        ("email", "Email"),
        ("homepage", "Homepage"),
        ("scholar", "Google Scholar"),
        ("orcid", "ORCID"),
        ("semantic_scholar", "Semantic Scholar"),
        ("dblp", "DBLP"),
        ("arxiv", "arXiv"),
        ("github", "GitHub"),
        ("gitlab", "GitLab"),
        ("huggingface", "Hugging Face"),
        ("linkedin", "LinkedIn"),
        ("twitter", "X (Twitter)"),
        ("bluesky", "Bluesky"),
        ("mastodon", "Mastodon"),
        ("cv", "CV"),
    ];

    private static readonly string[] TopKeys = ["title", "description", "base_url", "language", "theme", "profile", "owner", "featured", "coauthors", "markdown", "social_cards"];

    /// <summary>Reads settings text.</summary>
    public static SiteSettings Read(string text, string file, List<Diagnostic> diagnostics)
    {
        var (_, root) = YamlReader.Parse(text, file, 0, diagnostics,
            DiagnosticCodes.SettingsSyntax, DiagnosticCodes.SettingsUnknownKey, DiagnosticCodes.SettingsWrongType);
        if (root is null) return new SiteSettings { SourceFile = file };

        var settings = new SiteSettings { SourceFile = file };
        settings = settings with { Title = NonEmpty(root.String("title")), Description = NonEmpty(root.String("description")) };

        if (root.String("base_url") is { Length: > 0 } baseUrl)
        {
            if (BaseUrlProblem(baseUrl, out var uri) is not { } problem) settings = settings with { BaseUrl = uri };
            else root.Reader.Invalid(root.Raw("base_url")!, DiagnosticCodes.SettingsInvalidValue, $"'base_url' {problem} (got '{baseUrl}')");
        }
        if (root.String("language") is { Length: > 0 } language)
        {
            if (LanguageTag().IsMatch(language)) settings = settings with { Language = language };
            else root.Reader.Invalid(root.Raw("language")!, DiagnosticCodes.SettingsInvalidValue, $"'language' must be a language tag such as en or de-CH (got '{language}')");
        }
        if (root.String("theme") is { Length: > 0 } theme)
        {
            var at = root.Raw("theme")!.Start;
            settings = settings with { Theme = theme, ThemeAt = ((int)at.Line, (int)at.Column) };
        }
        if (root.String("profile") is { Length: > 0 } profile) settings = settings with { Profile = profile };

        if (root.Child("owner") is { } owner)
        {
            var aliases = owner.StringList("aliases").Select(a => PersonNames.Clean(a.Value)).Where(a => a.Length > 0).ToImmutableArray();
            var links = ImmutableArray.CreateBuilder<OwnerLink>();
            if (owner.Child("links") is { } linkMap)
            {
                foreach (var (key, label) in LinkKinds)
                {
                    if (linkMap.String(key) is not { Length: > 0 } value) continue;
                    if (NormalizeLink(key, value.Trim()) is { } url) links.Add(new OwnerLink(key, label, url));
                    else linkMap.Reader.Invalid(linkMap.Raw(key)!, DiagnosticCodes.SettingsInvalidValue, LinkHint(key, value));
                }
                linkMap.ReportUnknownKeys(LinkKinds.Select(k => k.Key));
            }
            settings = settings with
            {
                Owner = new OwnerSettings
                {
                    Aliases = aliases,
                    Affiliation = NonEmpty(owner.String("affiliation")),
                    Tagline = NonEmpty(owner.String("tagline")),
                    Links = links.ToImmutable(),
                },
            };
            owner.ReportUnknownKeys(["aliases", "affiliation", "tagline", "links"]);
        }

        var featured = root.StringList("featured");
        settings = settings with
        {
            Featured = [.. featured.Select(f => f.Value.Trim())],
            FeaturedLines = [.. featured.Select(f => (int)f.Node.Start.Line)],
        };

        if (root.Child("coauthors") is { } coauthors)
        {
            var homepages = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            var names = ImmutableArray.CreateBuilder<(string, int, int)>();
            foreach (var (name, value, node, line, column) in coauthors.StringEntries())
            {
                if (IsHttpUrl(value.Trim()))
                {
                    homepages[PersonNames.Key(name)] = value.Trim();
                    names.Add((name, line, column));
                }
                else coauthors.Reader.Invalid(node, DiagnosticCodes.SettingsInvalidValue, $"the homepage of '{name}' must be an http or https URL (got '{value}')");
            }
            settings = settings with { CoAuthorHomepages = homepages.ToImmutable(), CoAuthorNames = names.ToImmutable() };
        }

        if (root.Child("markdown") is { } markdown)
        {
            settings = settings with { MarkdownRawHtml = markdown.Bool("raw_html") ?? false };
            markdown.ReportUnknownKeys(["raw_html"]);
        }

        if (root.String("social_cards") is { Length: > 0 } cards)
        {
            switch (cards.Trim())
            {
                case "all": settings = settings with { SocialCards = SocialCardPages.All }; break;
                case "home": settings = settings with { SocialCards = SocialCardPages.Home }; break;
                case "none": settings = settings with { SocialCards = SocialCardPages.None }; break;
                default:
                    root.Reader.Invalid(root.Raw("social_cards")!, DiagnosticCodes.SettingsInvalidValue,
                        $"'social_cards' must be all (the home page and every paper), home or none (got '{cards}')");
                    break;
            }
        }

        root.ReportUnknownKeys(TopKeys);
        return settings;
    }

    /// <summary>Parses a base URL; a missing final slash is added (a base URL names a folder).</summary>
    public static bool TryParseBaseUrl(string text, out Uri uri) => BaseUrlProblem(text, out uri) is null;

    /// <summary>
    /// Reads a base URL (<see cref="TryParseBaseUrl"/>), or says what is wrong with it, to follow "'base_url' " or
    /// "--base-url " in a message.
    /// </summary>
    public static string? BaseUrlProblem(string text, out Uri uri)
    {
        uri = null!;
        text = text.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host)
            || !string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment))
        {
            return "must be an absolute http or https URL such as https://example.org/";
        }
        var s = parsed.GetLeftPart(UriPartial.Path);
        // The address a browser shows for the home page: as a base, every link would go under /index.html/.
        var last = s[(s.LastIndexOf('/') + 1)..];
        if (last.Equals("index.html", StringComparison.OrdinalIgnoreCase) || last.Equals("index.htm", StringComparison.OrdinalIgnoreCase))
        {
            return $"must be the folder the site is served from, not its home page: {s[..^last.Length]}";
        }
        if (!s.EndsWith('/')) s += "/";
        uri = new Uri(s, UriKind.Absolute);
        return null;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool IsHttpUrl(string s)
        => Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && !string.IsNullOrEmpty(u.Host);

    /// <summary>Turns a link setting into a URL: handles and ids become the service's profile URL.</summary>
    public static string? NormalizeLink(string kind, string value)
    {
        if (kind == "email")
        {
            var address = value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? value[7..] : value;
            return EmailAddress().IsMatch(address) ? "mailto:" + address : null;
        }
        if (IsHttpUrl(value)) return value;
        var handle = value.TrimStart('@');
        return kind switch
        {
            "github" when Handle().IsMatch(handle) => "https://github.com/" + handle,
            "gitlab" when Handle().IsMatch(handle) => "https://gitlab.com/" + handle,
            "huggingface" when Handle().IsMatch(handle) => "https://huggingface.co/" + handle,
            "twitter" when Handle().IsMatch(handle) => "https://x.com/" + handle,
            "bluesky" when handle.Contains('.', StringComparison.Ordinal) && !handle.Contains('/', StringComparison.Ordinal) => "https://bsky.app/profile/" + handle,
            "linkedin" when Handle().IsMatch(handle) => "https://www.linkedin.com/in/" + handle,
            "orcid" when Orcid().IsMatch(value) => "https://orcid.org/" + value,
            "scholar" when ScholarId().IsMatch(value) => "https://scholar.google.com/citations?user=" + value,
            "arxiv" when Handle().IsMatch(handle) => "https://arxiv.org/a/" + handle,
            "semantic_scholar" when value.All(char.IsAsciiDigit) => "https://www.semanticscholar.org/author/" + value,
            _ => null,
        };
    }

    private static string LinkHint(string kind, string value) => kind switch
    {
        "email" => $"'owner.links.email' must be an email address (got '{value}')",
        "orcid" => $"'owner.links.orcid' must be an ORCID iD such as 0000-0002-1825-0097 or an https URL (got '{value}')",
        "scholar" => $"'owner.links.scholar' must be a Google Scholar user id or an https URL (got '{value}')",
        _ => $"'owner.links.{kind}' must be an http or https URL or a user name (got '{value}')",
    };

    [GeneratedRegex(@"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^[^@\s<>""]+@[^@\s<>""]+\.[^@\s<>""]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Handle();

    [GeneratedRegex(@"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$", RegexOptions.CultureInvariant)]
    private static partial Regex Orcid();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex ScholarId();
}

/// <summary>Which pages get a social card.</summary>
public enum SocialCardPages
{
    /// <summary>The home page and every paper (the default).</summary>
    All,
    /// <summary>The home page only: for a very large site, where drawing and publishing a card per paper costs the most.</summary>
    Home,
    /// <summary>No cards: link previews show the page's title and description.</summary>
    None,
}
