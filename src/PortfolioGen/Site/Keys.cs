namespace PortfolioGen.Site;

/// <summary>The metadata keys the site's pipelines set and read.</summary>
public static class Keys
{
    /// <summary>The <see cref="Profiles.Paper"/> a document is about.</summary>
    public const string Paper = "Paper";
    /// <summary>The <see cref="Site.PaperView"/> (paper plus additions) of a paper page.</summary>
    public const string PaperView = "PaperView";
    /// <summary>The <see cref="Site.PaperAdditions"/> read from <c>content/papers/&lt;slug&gt;.md</c>.</summary>
    public const string Additions = "Additions";
    /// <summary>The paper's BibTeX entry, UTF-8 bytes.</summary>
    public const string BibTeX = "BibTeX";
    /// <summary>The format of a citation file: <c>bib</c>, <c>ris</c> or <c>json</c>.</summary>
    public const string CitationFormat = "CitationFormat";

    /// <summary>A citation file's place in the whole-site files (int).</summary>
    public const string JoinOrder = "JoinOrder";
    /// <summary>A citation file's bytes, kept beside its staged content until the whole-site file has them (see JoinPublications).</summary>
    public const string CitationBytes = "CitationBytes";
    /// <summary>The paper's BibTeX key (unique across the site).</summary>
    public const string CitationKey = "CitationKey";
    /// <summary>The <see cref="Site.ContentPage"/> read from <c>content/**/*.md</c>.</summary>
    public const string Page = "Page";
    /// <summary>HTML rendered from a document's Markdown.</summary>
    public const string ContentHtml = "ContentHtml";
    /// <summary>HTML rendered from a paper's notes (the body of its additions file).</summary>
    public const string NotesHtml = "NotesHtml";
    /// <summary>The path of a content file relative to the content folder.</summary>
    public const string RelativePath = "RelativePath";
    /// <summary>What a content file is: <c>page</c>, <c>additions</c>, <c>static</c>.</summary>
    public const string ContentKind = "ContentKind";
    /// <summary>The <see cref="Profiles.CoAuthor"/> a page is about.</summary>
    public const string CoAuthor = "CoAuthor";
    /// <summary>The <see cref="Profiles.Category"/> a topic page is about.</summary>
    public const string Category = "Category";
    /// <summary>The layout a page is rendered with.</summary>
    public const string Layout = "Layout";
    /// <summary>The page's title (for the sitemap, the navigation, messages).</summary>
    public const string Title = "Title";
    /// <summary>The <see cref="Site.SocialCard"/> a card document is drawn from.</summary>
    public const string SocialCard = "SocialCard";
    /// <summary>The page's date (a <see cref="DateOnly"/>), where one applies (sitemap lastmod).</summary>
    public const string Date = "Date";
}
