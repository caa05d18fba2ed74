using System.Globalization;
using System.Text;

namespace PortfolioGen.Scholarly.Math;

/// <summary>The kinds of <see cref="TexToken"/>.</summary>
internal enum TexTokenKind
{
    /// <summary>End of input.</summary>
    End,

    /// <summary>One character (a surrogate pair counts as one).</summary>
    Char,

    /// <summary>A control word (<c>\frac</c> → <c>frac</c>) or control symbol (<c>\{</c> → <c>{</c>; any <c>\</c>+space → a space).</summary>
    Command,
}

/// <summary>A token of TeX source; <paramref name="End"/> is the index just after it.</summary>
internal readonly record struct TexToken(TexTokenKind Kind, string Text, int End)
{
    public bool IsChar(string text) => Kind == TexTokenKind.Char && string.Equals(Text, text, StringComparison.Ordinal);

    public bool IsCommand(string name) => Kind == TexTokenKind.Command && string.Equals(Text, name, StringComparison.Ordinal);
}

/// <summary>
/// Splits TeX math source into tokens, skipping white space as math mode does. The parser pulls tokens one at a
/// time, and reads the argument of <c>\text</c> raw through <see cref="ReadTextArgument"/>.
/// </summary>
internal sealed class TexLexer(string source)
{
    private int _position;

    /// <summary>The next token, without consuming it.</summary>
    public TexToken Peek() => Lex(_position);

    /// <summary>The token after <paramref name="token"/>, without consuming anything.</summary>
    public TexToken PeekAfter(TexToken token) => Lex(token.End);

    /// <summary>Consumes and returns the next token.</summary>
    public TexToken Next()
    {
        var token = Lex(_position);
        _position = token.End;
        return token;
    }

    /// <summary>
    /// Reads the argument of <c>\text</c>: a braced group of text (white space collapsed, and kept at the ends as
    /// no-break spaces so MathML does not trim it) or a single letter or digit.
    /// </summary>
    public string ReadTextArgument()
    {
        var position = SkipSpace(_position);
        if (position >= source.Length || source[position] != '{')
        {
            var single = Lex(position);
            if (single.Kind != TexTokenKind.Char || !Rune.TryGetRuneAt(source, position, out var rune) || !Rune.IsLetterOrDigit(rune))
            {
                throw new TexMathException("missing argument for \\text");
            }
            _position = single.End;
            return single.Text;
        }

        var text = new StringBuilder();
        var depth = 1;
        position++;
        while (true)
        {
            if (position >= source.Length)
            {
                throw new TexMathException("unbalanced braces: missing }");
            }
            var c = source[position];
            if (c == '{')
            {
                depth++;
                position++;
            }
            else if (c == '}')
            {
                position++;
                if (--depth == 0)
                {
                    break;
                }
            }
            else if (c == '\\')
            {
                var escape = Lex(position);
                position = escape.End;
                text.Append(escape.Text switch
                {
                    "%" or "&" or "_" or "$" or "#" or "{" or "}" => escape.Text,
                    " " => " ",
                    _ => throw new TexMathException($"unsupported command \\{escape.Text} in \\text"),
                });
            }
            else if (c == '~')
            {
                text.Append('\u00A0');
                position++;
            }
            else if (IsSpace(c))
            {
                text.Append(' ');
                position++;
            }
            else if (c is '$')
            {
                throw new TexMathException("math inside \\text is not supported");
            }
            else if (c is '^' or '_' or '&' or '#' or '%')
            {
                throw new TexMathException($"unsupported character {c} in \\text");
            }
            else
            {
                if (!Rune.TryGetRuneAt(source, position, out var rune) || !IsPrintable(rune))
                {
                    throw new TexMathException($"unsupported character {Describe(source, position)} in \\text");
                }
                text.Append(source, position, rune.Utf16SequenceLength);
                position += rune.Utf16SequenceLength;
            }
        }
        _position = position;
        return CollapseSpaces(text.ToString());
    }

    /// <summary>The character at <paramref name="index"/> for an error message: itself if printable, else <c>U+XXXX</c>.</summary>
    public static string Describe(string text, int index)
    {
        if (Rune.TryGetRuneAt(text, index, out var rune) && IsPrintable(rune) && !Rune.IsWhiteSpace(rune))
        {
            return rune.ToString();
        }
        return "U+" + ((int)text[index]).ToString("X4", CultureInfo.InvariantCulture);
    }

    /// <summary>Math-mode white space: ASCII tab, line feed, carriage return and the Unicode space separators.</summary>
    private static bool IsSpace(char c) => c is '\t' or '\n' or '\r' || (char.IsWhiteSpace(c) && !char.IsControl(c));

    /// <summary>Characters that may appear as text (also valid in XML): no controls, format characters or non-characters.</summary>
    private static bool IsPrintable(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse);
    }

    private static string CollapseSpaces(string text)
    {
        var collapsed = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c != ' ' || collapsed.Length == 0 || collapsed[^1] != ' ')
            {
                collapsed.Append(c);
            }
        }
        if (collapsed.Length > 0 && collapsed[0] == ' ')
        {
            collapsed[0] = '\u00A0';
        }
        if (collapsed.Length > 0 && collapsed[^1] == ' ')
        {
            collapsed[^1] = '\u00A0';
        }
        return collapsed.ToString();
    }

    private int SkipSpace(int position)
    {
        while (position < source.Length && IsSpace(source[position]))
        {
            position++;
        }
        return position;
    }

    private TexToken Lex(int position)
    {
        position = SkipSpace(position);
        if (position >= source.Length)
        {
            return new TexToken(TexTokenKind.End, "", position);
        }
        if (source[position] != '\\')
        {
            var width = Rune.TryGetRuneAt(source, position, out var rune) ? rune.Utf16SequenceLength : 1;
            return new TexToken(TexTokenKind.Char, source.Substring(position, width), position + width);
        }

        var start = position + 1;
        if (start >= source.Length)
        {
            throw new TexMathException("stray \\ at the end");
        }
        var end = start;
        while (end < source.Length && char.IsAsciiLetter(source[end]))
        {
            end++;
        }
        if (end > start)
        {
            return new TexToken(TexTokenKind.Command, source[start..end], end);
        }
        // A control symbol: \ and one character. \ followed by white space is a space.
        if (IsSpace(source[start]))
        {
            return new TexToken(TexTokenKind.Command, " ", start + 1);
        }
        var length = Rune.TryGetRuneAt(source, start, out var symbol) ? symbol.Utf16SequenceLength : 1;
        return new TexToken(TexTokenKind.Command, source.Substring(start, length), start + length);
    }
}
