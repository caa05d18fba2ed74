using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using PortfolioGen.Text;

namespace PortfolioGen.Themes;

/// <summary>
/// A Scriban context that escapes by default: every value a template prints (<c>{{ x }}</c>) is
/// HTML-escaped unless it is <see cref="RawHtml"/>. The template's own literal text is written as is.
/// This is where escaping happens, once, so themes are safe by default rather than by care.
/// </summary>
public sealed class HtmlTemplateContext : TemplateContext
{
    /// <summary>Creates a context over a shared builtin object (building Scriban's builtins per page is costly).</summary>
    public HtmlTemplateContext(ScriptObject builtins) : base(builtins)
    {
    }

    /// <inheritdoc />
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        switch (textAsObject)
        {
            case null:
                return this;
            case RawHtml raw:
                // A page's body where its base layout prints it: only the place is noted (see PageOutput). Inside an
                // indented include Scriban indents every line, so there the body is written as text. (Scriban sets an
                // empty indent on lines that start with a tag, which indents nothing.)
                if (string.IsNullOrEmpty(CurrentIndent) && Output is PageOutput page && page.TryPlaceBody(raw, out var last))
                {
                    if (last is not null) Write(last);
                    return this;
                }
                Write(raw.Html);
                return this;
            case string s:
                WriteEscaped(s);
                return this;
            default:
                WriteEscaped(ObjectToString(textAsObject));
                return this;
        }
    }

    // Html.Escape, written straight to the output in runs: no escaped copy of every value on every page.
    private void WriteEscaped(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        var start = 0;
        while (start < text.Length)
        {
            var special = text.AsSpan(start).IndexOfAny("&<>\"'");
            if (special < 0)
            {
                Write(text, start, text.Length - start);
                return;
            }
            if (special > 0) Write(text, start, special);
            Write(text[start + special] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&#39;",
            });
            start += special + 1;
        }
    }

    /// <inheritdoc />
    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject)
        => new(Write(span, textAsObject));
}
