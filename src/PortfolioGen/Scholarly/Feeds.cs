using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using PortfolioGen.Site;

namespace PortfolioGen.Scholarly;

/// <summary>The Atom feed, the sitemap, robots.txt and llms.txt.</summary>
public static class Feeds
{
    private static readonly XmlWriterSettings XmlSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    /// <summary>
    /// An Atom feed (System.ServiceModel.Syndication) with one entry per paper, newest first: the abstract as
    /// summary, every listed author, the category. Its date is the newest paper's, never the build time,
    /// so an unchanged site gives an unchanged feed. Requires the base URL (feeds need absolute links).
    /// </summary>
    public static ReadOnlyMemory<byte> Atom(SiteContext site, IReadOnlyList<PaperView> newestFirst)
    {
        var urls = site.Urls;
        var home = urls.Absolute("")!;
        var feed = new SyndicationFeed
        {
            Id = home,
            Title = new TextSyndicationContent(site.Title),
            Description = new TextSyndicationContent(site.Description),
            Language = site.Settings.Language,
            Generator = site.Generator,
            LastUpdatedTime = newestFirst.Count > 0 ? Midnight(newestFirst[0].Paper.Date) : new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        feed.Authors.Add(new SyndicationPerson { Name = site.Profile.Name, Uri = home });
        feed.Links.Add(new SyndicationLink(new Uri(urls.Absolute("feed.xml")!), "self", site.Title, "application/atom+xml", 0));
        feed.Links.Add(new SyndicationLink(new Uri(home), "alternate", site.Title, "text/html", 0));
        var items = new List<SyndicationItem>();
        foreach (var view in newestFirst)
        {
            var p = view.Paper;
            var url = urls.Absolute(view.Path)!;
            var item = new SyndicationItem
            {
                Id = url,
                Title = new TextSyndicationContent(p.TitleMarkup.Text),
                PublishDate = Midnight(p.Date),
                LastUpdatedTime = Midnight(p.Date),
                Summary = new TextSyndicationContent(p.Abstract?.Text ?? p.TitleMarkup.Text),
            };
            item.Links.Add(new SyndicationLink(new Uri(url), "alternate", null, "text/html", 0));
            foreach (var a in view.Authors)
            {
                var uri = a.IsOwner ? home : a.CoAuthorSlug is { } s ? urls.Absolute(SiteUrls.CoAuthorPath(s)) : null;
                item.Authors.Add(new SyndicationPerson { Name = a.Name, Uri = uri });
            }
            item.Categories.Add(new SyndicationCategory(p.Category.Code, "https://arxiv.org/archive/" + p.Category.Code.Split('.')[0], p.Category.Name));
            items.Add(item);
        }
        feed.Items = items;
        // Sized from the entries (their abstracts are most of it): a stream doubling up to tens of megabytes at
        // 10,000 papers left each step on the large-object heap, and every large-object allocation brings a full
        // collection nearer.
        var estimate = 4096L + newestFirst.Sum(v => 1536L + 2L * (v.Paper.Abstract?.Html.Length ?? 0) + 2L * v.Paper.TitleMarkup.Text.Length);
        var ms = new MemoryStream((int)System.Math.Min(estimate, Array.MaxLength));
        using (var writer = XmlWriter.Create(ms, XmlSettings))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return ms.GetBuffer().AsMemory(0, (int)ms.Length);
    }

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>One page of the sitemap.</summary>
    public sealed record SitemapEntry(string SitePath, DateOnly? LastModified);

    /// <summary>A sitemap (sitemaps.org 0.9) with absolute URLs; <c>lastmod</c> where a date applies.</summary>
    public static byte[] Sitemap(SiteUrls urls, IEnumerable<SitemapEntry> entries)
    {
        const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        using var ms = new MemoryStream();
        using (var w = XmlWriter.Create(ms, XmlSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("urlset", ns);
            foreach (var e in entries)
            {
                w.WriteStartElement("url", ns);
                w.WriteElementString("loc", ns, urls.Absolute(e.SitePath));
                if (e.LastModified is { } d) w.WriteElementString("lastmod", ns, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return ms.ToArray();
    }

    /// <summary>robots.txt: everything may be crawled; the sitemap is named when there is one.</summary>
    public static string Robots(SiteUrls urls)
    {
        var sb = new StringBuilder("User-agent: *\nAllow: /\n");
        if (urls.Absolute("sitemap.xml") is { } sitemap) sb.Append("\nSitemap: ").Append(sitemap).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// llms.txt (llmstxt.org): the owner, then every paper with a one-line summary and the URL of its
    /// Markdown page, newest first.
    /// </summary>
    public static string LlmsTxt(SiteContext site, IReadOnlyList<PaperView> newestFirst)
    {
        var urls = site.Urls;
        string Link(string path) => urls.Absolute(path) ?? urls.Url(path);
        var sb = new StringBuilder();
        sb.Append("# ").Append(site.Profile.Name).Append("\n\n");
        sb.Append("> ").Append(site.Description).Append("\n\n");
        var details = new List<string>();
        if (site.Profile.PrimaryCategory is { } pc) details.Add($"Primary research area: {pc.Name} ({pc.Code}).");
        if (site.Settings.Owner.Affiliation is { } aff) details.Add($"Affiliation: {aff}.");
        details.Add(string.Create(CultureInfo.InvariantCulture, $"{newestFirst.Count} papers; each has an HTML page, a Markdown page (linked below) and citation files (cite.bib, cite.ris, cite.json) beside it."));
        sb.AppendJoin('\n', details).Append("\n\n");
        sb.Append("## Papers\n\n");
        foreach (var v in newestFirst)
        {
            var p = v.Paper;
            sb.Append("- [").Append(p.TitleMarkup.Text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal))
              .Append("](").Append(Link(v.Path + "index.md")).Append("): ")
              .Append(p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(", ").Append(p.Category.Code).Append(". ")
              .Append(OneLine(p.Abstract?.Text)).Append('\n');
        }
        sb.Append("\n## Optional\n\n");
        sb.Append("- [All publications as BibTeX](").Append(Link("publications.bib")).Append(")\n");
        sb.Append("- [All publications as CSL-JSON](").Append(Link("publications.json")).Append(")\n");
        sb.Append("- [Co-authors](").Append(Link("coauthors/")).Append(")\n");
        return sb.ToString();
    }

    /// <summary>The first sentence of a text (at most about 200 characters, cut at a word).</summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "No abstract.";
        var flat = Citations.CitationText.OneLine(text);
        var end = -1;
        for (var i = 40; i < flat.Length - 1; i++)
        {
            if (flat[i] is '.' or '?' or '!' && flat[i + 1] == ' ' && !char.IsDigit(flat[i - 1]) && !(i >= 3 && flat.AsSpan(i - 3, 4).SequenceEqual("e.g.")) && !(i >= 3 && flat.AsSpan(i - 3, 4).SequenceEqual("i.e.")))
            {
                end = i + 1;
                break;
            }
        }
        var sentence = end > 0 ? flat[..end] : flat;
        return sentence.Length <= 220 ? sentence : SitePipelines.Describe(sentence, 200);
    }
}
