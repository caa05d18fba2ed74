namespace PortfolioGen.Themes;

/// <summary>
/// Markup that a template prints as is. Everything else a template prints is HTML-escaped; only values
/// the generator made as markup (rendered Markdown, an abstract's safe HTML, an included partial) or
/// that a template marks with <c>raw</c> are of this type.
/// </summary>
public sealed class RawHtml(string html)
{
    /// <summary>The markup.</summary>
    public string Html { get; } = html;

    /// <summary>Empty markup.</summary>
    public static RawHtml Empty { get; } = new("");

    /// <inheritdoc />
    public override string ToString() => Html;
}
