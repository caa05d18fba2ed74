using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using PortfolioGen.Site;

namespace PortfolioGen.Scholarly;

/// <summary>The picture link previews show for a page: a 1200×630 PNG (see <see cref="Visuals.SocialCardRenderer"/>).</summary>
/// <param name="Url">Its absolute URL (Open Graph requires one).</param>
/// <param name="Alt">What it shows, for <c>og:image:alt</c> and <c>twitter:image:alt</c>.</param>
public sealed record SocialImage(string Url, string Alt);

/// <summary>One <c>&lt;meta&gt;</c> tag: <paramref name="Attribute"/> is <c>name</c> or <c>property</c> (Open Graph).</summary>
public sealed record MetaTag(string Attribute, string Key, string Value);

/// <summary>
/// What indexers read in a page's head: Google Scholar's Highwire Press tags, Open Graph and Twitter
/// cards, and schema.org JSON-LD (ScholarlyArticle for papers, Person, WebSite and ProfilePage for the home page).
/// </summary>
public static class PageMetadata
{
    // Escapes what could end a <script> element or start markup (<, >, &, quotes), keeps every script readable.
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    /// <summary>The Highwire Press tags Google Scholar reads on a paper page.</summary>
    public static IReadOnlyList<MetaTag> Highwire(PaperView view, SiteUrls urls)
    {
        var p = view.Paper;
        var tags = new List<MetaTag> { new("name", "citation_title", p.TitleMarkup.Readable) };
        tags.AddRange(p.Authors.Select(a => new MetaTag("name", "citation_author", ScholarAuthor(a))));
        tags.Add(new("name", "citation_publication_date", p.Date.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture)));
        if (Citations.CitationText.Journal(view) is { } journal)
        {
            tags.Add(new("name", "citation_journal_title", journal.Name));
            if (journal.Volume is { } volume) tags.Add(new("name", "citation_volume", volume));
            if (journal.Issue is { } issue) tags.Add(new("name", "citation_issue", issue));
            if (journal.FirstPage is { } first) tags.Add(new("name", "citation_firstpage", first));
            if (journal.LastPage is { } last) tags.Add(new("name", "citation_lastpage", last));
            if (journal.Publisher is { } publisher) tags.Add(new("name", "citation_publisher", publisher));
        }
        else if (view.Additions.Venue is { } venue)
        {
            tags.Add(new("name", "citation_conference_title", venue));
        }
        if (view.Links.FirstOrDefault(l => l.Kind == "pdf") is { } pdf) tags.Add(new("name", "citation_pdf_url", pdf.Url));
        if (view.Additions.ArxivId is { } arxiv) tags.Add(new("name", "citation_arxiv_id", arxiv));
        if (view.Additions.Doi is { } doi) tags.Add(new("name", "citation_doi", doi));
        // Absolute or not at all: without a base URL the page has no address an indexer could use.
        if (urls.Absolute(view.Path) is { } page) tags.Add(new("name", "citation_abstract_html_url", page));
        if (view.Additions.Tags.Length > 0) tags.Add(new("name", "citation_keywords", string.Join("; ", view.Additions.Tags)));
        return tags;
    }

    // Google Scholar reads a comma in citation_author as "Last, First", so "Martin Luther King, Jr." would be the family
    // name "Martin Luther King" with the given name "Jr.": a name with a suffix is written inverted in full, as RIS does
    // ("King, Martin Luther, Jr."); any other name as the profile writes it ("First Last", which Scholar also reads).
    private static string ScholarAuthor(string author)
        => Citations.CitationName.Parse(author) is { Literal: null, Suffix.Length: > 0 } n ? $"{n.Family}, {n.Given}, {n.Suffix}" : author;

    /// <summary>Open Graph and Twitter card tags; with an image, a large-image Twitter card.</summary>
    public static IReadOnlyList<MetaTag> Social(string type, string title, string description, string? absoluteUrl, string siteName, DateOnly? published, SocialImage? image)
    {
        var tags = new List<MetaTag>
        {
            new("property", "og:type", type),
            new("property", "og:title", title),
            new("property", "og:description", description),
            new("property", "og:site_name", siteName),
        };
        if (absoluteUrl is not null) tags.Add(new("property", "og:url", absoluteUrl));
        if (published is { } d) tags.Add(new("property", "article:published_time", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (image is not null)
        {
            tags.Add(new("property", "og:image", image.Url));
            tags.Add(new("property", "og:image:type", "image/png"));
            tags.Add(new("property", "og:image:width", Visuals.SocialCardRenderer.Width.ToString(CultureInfo.InvariantCulture)));
            tags.Add(new("property", "og:image:height", Visuals.SocialCardRenderer.Height.ToString(CultureInfo.InvariantCulture)));
            tags.Add(new("property", "og:image:alt", image.Alt));
        }
        tags.Add(new("name", "twitter:card", image is null ? "summary" : "summary_large_image"));
        tags.Add(new("name", "twitter:title", title));
        tags.Add(new("name", "twitter:description", description));
        if (image is not null)
        {
            tags.Add(new("name", "twitter:image", image.Url));
            tags.Add(new("name", "twitter:image:alt", image.Alt));
        }
        return tags;
    }

    /// <summary>JSON-LD ScholarlyArticle for a paper page, safe to place inside a script element.</summary>
    public static string ScholarlyArticle(PaperView view, SiteContext site, string language)
    {
        var p = view.Paper;
        var urls = site.Urls;
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("@context", "https://schema.org");
            w.WriteString("@type", "ScholarlyArticle");
            if (urls.Absolute(view.Path) is { } url)
            {
                w.WriteString("@id", url);
                w.WriteString("url", url);
                w.WriteString("mainEntityOfPage", url);
            }
            w.WriteString("headline", p.TitleMarkup.Readable);
            w.WriteString("name", p.TitleMarkup.Readable);
            w.WriteStartArray("author");
            foreach (var a in view.Authors)
            {
                w.WriteStartObject();
                w.WriteString("@type", Citations.CitationName.IsCollective(a.Name) ? "Organization" : "Person");
                var page = a.IsOwner ? urls.Absolute("") : a.CoAuthorSlug is { } s ? urls.Absolute(SiteUrls.CoAuthorPath(s)) : null;
                // The owner is the home page's Person (PersonAndWebSite), named by its id.
                if (a.IsOwner && page is not null) w.WriteString("@id", page + "#person");
                w.WriteString("name", a.Name);
                if (page is not null) w.WriteString("url", page);
                if (a.Homepage is not null) w.WriteString("sameAs", a.Homepage);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("datePublished", p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteStartObject("about");
            w.WriteString("@type", "Thing");
            w.WriteString("name", p.Category.Name);
            w.WriteString("identifier", p.Category.Code);
            w.WriteEndObject();
            w.WriteString("genre", p.Category.Name);
            if (p.Abstract is { } abs) w.WriteString("abstract", abs.Text);
            if (Citations.CitationText.Journal(view) is { } journal)
            {
                WriteJournal(w, journal);
            }
            // The venue is where the paper was presented: a publication event (isPartOf wants a creative work).
            else if (view.Additions.Venue is { } venue)
            {
                w.WriteStartObject("publication");
                w.WriteString("@type", "PublicationEvent");
                w.WriteString("name", venue);
                w.WriteEndObject();
            }
            // sameAs: pages that identify the article itself (its arXiv and DOI pages). Its code is another work that
            // comes with it.
            var sameAs = view.Links.Where(l => l.Kind is "arxiv" or "doi").Select(l => l.Url).ToList();
            if (sameAs.Count > 0)
            {
                w.WriteStartArray("sameAs");
                foreach (var s in sameAs) w.WriteStringValue(s);
                w.WriteEndArray();
            }
            if (view.Links.FirstOrDefault(l => l.Kind == "code") is { } code)
            {
                w.WriteStartObject("hasPart");
                w.WriteString("@type", "SoftwareSourceCode");
                w.WriteString("codeRepository", code.Url);
                w.WriteEndObject();
            }
            if (view.Additions.Tags.Length > 0) w.WriteString("keywords", string.Join(", ", view.Additions.Tags));
            w.WriteBoolean("isAccessibleForFree", true);
            w.WriteString("inLanguage", language);
            w.WriteEndObject();
        });
    }

    // A journal article in schema.org's pattern for periodicals: the article is part of its issue, the issue of its
    // volume, the volume of the Periodical (a level not given is left out, the next one taking its place); its pages
    // are pageStart and pageEnd, an article number (e1234) its pagination.
    private static void WriteJournal(Utf8JsonWriter w, Journal journal)
    {
        w.WriteStartObject("isPartOf");
        var depth = 1;
        if (journal.Issue is { } issue)
        {
            w.WriteString("@type", "PublicationIssue");
            w.WriteString("issueNumber", issue);
            w.WriteStartObject("isPartOf");
            depth++;
        }
        if (journal.Volume is { } volume)
        {
            w.WriteString("@type", "PublicationVolume");
            w.WriteString("volumeNumber", volume);
            w.WriteStartObject("isPartOf");
            depth++;
        }
        w.WriteString("@type", "Periodical");
        w.WriteString("name", journal.Name);
        if (journal.Publisher is { } publisher)
        {
            w.WriteStartObject("publisher");
            w.WriteString("@type", "Organization");
            w.WriteString("name", publisher);
            w.WriteEndObject();
        }
        for (; depth > 0; depth--) w.WriteEndObject();
        if (journal.FirstPage is { } first && journal.LastPage is { } last)
        {
            w.WriteString("pageStart", first);
            w.WriteString("pageEnd", last);
        }
        else if (journal.FirstPage is { } page)
        {
            w.WriteString("pagination", page);
        }
    }

    /// <summary>
    /// JSON-LD for the home page: the owner as a Person, the site as a WebSite and, with a base URL, the page as the
    /// owner's ProfilePage (schema.org's page about a person, which Google reads for profile pages).
    /// </summary>
    public static string PersonAndWebSite(SiteContext site)
    {
        var urls = site.Urls;
        var profile = site.Profile;
        var home = urls.Absolute("");
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("@context", "https://schema.org");
            w.WriteStartArray("@graph");

            w.WriteStartObject();
            w.WriteString("@type", "Person");
            if (home is not null) w.WriteString("@id", home + "#person");
            w.WriteString("name", profile.Name);
            if (home is not null) w.WriteString("url", home);
            if (site.Settings.Owner.Affiliation is { } affiliation)
            {
                w.WriteStartObject("affiliation");
                w.WriteString("@type", "Organization");
                w.WriteString("name", affiliation);
                w.WriteEndObject();
            }
            if (site.Settings.Owner.Links.FirstOrDefault(l => l.Kind == "email") is { } email) w.WriteString("email", email.Url);
            var sameAs = site.Settings.Owner.Links.Where(l => l.Kind != "email").Select(l => l.Url).ToList();
            if (sameAs.Count > 0)
            {
                w.WriteStartArray("sameAs");
                foreach (var s in sameAs) w.WriteStringValue(s);
                w.WriteEndArray();
            }
            w.WriteStartArray("knowsAbout");
            foreach (var c in SitePipelines.TopicList(profile)) w.WriteStringValue(c.Name);
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject();
            w.WriteString("@type", "WebSite");
            if (home is not null)
            {
                w.WriteString("@id", home + "#website");
                w.WriteString("url", home);
            }
            w.WriteString("name", site.Title);
            w.WriteString("description", site.Description);
            w.WriteString("inLanguage", site.Settings.Language);
            if (home is not null)
            {
                w.WriteStartObject("author");
                w.WriteString("@id", home + "#person");
                w.WriteEndObject();
            }
            w.WriteEndObject();

            if (home is not null)
            {
                w.WriteStartObject();
                w.WriteString("@type", "ProfilePage");
                w.WriteString("@id", home);
                w.WriteString("url", home);
                w.WriteString("name", site.Title);
                w.WriteString("inLanguage", site.Settings.Language);
                w.WriteStartObject("mainEntity");
                w.WriteString("@id", home + "#person");
                w.WriteEndObject();
                w.WriteStartObject("isPartOf");
                w.WriteString("@id", home + "#website");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static readonly Text.JsonText JsonWriter = new(JsonOptions);

    private static string Json(Action<Utf8JsonWriter> write) => JsonWriter.Write(write);
}
