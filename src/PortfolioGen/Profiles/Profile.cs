using System.Collections.Immutable;

namespace PortfolioGen.Profiles;

/// <summary>A researcher's profile as read from a profile file.</summary>
/// <param name="Name">The owner's name, as the profile writes it.</param>
/// <param name="PrimaryCategory">The owner's main arXiv subject, when the profile names one.</param>
/// <param name="Figures">Headline figures (h-index, citations, …); each may be missing.</param>
/// <param name="DeclaredPaperCount">The count the profile declares ("21 Papers"), when present.</param>
/// <param name="Papers">The papers, in the order the profile lists them.</param>
/// <param name="CoAuthors">Everyone listed on a paper except the owner, most papers together first, then by name.</param>
public sealed record Profile(
    string Name,
    Category? PrimaryCategory,
    Figures Figures,
    int? DeclaredPaperCount,
    ImmutableArray<Paper> Papers,
    ImmutableArray<CoAuthor> CoAuthors)
{
    /// <summary>The identity keys that mean the owner (her name and any aliases); see <see cref="Text.PersonNames.Key"/>.</summary>
    public ImmutableHashSet<string> OwnerKeys { get; init; } = ImmutableHashSet.Create(StringComparer.Ordinal, Text.PersonNames.Key(Name));

    /// <summary>Whether <paramref name="author"/> is the owner (by identity key, so spelling variants match).</summary>
    public bool IsOwner(string author) => OwnerKeys.Contains(Text.PersonNames.Key(author));
}

/// <summary>Headline figures; a missing one is null.</summary>
public sealed record Figures(int? HIndex, int? Papers, int? Citations, int? NoveltyPercent, int? AiScore)
{
    /// <summary>No figures at all.</summary>
    public static Figures None { get; } = new(null, null, null, null, null);
}

/// <summary>One paper.</summary>
/// <param name="Slug">Unique across the site; the paper's page is <c>papers/&lt;slug&gt;/</c>.</param>
/// <param name="Title">The title as written (it may carry light LaTeX; see <see cref="TitleMarkup"/>).</param>
/// <param name="Category">The arXiv subject.</param>
/// <param name="Date">The date the profile gives.</param>
/// <param name="HasCode">Whether the profile marks the paper as having code.</param>
/// <param name="Authors">The listed authors, in order. The owner is here only where the profile lists her.</param>
/// <param name="AuthorsTruncated">Whether the list ends in "et al." (more authors exist).</param>
/// <param name="Organization">The organisation after " · ", when given.</param>
/// <param name="Abstract">The abstract, or null when the profile gives none.</param>
/// <param name="Line">The line of the entry's header in the profile (for messages).</param>
public sealed record Paper(
    string Slug,
    string Title,
    Category Category,
    DateOnly Date,
    bool HasCode,
    ImmutableArray<string> Authors,
    bool AuthorsTruncated,
    string? Organization,
    RichText? Abstract,
    int Line)
{
    /// <summary>The title as safe HTML and as plain text (<see cref="RichText.Readable"/> to show it as text).</summary>
    public required RichText TitleMarkup { get; init; }
}

/// <summary>Text that carries light LaTeX: its source, safe HTML and plain text.</summary>
/// <param name="Source">As written in the profile; paragraphs separated by a blank line.</param>
/// <param name="Html">Safe HTML; paragraphs as <c>&lt;p&gt;</c> for abstracts, inline for titles.</param>
/// <param name="Text">
/// Plain text; paragraphs separated by a blank line. An abstract's math is as in <see cref="Readable"/>; a title's is its
/// TeX without the dollars (<c>\alpha</c>), as the citation key has always been made from it.
/// </param>
public sealed record RichText(string Source, string Html, string Text)
{
    /// <summary>
    /// Plain text for people: math as Unicode where Unicode writes it exactly (<c>α</c>, <c>O(n log n)</c>, <c>R⁻¹</c>),
    /// else its TeX between its dollars. What a title shows wherever it is text (the page's <c>&lt;title&gt;</c>, the
    /// tags indexers read, the feed, citation files but BibTeX, the search index, social cards). The same as
    /// <see cref="Text"/> unless given.
    /// </summary>
    public string Readable { get; init; } = Text;
}

/// <summary>Someone the owner wrote with.</summary>
/// <param name="Name">The display name (the spelling the profile uses most; the first of equals).</param>
/// <param name="Slug">Unique across co-authors; the page is <c>coauthors/&lt;slug&gt;/</c>.</param>
/// <param name="Papers">Slugs of the papers together, newest first.</param>
/// <param name="FirstYear">The year of the first paper together.</param>
/// <param name="LastYear">The year of the latest paper together.</param>
public sealed record CoAuthor(string Name, string Slug, ImmutableArray<string> Papers, int FirstYear, int LastYear)
{
    /// <summary>The identity key (see <see cref="Text.PersonNames.Key"/>).</summary>
    public required string Key { get; init; }
}
