using PortfolioGen.Markdown;
using PortfolioGen.Profiles;
using PortfolioGen.Themes;

namespace PortfolioGen.Site;

/// <summary>
/// Everything a build reads before pipelines run: the site folder, settings, profile, theme, URLs and the
/// shared Markdown and template renderers. Registered with the engine as a service.
/// </summary>
public sealed class SiteContext
{
    /// <summary>The site folder (full path): where <c>content/</c>, <c>seeds/</c> and <c>themes/</c> live.</summary>
    public required string Root { get; init; }

    /// <summary>The content folder (full path); it may not exist.</summary>
    public required string ContentDirectory { get; init; }

    /// <summary>The output folder (full path).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The profile file as messages show it.</summary>
    public required string ProfileFile { get; init; }

    /// <summary>The settings.</summary>
    public required SiteSettings Settings { get; init; }

    /// <summary>The text of <c>site.yml</c> the settings were read from; null when there is none.</summary>
    public string? SettingsText { get; init; }

    /// <summary>The profile.</summary>
    public required Profile Profile { get; init; }

    /// <summary>The theme.</summary>
    public required Theme Theme { get; init; }

    /// <summary>The site's URLs.</summary>
    public required SiteUrls Urls { get; init; }

    /// <summary>The Markdown pipelines.</summary>
    public required MarkdownRenderer Markdown { get; init; }

    /// <summary>The template renderer.</summary>
    public required TemplateRenderer Templates { get; init; }

    /// <summary>The generator's name and version, for the generator meta tag.</summary>
    public string Generator { get; init; } = "PortfolioGen";

    // Plain dictionaries: a frozen one of 10,000 papers took ~10 ms to make, more than the lookups of a whole build save,
    // and a page rendered ahead in serve (see SiteBuilder.RenderAheadAsync) waits for it.
    private Dictionary<string, CoAuthor>? _coAuthors;

    private Dictionary<string, Paper>? _papers;

    /// <summary>Papers by slug.</summary>
    public IReadOnlyDictionary<string, Paper> PaperBySlug => _papers ??= Profile.Papers.ToDictionary(p => p.Slug, StringComparer.Ordinal);

    /// <summary>Co-authors by identity key.</summary>
    public IReadOnlyDictionary<string, CoAuthor> CoAuthorsByKey => _coAuthors ??= Profile.CoAuthors.ToDictionary(c => c.Key, StringComparer.Ordinal);

    /// <summary>The site's title: the settings', else the owner's name.</summary>
    public string Title => Settings.Title ?? Profile.Name;

    /// <summary>The site's description: the settings', else one made from the profile.</summary>
    public string Description => Settings.Description ?? DefaultDescription();

    private string DefaultDescription()
    {
        var area = Profile.PrimaryCategory is { } c ? $" in {c.Name}" : "";
        var count = Profile.Papers.Length == 1 ? "1 paper" : $"{Profile.Papers.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} papers";
        return $"{Profile.Name}: research{area}, {count} with their abstracts, co-authors and topics.";
    }

    /// <summary>A path as messages show it: relative to the site folder when inside it.</summary>
    public string Show(string fullPath)
    {
        var relative = Path.GetRelativePath(Root, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative.Replace('\\', '/');
    }
}
