using System.Text;

namespace PortfolioGen.Scholarly.Math;

/// <summary>Writes a <see cref="MathNode"/> tree as MathML Core markup.</summary>
internal static class MathMLWriter
{
    /// <summary>The whole <c>&lt;math&gt;</c> element, with <paramref name="tex"/> as its annotation.</summary>
    public static string Write(MathNode root, string tex, bool display)
    {
        var html = new StringBuilder();
        html.Append(display ? "<math display=\"block\">" : "<math>").Append("<semantics>");
        Write(html, root);
        html.Append("<annotation encoding=\"application/x-tex\">").Append(Escape(tex)).Append("</annotation>");
        html.Append("</semantics></math>");
        return html.ToString();
    }

    /// <summary>
    /// Escapes text for HTML content and attribute values: <c>&amp; &lt; &gt; "</c>; the invisible U+00A0 and
    /// U+2061 are written as character references so the markup stays readable.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var reference = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\u00A0' => "&#xA0;",
                '\u2061' => "&#x2061;",
                _ => null,
            };
            if (reference is null)
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append(reference);
            }
        }
        return escaped.ToString();
    }

    private static void Write(StringBuilder html, MathNode node)
    {
        switch (node)
        {
            case MathToken token:
                html.Append('<').Append(token.Element).Append(token.Attributes).Append('>')
                    .Append(Escape(token.Text))
                    .Append("</").Append(token.Element).Append('>');
                break;
            case MathRow row:
                Element(html, "mrow", row.Children);
                break;
            case MathFraction fraction:
                Element(html, "mfrac", [fraction.Numerator, fraction.Denominator], fraction.Attributes);
                break;
            case MathRoot { Index: null } root:
                // msqrt takes any number of children, so a group's mrow is not needed.
                Element(html, "msqrt", root.Radicand is MathRow inner ? inner.Children : [root.Radicand]);
                break;
            case MathRoot root:
                Element(html, "mroot", [root.Radicand, root.Index]);
                break;
            case MathScripts { Sub: not null, Sup: not null } scripts:
                Element(html, scripts.Under ? "munderover" : "msubsup", [scripts.Base, scripts.Sub, scripts.Sup]);
                break;
            case MathScripts { Sub: not null } scripts:
                Element(html, scripts.Under ? "munder" : "msub", [scripts.Base, scripts.Sub]);
                break;
            case MathScripts scripts:
                Element(html, scripts.Under ? "mover" : "msup", [scripts.Base, scripts.Sup!]);
                break;
            case MathFenced fenced:
                html.Append("<mrow>");
                Fence(html, fenced.Open);
                foreach (var child in fenced.Body)
                {
                    Write(html, child);
                }
                Fence(html, fenced.Close);
                html.Append("</mrow>");
                break;
            case MathSpace space:
                html.Append("<mspace width=\"").Append(space.Width).Append("\"></mspace>");
                break;
            case MathAccent accent:
                var element = accent.Under ? "munder" : "mover";
                html.Append('<').Append(element);
                if (accent.IsAccent)
                {
                    html.Append(accent.Under ? " accentunder=\"true\"" : " accent=\"true\"");
                }
                html.Append('>');
                Write(html, accent.Base);
                html.Append("<mo stretchy=\"").Append(accent.Stretchy ? "true" : "false").Append("\">").Append(Escape(accent.Mark)).Append("</mo>");
                html.Append("</").Append(element).Append('>');
                break;
            case MathTable table:
                html.Append("<mtable").Append(table.Attributes).Append('>');
                foreach (var cells in table.Rows)
                {
                    html.Append("<mtr>");
                    foreach (var cell in cells)
                    {
                        // mtd takes any number of children, so a cell's mrow is not needed.
                        Element(html, "mtd", cell is MathRow cellRow ? cellRow.Children : [cell]);
                    }
                    html.Append("</mtr>");
                }
                html.Append("</mtable>");
                break;
            case MathOperator op:
                Write(html, op.Body);
                break;
            case MathStyle style:
                // mstyle takes any number of children, so a group's mrow is not needed.
                Element(html, "mstyle", style.Body is MathRow styled ? styled.Children : [style.Body], style.Attributes);
                break;
        }
    }

    private static void Element(StringBuilder html, string name, IEnumerable<MathNode> children, string attributes = "")
    {
        html.Append('<').Append(name).Append(attributes).Append('>');
        foreach (var child in children)
        {
            Write(html, child);
        }
        html.Append("</").Append(name).Append('>');
    }

    private static void Fence(StringBuilder html, string? delimiter)
    {
        if (delimiter is not null)
        {
            html.Append("<mo fence=\"true\" stretchy=\"true\">").Append(Escape(delimiter)).Append("</mo>");
        }
    }
}
