using System.Text;

namespace PortfolioGen.Text;

/// <summary>
/// The light LaTeX that arXiv abstracts and titles carry, read into a small inline tree and written out
/// as safe HTML, plain text or Markdown. Supported: <c>\textit{}</c>, <c>\emph{}</c>, <c>\textbf{}</c>,
/// <c>\texttt{}</c>, <c>``…''</c> and <c>`…'</c> quotes, <c>\footnote{}</c> (a URL becomes a link),
/// <c>\url{}</c>, <c>\href{}{}</c>, escaped specials (<c>\_ \% \&amp; \# \$ \{ \}</c>), <c>~</c>, <c>--</c> and
/// <c>---</c> dashes, bare http(s) URLs, and <c>$…$</c> math (handed to an <see cref="IMathRenderer"/>).
/// Anything else is kept as written and reported, never dropped.
/// </summary>
public static class LatexText
{
    /// <summary>A problem at a character offset of the converted text.</summary>
    public delegate void Report(int offset, string code, string message);

    /// <summary>Parses <paramref name="source"/> into inline nodes.</summary>
    public static IReadOnlyList<Node> Parse(string source, Report? report = null)
    {
        var parser = new Parser(source, report);
        return parser.ParseSequence(stopAtBrace: false);
    }

    /// <summary>
    /// Renders nodes as HTML; text is escaped, math goes through <paramref name="math"/>, and a formula it
    /// cannot render is reported to <paramref name="mathFailed"/> (it is shown as its escaped source).
    /// </summary>
    public static string ToHtml(IReadOnlyList<Node> nodes, IMathRenderer math, Action<MathNode, string>? mathFailed = null)
    {
        var sb = StringBuilderCache.Acquire();
        WriteHtml(sb, nodes, math, mathFailed);
        if (HasInlineMath(nodes)) Scholarly.Math.MathGlue.Apply(sb, 0);
        return StringBuilderCache.GetStringAndRelease(sb);
    }

    /// <summary>Appends what <see cref="ToHtml"/> returns.</summary>
    public static void AppendHtml(StringBuilder sb, IReadOnlyList<Node> nodes, IMathRenderer math, Action<MathNode, string>? mathFailed = null)
    {
        var start = sb.Length;
        WriteHtml(sb, nodes, math, mathFailed, start);
        if (HasInlineMath(nodes)) Scholarly.Math.MathGlue.Apply(sb, start);
    }

    // Whether there is inline math to glue to its neighbours (see MathGlue): most abstracts have none, and their HTML
    // is not copied to be searched.
    private static bool HasInlineMath(IReadOnlyList<Node> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case MathNode { Display: false }: return true;
                case EmphasisNode e when HasInlineMath(e.Children): return true;
                case StrongNode st when HasInlineMath(st.Children): return true;
                case LinkNode l when HasInlineMath(l.Children): return true;
                case FootnoteNode f when HasInlineMath(f.Children): return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Renders nodes as plain text. Math keeps its TeX source without the dollars (what titles' slugs and citation keys
    /// are made from); with <paramref name="readable"/>, as text for people: Unicode where it writes the formula exactly
    /// (<see cref="MathText"/>), else the TeX source between its dollars.
    /// </summary>
    public static string ToText(IReadOnlyList<Node> nodes, bool readable = false)
    {
        var sb = StringBuilderCache.Acquire();
        WriteText(sb, nodes, readable ? ReadableMath : null);
        return StringBuilderCache.GetStringAndRelease(sb);
    }

    /// <summary>Renders nodes as plain text with each formula written by <paramref name="math"/>.</summary>
    public static string ToText(IReadOnlyList<Node> nodes, Func<MathNode, string> math)
    {
        var sb = StringBuilderCache.Acquire();
        WriteText(sb, nodes, math);
        return StringBuilderCache.GetStringAndRelease(sb);
    }

    private static readonly Func<MathNode, string> ReadableMath = m => MathText.ToUnicode(m.Tex) is { } unicode
        ? unicode
        : m.Display ? "$$" + m.Tex + "$$" : "$" + m.Tex + "$";

    /// <summary>Renders nodes as CommonMark that Markdig (with its mathematics extension) reads back to the same HTML.</summary>
    public static string ToMarkdown(IReadOnlyList<Node> nodes)
    {
        var sb = StringBuilderCache.Acquire();
        AppendMarkdown(sb, nodes);
        return StringBuilderCache.GetStringAndRelease(sb);
    }

    /// <summary>
    /// Plain text as CommonMark that reads back as exactly that text, escaped as the paper's Markdown escapes its
    /// abstract: a pasted <c>[link](javascript:…)</c>, an HTML tag or <c>*emphasis*</c> stays those characters. With
    /// <paramref name="lineStart"/>, what would start a block there (a heading, a list) is escaped too.
    /// </summary>
    public static string EscapeMarkdown(string text, bool lineStart = false)
    {
        var sb = StringBuilderCache.Acquire(text.Length + 16);
        AppendMarkdownText(sb, text, lineStart);
        return StringBuilderCache.GetStringAndRelease(sb);
    }

    /// <summary>Appends what <see cref="ToMarkdown"/> returns (what it escapes at the start, it escapes where this starts).</summary>
    public static void AppendMarkdown(StringBuilder sb, IReadOnlyList<Node> nodes) => WriteMarkdown(sb, nodes, atStart: true, sb.Length);

    /// <summary>An inline node.</summary>
    public abstract record Node;
    /// <summary>Literal text (already unescaped: <c>\%</c> is <c>%</c>).</summary>
    public sealed record TextNode(string Text) : Node;
    /// <summary>Emphasis (<c>\textit</c>, <c>\emph</c>).</summary>
    public sealed record EmphasisNode(IReadOnlyList<Node> Children) : Node;
    /// <summary>Strong emphasis (<c>\textbf</c>).</summary>
    public sealed record StrongNode(IReadOnlyList<Node> Children) : Node;
    /// <summary>Monospace (<c>\texttt</c>).</summary>
    public sealed record CodeNode(string Text) : Node;
    /// <summary>A link; <paramref name="Children"/> empty means "show the URL".</summary>
    public sealed record LinkNode(string Url, IReadOnlyList<Node> Children) : Node;
    /// <summary>A footnote, shown in parentheses after the text it belongs to.</summary>
    public sealed record FootnoteNode(IReadOnlyList<Node> Children) : Node;
    /// <summary>Math: the TeX between the dollars; <paramref name="Offset"/> is where the opening dollar stands.</summary>
    public sealed record MathNode(string Tex, bool Display, int Offset) : Node;

    private static void WriteHtml(StringBuilder sb, IReadOnlyList<Node> nodes, IMathRenderer math, Action<MathNode, string>? mathFailed, int start = 0)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t: Html.AppendText(sb, t.Text); break;
                case EmphasisNode e: sb.Append("<em>"); WriteHtml(sb, e.Children, math, mathFailed, start); sb.Append("</em>"); break;
                case StrongNode s: sb.Append("<strong>"); WriteHtml(sb, s.Children, math, mathFailed, start); sb.Append("</strong>"); break;
                case CodeNode c: sb.Append("<code>"); Html.AppendText(sb, c.Text); sb.Append("</code>"); break;
                case LinkNode l:
                    sb.Append("<a href=\"").Append(Html.Escape(l.Url)).Append("\">");
                    if (l.Children.Count == 0) Html.AppendText(sb, l.Url); else WriteHtml(sb, l.Children, math, mathFailed, start);
                    sb.Append("</a>");
                    break;
                case FootnoteNode f: sb.Append(sb.Length > start ? " (" : "("); WriteHtml(sb, f.Children, math, mathFailed, start); sb.Append(')'); break;
                case MathNode m:
                    var rendered = math.Render(m.Tex, m.Display);
                    if (rendered.Error is { } error) mathFailed?.Invoke(m, error);
                    sb.Append(rendered.Html);
                    break;
            }
        }
    }

    // Math as its TeX when `math` is null.
    private static void WriteText(StringBuilder sb, IReadOnlyList<Node> nodes, Func<MathNode, string>? math)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t: sb.Append(t.Text); break;
                case EmphasisNode e: WriteText(sb, e.Children, math); break;
                case StrongNode s: WriteText(sb, s.Children, math); break;
                case CodeNode c: sb.Append(c.Text); break;
                case LinkNode l when l.Children.Count == 0: sb.Append(l.Url); break;
                case LinkNode l: WriteText(sb, l.Children, math); sb.Append(" (").Append(l.Url).Append(')'); break;
                case FootnoteNode f: sb.Append(sb.Length > 0 ? " (" : "("); WriteText(sb, f.Children, math); sb.Append(')'); break;
                case MathNode m when math is null: sb.Append(m.Tex); break;
                case MathNode m: sb.Append(math(m)); break;
            }
        }
    }

    private static void WriteMarkdown(StringBuilder sb, IReadOnlyList<Node> nodes, bool atStart, int start)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t: AppendMarkdownText(sb, t.Text, atStart && sb.Length == start); break;
                case EmphasisNode e when e.Children.Count > 0: sb.Append("<em>"); WriteMarkdown(sb, e.Children, false, start); sb.Append("</em>"); break;
                case StrongNode s when s.Children.Count > 0: sb.Append("<strong>"); WriteMarkdown(sb, s.Children, false, start); sb.Append("</strong>"); break;
                case CodeNode c: sb.Append("<code>"); Html.Append(sb, c.Text); sb.Append("</code>"); break;
                case LinkNode l:
                    sb.Append("<a href=\"").Append(Html.Escape(l.Url)).Append("\">");
                    if (l.Children.Count == 0) Html.Append(sb, l.Url); else WriteMarkdown(sb, l.Children, false, start);
                    sb.Append("</a>");
                    break;
                case FootnoteNode f: sb.Append(sb.Length > start ? " (" : "("); WriteMarkdown(sb, f.Children, false, start); sb.Append(')'); break;
                case MathNode m: sb.Append(m.Display ? "$$" : "$").Append(m.Tex).Append(m.Display ? "$$" : "$"); break;
            }
        }
    }

    // Inline HTML tags are used for emphasis and links in the generated Markdown: `*` delimiters follow
    // flanking rules that an abstract's punctuation can defeat, tags cannot. Everything a Markdown reader
    // would interpret is backslash-escaped, so the text reads back exactly.
    private static void AppendMarkdownText(StringBuilder sb, string text, bool lineStart)
    {
        var rest = text.AsSpan();
        if (lineStart && rest.Length > 0)
        {
            if (rest[0] is '#' or '+' or '-' or '=')
            {
                // A heading, a list or a setext underline.
                sb.Append('\\').Append(rest[0]);
                rest = rest[1..];
            }
            else if (rest.IndexOfAnyExceptInRange('0', '9') is > 0 and var d && rest[d] is '.' or ')')
            {
                // "12." or "3)" would start an ordered list.
                sb.Append(rest[..d]).Append('\\').Append(rest[d]);
                rest = rest[(d + 1)..];
            }
        }
        // Runs between the characters to escape are copied whole (a character at a time was ~1% of a build).
        while (true)
        {
            var i = rest.IndexOfAny(MarkdownSpecial);
            if (i < 0)
            {
                sb.Append(rest);
                return;
            }
            sb.Append(rest[..i]);
            if (rest[i] == '\u00A0') sb.Append("&nbsp;");
            else sb.Append('\\').Append(rest[i]);
            rest = rest[(i + 1)..];
        }
    }

    private static readonly System.Buffers.SearchValues<char> MarkdownSpecial = System.Buffers.SearchValues.Create("\\`*_[]<>$|~&!\u00A0");

    /// <summary>
    /// The math that starts at the <c>$</c> at <paramref name="i"/>: its delimiter (<c>$</c> or <c>$$</c>) and the
    /// span of its TeX; <c>End</c> is -1 when it never closes or is empty (then the dollar is literal). A backslash
    /// escapes the next character. Every reader of profile LaTeX finds math this way.
    /// </summary>
    internal static (string Delimiter, int Start, int End) FindMath(string s, int i)
    {
        var delimiter = i + 1 < s.Length && s[i + 1] == '$' ? "$$" : "$";
        var start = i + delimiter.Length;
        var end = start;
        while (end < s.Length)
        {
            if (s[end] == '\\') { end += 2; continue; }
            if (string.CompareOrdinal(s, end, delimiter, 0, delimiter.Length) == 0) break;
            end++;
        }
        return (delimiter, start, end >= s.Length || end == start ? -1 : end);
    }

    private sealed class Parser(string s, Report? report)
    {
        private int _i;

        public List<Node> ParseSequence(bool stopAtBrace)
        {
            var nodes = new List<Node>();
            // The pending text: a builder this thread keeps (a new one per call grew from 16 characters, in chunks).
            var text = StringBuilderCache.Acquire();
            void Flush()
            {
                if (text.Length > 0)
                {
                    nodes.Add(new TextNode(text.ToString()));
                    text.Clear();
                }
            }
            while (_i < s.Length)
            {
                var ch = s[_i];
                switch (ch)
                {
                    case '}' when stopAtBrace:
                        Flush();
                        StringBuilderCache.Release(text);
                        return nodes;
                    case '}':
                        report?.Invoke(_i, DiagnosticCodes.UnbalancedBraces, "unbalanced '}' in LaTeX text; it is kept as written");
                        text.Append('}');
                        _i++;
                        break;
                    case '{':
                    {
                        var open = _i++;
                        var inner = ParseSequence(stopAtBrace: true);
                        if (_i < s.Length && s[_i] == '}')
                        {
                            _i++;
                            Flush();
                            // A bare group only scopes formatting in LaTeX; its content reads as if unbraced.
                            MergeInto(nodes, inner, text);
                        }
                        else
                        {
                            report?.Invoke(open, DiagnosticCodes.UnbalancedBraces, "'{' is never closed; it is kept as written");
                            text.Append('{');
                            Flush();
                            MergeInto(nodes, inner, text);
                        }
                        break;
                    }
                    case '\\':
                        ParseCommand(nodes, text, Flush);
                        break;
                    case '$':
                        ParseMath(nodes, text, Flush);
                        break;
                    case '`':
                        if (At("``")) { text.Append('\u201C'); _i += 2; }
                        else { text.Append('\u2018'); _i++; }
                        break;
                    case '\'' when At("''"):
                        text.Append('\u201D');
                        _i += 2;
                        break;
                    case '~':
                        text.Append('\u00A0');
                        _i++;
                        break;
                    case '-' when At("---"):
                        text.Append('\u2014');
                        _i += 3;
                        break;
                    case '-' when At("--"):
                        text.Append('\u2013');
                        _i += 2;
                        break;
                    case 'h' when (At("https://") || At("http://")) && (_i == 0 || !char.IsLetterOrDigit(s[_i - 1])):
                        Flush();
                        nodes.Add(new LinkNode(ReadBareUrl(), []));
                        break;
                    default:
                    {
                        // Prose runs to the next character that may start something: copied in one go.
                        var run = s.AsSpan(_i + 1).IndexOfAny(MayStartSomething);
                        var end = run < 0 ? s.Length : _i + 1 + run;
                        text.Append(s, _i, end - _i);
                        _i = end;
                        break;
                    }
                }
            }
            Flush();
            StringBuilderCache.Release(text);
            return nodes;
        }

        // Every character the switch above treats specially ('h' for a bare URL).
        private static readonly System.Buffers.SearchValues<char> MayStartSomething = System.Buffers.SearchValues.Create("{}\\$`'~-h");

        private static void MergeInto(List<Node> nodes, List<Node> inner, StringBuilder text)
        {
            foreach (var n in inner)
            {
                if (n is TextNode t && nodes.Count > 0 && nodes[^1] is TextNode prev)
                {
                    nodes[^1] = new TextNode(prev.Text + t.Text);
                }
                else
                {
                    nodes.Add(n);
                }
            }
            _ = text;
        }

        private bool At(string token) => string.CompareOrdinal(s, _i, token, 0, token.Length) == 0;

        private string ReadBareUrl()
        {
            var start = _i;
            while (_i < s.Length && !char.IsWhiteSpace(s[_i]) && s[_i] is not ('<' or '>' or '"' or '{' or '}' or '\\' or '`'))
            {
                _i++;
            }
            // Trailing sentence punctuation belongs to the sentence, not the URL.
            while (_i > start && s[_i - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or ')')
            {
                if (s[_i - 1] == ')' && s[start.._i].Count(c => c == '(') >= s[start.._i].Count(c => c == ')')) break;
                _i--;
            }
            return s[start.._i];
        }

        private void ParseMath(List<Node> nodes, StringBuilder text, Action flush)
        {
            var (delimiter, start, end) = FindMath(s, _i);
            var display = delimiter.Length == 2;
            if (end < 0)
            {
                report?.Invoke(_i, DiagnosticCodes.UnbalancedMath, "'$' starts math that never ends; it is kept as a dollar sign (write \\$ for a literal one)");
                text.Append('$');
                _i++;
                return;
            }
            flush();
            nodes.Add(new MathNode(s[start..end].Trim(), display, _i));
            _i = end + delimiter.Length;
        }

        private void ParseCommand(List<Node> nodes, StringBuilder text, Action flush)
        {
            var start = _i;
            _i++; // the backslash
            if (_i >= s.Length)
            {
                text.Append('\\');
                return;
            }
            if (!char.IsAsciiLetter(s[_i]))
            {
                var escaped = s[_i++];
                switch (escaped)
                {
                    case '_' or '%' or '&' or '#' or '$' or '{' or '}': text.Append(escaped); break;
                    case ',' or ' ': text.Append(escaped == ',' ? '\u2009' : ' '); break;
                    case '\\': text.Append(' '); break;
                    default:
                        text.Append('\\').Append(escaped);
                        break;
                }
                return;
            }
            var nameStart = _i;
            while (_i < s.Length && char.IsAsciiLetter(s[_i])) _i++;
            var name = s[nameStart.._i];
            switch (name)
            {
                case "textit" or "emph" or "textsl" or "mathit":
                    AddWithGroup(nodes, flush, start, name, c => new EmphasisNode(c));
                    return;
                case "textbf" or "mathbf":
                    AddWithGroup(nodes, flush, start, name, c => new StrongNode(c));
                    return;
                case "texttt":
                    AddWithGroup(nodes, flush, start, name, c => new CodeNode(ToText(c)));
                    return;
                case "footnote":
                    AddWithGroup(nodes, flush, start, name, c =>
                        c is [TextNode t] && IsUrl(t.Text.Trim()) ? new FootnoteNode([new LinkNode(t.Text.Trim(), [])])
                        : c is [LinkNode] ? new FootnoteNode(c) : new FootnoteNode(c));
                    return;
                case "url":
                {
                    SkipSpaces();
                    if (TryReadRawGroup(out var url))
                    {
                        flush();
                        nodes.Add(IsUrl(url) ? new LinkNode(url, []) : new CodeNode(url));
                        return;
                    }
                    break;
                }
                case "href":
                {
                    SkipSpaces();
                    if (TryReadRawGroup(out var url))
                    {
                        SkipSpaces();
                        if (_i < s.Length && s[_i] == '{')
                        {
                            _i++;
                            var label = ParseSequence(stopAtBrace: true);
                            if (_i < s.Length) _i++;
                            flush();
                            nodes.Add(IsUrl(url) ? new LinkNode(url, label) : new EmphasisNode(label));
                            return;
                        }
                    }
                    break;
                }
                case "textrm" or "textsf" or "textnormal" or "textsc" or "text" or "mbox" or "textup":
                {
                    SkipSpaces();
                    if (_i < s.Length && s[_i] == '{')
                    {
                        _i++;
                        var inner = ParseSequence(stopAtBrace: true);
                        if (_i < s.Length) _i++;
                        flush();
                        MergeInto(nodes, inner, text);
                        return;
                    }
                    break;
                }
                case "ldots" or "dots": SkipEmptyGroup(); text.Append('\u2026'); return;
                case "LaTeX": SkipEmptyGroup(); text.Append("LaTeX"); return;
                case "TeX": SkipEmptyGroup(); text.Append("TeX"); return;
                case "ie": text.Append("i.e."); return;
                case "eg": text.Append("e.g."); return;
                case "etal": text.Append("et al."); return;
            }
            // Unknown: keep the command and its argument exactly as written, and say so.
            report?.Invoke(start, DiagnosticCodes.UnknownLatexCommand, $"unsupported LaTeX command \\{name}; it is kept as written");
            _i = start + 1 + name.Length;
            if (_i < s.Length && s[_i] == '{' && TryReadRawGroup(out var arg))
            {
                text.Append('\\').Append(name).Append('{').Append(arg).Append('}');
                return;
            }
            text.Append('\\').Append(name);
        }

        private void AddWithGroup(List<Node> nodes, Action flush, int start, string name, Func<IReadOnlyList<Node>, Node> make)
        {
            SkipSpaces();
            if (_i < s.Length && s[_i] == '{')
            {
                var open = _i++;
                var inner = ParseSequence(stopAtBrace: true);
                if (_i < s.Length && s[_i] == '}')
                {
                    _i++;
                }
                else
                {
                    report?.Invoke(open, DiagnosticCodes.UnbalancedBraces, $"the argument of \\{name} is never closed");
                }
                flush();
                nodes.Add(make(inner));
                return;
            }
            report?.Invoke(start, DiagnosticCodes.UnknownLatexCommand, $"\\{name} needs an argument in braces; it is kept as written");
            flush();
            nodes.Add(new TextNode("\\" + name));
        }

        private void SkipSpaces()
        {
            while (_i < s.Length && s[_i] == ' ') _i++;
        }

        private void SkipEmptyGroup()
        {
            if (At("{}")) _i += 2;
        }

        // Reads "{...}" verbatim, honouring nested braces; leaves the position unchanged on failure.
        private bool TryReadRawGroup(out string content)
        {
            content = "";
            if (_i >= s.Length || s[_i] != '{') return false;
            var depth = 0;
            for (var j = _i; j < s.Length; j++)
            {
                if (s[j] == '\\') { j++; continue; }
                if (s[j] == '{') depth++;
                else if (s[j] == '}' && --depth == 0)
                {
                    content = s[(_i + 1)..j].Replace("\\_", "_", StringComparison.Ordinal).Replace("\\%", "%", StringComparison.Ordinal).Replace("\\#", "#", StringComparison.Ordinal).Replace("\\&", "&", StringComparison.Ordinal);
                    _i = j + 1;
                    return true;
                }
            }
            return false;
        }
    }

    private static bool IsUrl(string text)
        => (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
           && text.Length > 8 && !text.Any(char.IsWhiteSpace);
}

/// <summary>Turns the TeX of a <c>$…$</c> span into HTML.</summary>
public interface IMathRenderer
{
    /// <summary>Renders one formula; on failure the HTML is a safe fallback and the error says why.</summary>
    MathRendering Render(string tex, bool display);
}

/// <summary>A rendered formula, and why it could not be rendered as math (null when it could).</summary>
public readonly record struct MathRendering(string Html, string? Error);

/// <summary>Renders math as MathML Core at build time (see <see cref="Scholarly.Math.TexMath"/>).</summary>
public sealed class MathMLRenderer : IMathRenderer
{
    /// <summary>The shared instance.</summary>
    public static MathMLRenderer Instance { get; } = new();

    /// <inheritdoc />
    public MathRendering Render(string tex, bool display)
    {
        var result = Scholarly.Math.TexMath.ToMathML(tex, display);
        return new MathRendering(result.Html, result.Success ? null : result.Error);
    }
}
