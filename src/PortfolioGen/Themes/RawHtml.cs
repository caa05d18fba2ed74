namespace PortfolioGen.Themes;

/// <summary>
/// Markup that a template prints as is. Everything else a template prints is HTML-escaped; only values
/// the generator made as markup (rendered Markdown, an abstract's safe HTML, an included partial) or
/// that a template marks with <c>raw</c> are of this type.
/// </summary>
public sealed class RawHtml
{
    private string? _html;
    private readonly PageOutput? _page;
    private readonly int _render;

    /// <summary>Markup.</summary>
    public RawHtml(string html) => _html = html;

    private RawHtml(PageOutput page, int render)
    {
        _page = page;
        _render = render;
    }

    /// <summary>
    /// A page's body as its base layout's <c>content</c>: still in the render's output, and read as text only if the
    /// layout does more than print it (see <see cref="PageOutput"/>).
    /// </summary>
    internal static RawHtml Deferred(PageOutput page, int render) => new(page, render);

    /// <summary>Whether this is the body of that output's current render, not yet read as text.</summary>
    internal bool IsBodyOf(PageOutput page, int render) => _html is null && ReferenceEquals(_page, page) && _render == render;

    /// <summary>The markup.</summary>
    public string Html => _html ??= _page!.Body(_render);

    /// <summary>Empty markup.</summary>
    public static RawHtml Empty { get; } = new("");

    /// <inheritdoc />
    public override string ToString() => Html;
}
