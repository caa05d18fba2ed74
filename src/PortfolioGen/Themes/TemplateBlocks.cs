using Scriban.Parsing;

namespace PortfolioGen.Themes;

/// <summary>
/// Where a template's blocks open and close, read from Scriban's own lexer. Scriban reports a block left without
/// <c>end</c> where it stopped looking for one, at the end of the file; in a layout of twenty <c>if</c>s that does not
/// say which. The block still open when the file ends is the one to name.
/// </summary>
internal static class TemplateBlocks
{
    // The statements that run to an `end` (`else`, `else if` and `when` continue a block; they do not open one), and,
    // wherever it stands, an anonymous function's `do`.
    private static readonly HashSet<string> Openers = new(StringComparer.Ordinal)
    {
        "if", "for", "while", "with", "capture", "func", "case", "tablerow", "wrap",
    };

    /// <summary>A block: the statement's keyword and where it is (0-based line and column, as Scriban counts).</summary>
    internal readonly record struct Block(string Keyword, int Line, int Column);

    /// <summary>The blocks still open at the end of <paramref name="text"/>, innermost first.</summary>
    internal static IReadOnlyList<Block> Unclosed(string text)
    {
        var open = new Stack<Block>();
        var statementStart = false;
        var afterDot = false;
        // A keyword is only known to open a block by the token after it: `for.index` and `while.index` are the loop's
        // variables, read where a statement starts (`{{ for.index + 1 }}.`).
        Block? pending = null;
        foreach (var token in new Lexer(text))
        {
            if (pending is { } p && token.Type != TokenType.Dot) open.Push(p);
            pending = null;
            var member = afterDot;
            afterDot = token.Type == TokenType.Dot;
            switch (token.Type)
            {
                case TokenType.CodeEnter or TokenType.SemiColon or TokenType.NewLine:
                    statementStart = true;
                    continue;
                case TokenType.CodeExit:
                    statementStart = false;
                    continue;
                case TokenType.Identifier when statementStart:
                    var word = token.GetText(text);
                    if (Openers.Contains(word)) pending = new Block(word, token.Start.Line, token.Start.Column);
                    else if (word == "end" && open.Count > 0) open.Pop();
                    break;
                // An anonymous function (`f = do; ret 1; end`) runs to an `end` too, wherever it stands in a statement.
                case TokenType.Identifier when !member && token.GetText(text) == "do":
                    pending = new Block("do", token.Start.Line, token.Start.Column);
                    break;
                case TokenType.Eof:
                    return [.. open];
            }
            statementStart = false;
        }
        if (pending is { } last) open.Push(last);
        return [.. open];
    }

    /// <summary>Whether a parser message is Scriban's "the &lt;end&gt; statement was not found".</summary>
    internal static bool IsMissingEnd(string message) => message.Contains("<end> statement was not found", StringComparison.Ordinal);

    /// <summary>
    /// Scriban's parser messages as diagnostics' (1-based line, column, message): a missing <c>end</c> is placed at the
    /// innermost block left open, once, rather than at the end of the file; the other messages are as Scriban gives them.
    /// </summary>
    internal static IEnumerable<(int Line, int Column, string Message)> Describe(string text, IEnumerable<LogMessage> messages)
    {
        var unclosed = default(IReadOnlyList<Block>);
        var told = false;
        foreach (var m in messages)
        {
            if (IsMissingEnd(m.Message))
            {
                unclosed ??= Unclosed(text);
                if (unclosed.Count > 0)
                {
                    if (told) continue;
                    told = true;
                    var b = unclosed[0];
                    yield return (b.Line + 1, b.Column + 1, $"this `{b.Keyword}` has no `end`: the file ends before the block is closed");
                    continue;
                }
            }
            yield return (m.Span.Start.Line + 1, m.Span.Start.Column + 1, m.Message);
        }
    }
}
