using System.Collections.Frozen;
using System.Text;

namespace PortfolioGen.Scholarly.Citations;

/// <summary>
/// Field values for BibTeX. Two guarantees hold for any input: braces balance when counted the way BibTeX
/// counts them (every <c>{</c> and <c>}</c>, escaped or not, since BibTeX ignores backslashes), and
/// <c>&amp; % # _ ^</c> never appear unescaped outside math. The value is one line.
/// </summary>
internal static class BibTeXText
{
    /// <summary>
    /// Plain text (names, venue, tags, identifiers): every character LaTeX treats specially is escaped, so the
    /// text typesets as written.
    /// </summary>
    public static string Plain(string text)
    {
        var clean = CitationText.OneLine(text);
        var sb = new StringBuilder(clean.Length + 8);
        foreach (var ch in clean)
        {
            AppendPlain(sb, ch);
        }
        return sb.ToString();
    }

    /// <summary>
    /// A name or a part of one: <see cref="Plain"/>, with every Latin letter that has one accent, and the Latin letters
    /// of their own (ø, æ, ß, ł, đ, þ, …), written as a BibTeX special character (<c>{\O}rsted</c>, <c>St{\"o}hr</c>) —
    /// the commands LaTeX's own UTF-8 input maps them to. BibTeX measures text in bytes: it abbreviates a given name
    /// to its first byte and takes a label's letters byte by byte, so a multi-byte letter there was cut in half
    /// (invalid UTF-8 in the .bbl, which LaTeX refuses). A special character is one letter to BibTeX (abbreviated
    /// whole, sorted by its base letter), and biber reads it back as the Unicode letter. Other scripts have no such
    /// commands in LaTeX and are written as they are.
    /// </summary>
    public static string Name(string text)
    {
        var clean = CitationText.OneLine(text);
        if (Ascii.IsValid(clean)) return Plain(clean);
        clean = Text.UnicodeText.Normalize(clean, NormalizationForm.FormC);
        var sb = new StringBuilder(clean.Length + 16);
        foreach (var ch in clean)
        {
            if (ch < 0x80) AppendPlain(sb, ch);
            else if (SpecialCharacter(ch) is { } special) sb.Append('{').Append(special).Append('}');
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>The LaTeX of a Latin letter (<c>\"o</c>, <c>\v{c}</c>, <c>\O</c>); null for any other character, and for a letter with two accents.</summary>
    private static string? SpecialCharacter(char ch)
    {
        if (LatinLetters.TryGetValue(ch, out var letter)) return letter;
        // Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional (Vietnamese): the letters with accents.
        if (ch is not (>= '\u00C0' and <= '\u024F' or >= '\u1E00' and <= '\u1EFF')) return null;
        // One accent only: biber reads a nested one (\~{\^e} for ễ) back as {\~ê}, which puts the accent on half of ê's
        // UTF-8 bytes in the .bbl (pdfLaTeX stops on it); such a letter is written as it is, as biber and a font with it read it.
        var parts = ch.ToString().Normalize(NormalizationForm.FormD);
        if (parts.Length != 2 || !char.IsAsciiLetter(parts[0]) || !Accents.TryGetValue(parts[1], out var accent)) return null;
        // \"o, but \v{c}: a command named by letters needs its argument delimited.
        return char.IsAsciiLetter(accent[0]) ? $"\\{accent}{{{parts[0]}}}" : $"\\{accent}{parts[0]}";
    }

    /// <summary>Combining marks and the LaTeX accent that writes each.</summary>
    private static readonly FrozenDictionary<char, string> Accents = new Dictionary<char, string>
    {
        ['\u0300'] = "`", ['\u0301'] = "'", ['\u0302'] = "^", ['\u0303'] = "~", ['\u0304'] = "=", ['\u0306'] = "u",
        ['\u0307'] = ".", ['\u0308'] = "\"", ['\u030A'] = "r", ['\u030B'] = "H", ['\u030C'] = "v", ['\u0323'] = "d",
        ['\u0327'] = "c", ['\u0328'] = "k", ['\u0331'] = "b",
    }.ToFrozenDictionary();

    /// <summary>Latin letters that are not a letter with an accent, and their LaTeX commands.</summary>
    private static readonly FrozenDictionary<char, string> LatinLetters = new Dictionary<char, string>
    {
        ['Ø'] = "\\O", ['ø'] = "\\o", ['Æ'] = "\\AE", ['æ'] = "\\ae", ['Œ'] = "\\OE", ['œ'] = "\\oe", ['ß'] = "\\ss",
        ['Ł'] = "\\L", ['ł'] = "\\l", ['Đ'] = "\\DJ", ['đ'] = "\\dj", ['Ð'] = "\\DH", ['ð'] = "\\dh", ['Þ'] = "\\TH",
        ['þ'] = "\\th", ['ı'] = "\\i", ['ȷ'] = "\\j", ['Ŋ'] = "\\NG", ['ŋ'] = "\\ng",
    }.ToFrozenDictionary();

    private static void AppendPlain(StringBuilder sb, char ch)
    {
        switch (ch)
        {
            case '&' or '%' or '#' or '_' or '$': sb.Append('\\').Append(ch); break;
            case '{': sb.Append("\\textbraceleft{}"); break;
            case '}': sb.Append("\\textbraceright{}"); break;
            case '\\': sb.Append("\\textbackslash{}"); break;
            case '^': sb.Append("\\textasciicircum{}"); break;
            case '~': sb.Append("\\textasciitilde{}"); break;
            default: sb.Append(ch); break;
        }
    }

    /// <summary>
    /// A URL or DOI. These fields are verbatim (biblatex) or set with <c>\url</c>/<c>\doi</c> (BibTeX styles),
    /// so LaTeX escapes would end up in the link; only characters that are never valid in a URL and would break
    /// the entry (braces, backslash, white space, quotes) are percent-encoded.
    /// </summary>
    public static string Verbatim(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in CitationText.OneLine(text))
        {
            switch (ch)
            {
                case '{': sb.Append("%7B"); break;
                case '}': sb.Append("%7D"); break;
                case '\\': sb.Append("%5C"); break;
                case ' ': sb.Append("%20"); break;
                case '"': sb.Append("%22"); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// LaTeX source as profiles write titles and abstracts (the light LaTeX <see cref="Text.LatexText"/> reads):
    /// <c>$…$</c> math is kept; specials outside math are escaped unless already escaped; a brace without a
    /// partner becomes <c>\textbraceleft{}</c>/<c>\textbraceright{}</c>; <c>^</c> and a backslash that starts
    /// nothing LaTeX knows are typeset literally; <c>~</c> stays a tie. With <paramref name="protectCase"/>,
    /// words with a capital after the first letter (<c>DialoGPS</c>, <c>LLMs</c>, <c>BERT</c>) and math with
    /// capitals are braced at the top level, so styles that change a title's case leave them alone.
    /// </summary>
    public static string Latex(string source, bool protectCase)
    {
        // The token list is this thread's, reused: an abstract is ~1,500 tokens.
        var tokens = t_tokens ?? new List<Token>(2048);
        t_tokens = null;
        tokens.Clear();
        Tokenize(CitationText.OneLine(source), tokens);
        Match(tokens, TokenKind.Open, TokenKind.Close);
        Match(tokens, TokenKind.EscapedOpen, TokenKind.EscapedClose);
        var text = Emit(tokens, protectCase);
        tokens.Clear();
        if (tokens.Capacity <= 65_536) t_tokens = tokens;
        return text;
    }

    [ThreadStatic]
    private static List<Token>? t_tokens;

    // ---- Text-mode commands that are kept ----

    /// <summary>Commands that take one argument in braces; kept when a matched group follows.</summary>
    private static readonly FrozenSet<string> ArgumentCommands = FrozenSet.Create(StringComparer.Ordinal,
    [
        "textit", "emph", "textsl", "textbf", "texttt", "textrm", "textsf", "textnormal", "textsc", "textup", "mbox",
        "textsuperscript", "textsubscript", "footnote", "href",
        // Letter accents: \c{c}, \v{s}, \H{o}, …
        "c", "v", "H", "u", "r", "k", "d", "b", "t",
    ]);

    /// <summary>Commands without an argument; written with <c>{}</c> after them so that following text cannot merge.</summary>
    private static readonly FrozenSet<string> SymbolCommands = FrozenSet.Create(StringComparer.Ordinal,
    [
        "LaTeX", "TeX", "ldots", "dots", "textellipsis", "o", "O", "l", "L", "aa", "AA", "ae", "AE", "oe", "OE", "ss",
        "i", "j", "S", "P", "dag", "ddag", "copyright", "pounds", "textbackslash", "textasciitilde", "textasciicircum",
        "textbar", "textless", "textgreater", "textendash", "textemdash", "textquoteleft", "textquoteright",
        "textquotedblleft", "textquotedblright", "textbullet", "textdagger", "textregistered", "texttrademark",
        "textdegree", "textsection", "slash", "textperiodcentered", "textunderscore",
    ]);

    /// <summary>Commands <see cref="Text.LatexText"/> reads that are not standard LaTeX, and what they become.</summary>
    private static readonly FrozenDictionary<string, string> Renamed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mathit"] = "textit",
        ["mathbf"] = "textbf",
        ["text"] = "textnormal",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Expanded = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ie"] = "i.e.",
        ["eg"] = "e.g.",
        ["etal"] = "et al.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private enum TokenKind
    {
        Char,          // one character of text (a letter of a word, punctuation, a tie)
        Space,
        Open,          // {
        Close,         // }
        EscapedOpen,   // \{
        EscapedClose,  // \}
        Atom,          // output written as is (an escape, a kept control symbol, an accent with its letter)
        Math,          // $…$ already made safe; Text is the output
        Command,       // \name that needs a matched group next (Text is the name)
        Url,           // \url{…} already made safe
        Run,           // characters of text between spaces and specials: Text[Start..Start+Length]
    }

    private struct Token(TokenKind kind, string text)
    {
        public TokenKind Kind { get; } = kind;
        public string Text { get; } = text;
        /// <summary>The index of the matching brace; -1 for none.</summary>
        public int Partner { get; set; } = -1;
        /// <summary>Whether the output has capitals a title's case change must not touch (a symbol such as \LaTeX, math).</summary>
        public bool HasCapitals { get; init; }
        /// <summary>For \href: its URL, made safe.</summary>
        public string? Url { get; init; }
        /// <summary>For a run: where it starts in Text, and its length.</summary>
        public int Start { get; init; }
        public int Length { get; init; }
    }

    // What Tokenize reads specially; everything else (but a space) is plain text, read in runs.
    private static readonly System.Buffers.SearchValues<char> Specials = System.Buffers.SearchValues.Create("\\${}&%#_^ ");

    private static void Tokenize(string s, List<Token> tokens)
    {
        var i = 0;
        while (i < s.Length)
        {
            var ch = s[i];
            switch (ch)
            {
                case '\\':
                    i = TokenizeBackslash(s, i, tokens);
                    break;
                case '$':
                    i = TokenizeDollar(s, i, tokens);
                    break;
                case '{': tokens.Add(new Token(TokenKind.Open, "{")); i++; break;
                case '}': tokens.Add(new Token(TokenKind.Close, "}")); i++; break;
                case '&' or '%' or '#' or '_': tokens.Add(new Token(TokenKind.Atom, "\\" + ch)); i++; break;
                case '^': tokens.Add(new Token(TokenKind.Atom, "\\textasciicircum{}")); i++; break;
                case ' ': tokens.Add(SpaceToken); i++; break;
                default:
                {
                    // A run of plain characters is one token, not one per character (an abstract is ~1,500).
                    var length = s.AsSpan(i).IndexOfAny(Specials);
                    if (length < 0) length = s.Length - i;
                    tokens.Add(new Token(TokenKind.Run, s) { Start = i, Length = length });
                    i += length;
                    break;
                }
            }
        }
    }

    // A space token (tokens are values: each use is a copy).
    private static readonly Token SpaceToken = new(TokenKind.Space, " ");

    private static Token Backslash() => new(TokenKind.Atom, "\\textbackslash{}");

    private static int TokenizeBackslash(string s, int i, List<Token> tokens)
    {
        if (i + 1 >= s.Length)
        {
            tokens.Add(Backslash());
            return i + 1;
        }
        var next = s[i + 1];
        if (char.IsAsciiLetter(next))
        {
            var end = i + 1;
            while (end < s.Length && char.IsAsciiLetter(s[end])) end++;
            var name = s[(i + 1)..end];
            name = Renamed.GetValueOrDefault(name, name);
            if (Expanded.TryGetValue(name, out var expansion))
            {
                tokens.AddRange(expansion.Select(c => new Token(TokenKind.Char, c.ToString())));
                return end;
            }
            if (SymbolCommands.Contains(name))
            {
                tokens.Add(new Token(TokenKind.Atom, "\\" + name + "{}") { HasCapitals = name.Any(char.IsAsciiLetterUpper) });
                return end;
            }
            if (name is "url" or "href")
            {
                var at = SkipSpaces(s, end);
                if (TryReadRawGroup(s, at, out var url, out var after))
                {
                    var safe = UrlArgument(url);
                    if (name == "url")
                    {
                        tokens.Add(new Token(TokenKind.Url, "\\url{" + safe + "}"));
                        return after;
                    }
                    tokens.Add(new Token(TokenKind.Command, "href") { Url = safe });
                    return after;
                }
            }
            else if (ArgumentCommands.Contains(name))
            {
                tokens.Add(new Token(TokenKind.Command, name));
                return end;
            }
            // Unknown: shown literally, as the site shows it.
            tokens.Add(Backslash());
            return i + 1;
        }
        switch (next)
        {
            case '{': tokens.Add(new Token(TokenKind.EscapedOpen, "\\{")); return i + 2;
            case '}': tokens.Add(new Token(TokenKind.EscapedClose, "\\}")); return i + 2;
            case '&' or '%' or '#' or '_' or '$' or ',' or ' ' or '-' or '/' or '@' or ';' or ':' or '!':
                tokens.Add(new Token(TokenKind.Atom, "\\" + next));
                return i + 2;
            case '\\':
                // A line break in a title or abstract reads as a space (as on the site).
                tokens.Add(new Token(TokenKind.Space, " "));
                return i + 2;
            case '\'' or '"' or '^' or '`' or '~' or '=' or '.':
                // Accents: \"o and \"{o} are kept; an accent on nothing is shown literally.
                if (i + 2 < s.Length && char.IsAsciiLetter(s[i + 2]))
                {
                    tokens.Add(new Token(TokenKind.Atom, s.Substring(i, 3)));
                    return i + 3;
                }
                if (i + 2 < s.Length && s[i + 2] == '{')
                {
                    tokens.Add(new Token(TokenKind.Command, next.ToString()));
                    return i + 2;
                }
                tokens.Add(Backslash());
                return i + 1;
            default:
                tokens.Add(Backslash());
                return i + 1;
        }
    }

    private static int SkipSpaces(string s, int i)
    {
        while (i < s.Length && s[i] == ' ') i++;
        return i;
    }

    /// <summary>Reads <c>{…}</c> verbatim with nested braces (escaped ones do not count), as <see cref="Text.LatexText"/> does.</summary>
    private static bool TryReadRawGroup(string s, int i, out string content, out int after)
    {
        content = "";
        after = i;
        if (i >= s.Length || s[i] != '{') return false;
        var depth = 0;
        for (var j = i; j < s.Length; j++)
        {
            if (s[j] == '\\') { j++; continue; }
            if (s[j] == '{') depth++;
            else if (s[j] == '}' && --depth == 0)
            {
                content = s[(i + 1)..j];
                after = j + 1;
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The argument of <c>\url</c>/<c>\href</c>: unescaped as <see cref="Text.LatexText"/> does, characters that
    /// cannot be in a URL or that TeX would read as math, a tie or a group percent-encoded, then <c>% # &amp;</c>
    /// escaped as hyperref wants inside an argument.
    /// </summary>
    private static string UrlArgument(string raw)
    {
        var url = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var ch = raw[i];
            if (ch == '\\' && i + 1 < raw.Length && raw[i + 1] is '_' or '%' or '#' or '&' or '$' or '~')
            {
                url.Append(raw[++i]);
                continue;
            }
            // Percent-encoded: what cannot be in a URL, and what TeX reads specially even inside \url when
            // \url is in another command's argument (as in a bibliography).
            url.Append(ch switch
            {
                '\\' => "%5C",
                '{' => "%7B",
                '}' => "%7D",
                ' ' => "%20",
                '"' => "%22",
                '$' => "%24",
                '^' => "%5E",
                '~' => "%7E",
                _ => ch.ToString(),
            });
        }
        var sb = new StringBuilder(url.Length + 4);
        foreach (var ch in url.ToString())
        {
            if (ch is '%' or '#' or '&') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Math as <see cref="Text.LatexText"/> finds it (same delimiters, same escapes); otherwise a literal dollar.</summary>
    private static int TokenizeDollar(string s, int i, List<Token> tokens)
    {
        var (delimiter, start, end) = Text.LatexText.FindMath(s, i);
        if (end < 0)
        {
            tokens.Add(new Token(TokenKind.Atom, "\\$"));
            return i + 1;
        }
        var tex = s[start..end];
        tokens.Add(new Token(TokenKind.Math, delimiter + MathBody(tex) + delimiter)
        {
            HasCapitals = tex.Any(char.IsAsciiLetterUpper),
        });
        return end + delimiter.Length;
    }

    /// <summary>
    /// The TeX of a formula, kept as written except: a brace without a partner becomes <c>\lbrace</c>/<c>\rbrace</c>
    /// (so the entry's braces balance), and a bare <c>%</c> or <c>#</c> — a comment or an error in math — is escaped.
    /// </summary>
    private static string MathBody(string tex)
    {
        var parts = new List<Token>();
        for (var i = 0; i < tex.Length; i++)
        {
            var ch = tex[i];
            if (ch == '\\')
            {
                if (i + 1 >= tex.Length) { parts.Add(new Token(TokenKind.Atom, "\\backslash{}")); continue; }
                var next = tex[++i];
                parts.Add(next switch
                {
                    '{' => new Token(TokenKind.EscapedOpen, "\\{"),
                    '}' => new Token(TokenKind.EscapedClose, "\\}"),
                    _ => new Token(TokenKind.Atom, "\\" + next),
                });
                continue;
            }
            parts.Add(ch switch
            {
                '{' => new Token(TokenKind.Open, "{"),
                '}' => new Token(TokenKind.Close, "}"),
                '%' or '#' => new Token(TokenKind.Atom, "\\" + ch),
                _ => new Token(TokenKind.Char, ch.ToString()),
            });
        }
        Match(parts, TokenKind.Open, TokenKind.Close);
        Match(parts, TokenKind.EscapedOpen, TokenKind.EscapedClose);
        var sb = new StringBuilder(tex.Length + 8);
        var space = false;
        foreach (var t in parts)
        {
            // Runs of spaces are one; a space that ends the formula goes (a control space "\ " is an Atom and stays).
            if (t.Kind == TokenKind.Char && t.Text == " ")
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(t.Kind switch
            {
                TokenKind.Open or TokenKind.EscapedOpen when t.Partner < 0 => "\\lbrace{}",
                TokenKind.Close or TokenKind.EscapedClose when t.Partner < 0 => "\\rbrace{}",
                _ => t.Text,
            });
        }
        return sb.ToString();
    }

    /// <summary>Pairs openers with closers of one kind; a token left without a partner keeps Partner = -1.</summary>
    private static void Match(List<Token> tokens, TokenKind open, TokenKind close)
    {
        var stack = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == open)
            {
                stack.Push(i);
            }
            else if (tokens[i].Kind == close && stack.Count > 0)
            {
                var o = stack.Pop();
                // Tokens are structs (one per run or special of every title and abstract: no object each).
                var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens);
                span[o].Partner = i;
                span[i].Partner = o;
            }
        }
    }

    private static string Emit(List<Token> tokens, bool protectCase)
    {
        var sb = Text.StringBuilderCache.Acquire(tokens.Count + 16);
        var word = new StringBuilder();
        var depth = 0;
        var space = false;
        // What a group's closing brace becomes (a \footnote's ")"), or what follows it (the "}" that ends a
        // case-protecting brace put around a command and its argument).
        var closeAs = new Dictionary<int, string>();
        var afterClose = new Dictionary<int, string>();

        void FlushWord()
        {
            if (word.Length == 0) return;
            var protect = protectCase && depth == 0 && HasInnerCapital(word);
            if (protect) sb.Append('{');
            sb.Append(word);
            if (protect) sb.Append('}');
            word.Clear();
        }

        void Append(string text, bool protect = false)
        {
            FlushWord();
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            protect &= protectCase && depth == 0;
            if (protect) sb.Append('{');
            sb.Append(text);
            if (protect) sb.Append('}');
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            switch (t.Kind)
            {
                case TokenKind.Char when char.IsLetterOrDigit(t.Text[0]):
                    if (word.Length == 0)
                    {
                        if (space && sb.Length > 0) sb.Append(' ');
                        space = false;
                    }
                    word.Append(t.Text);
                    break;
                case TokenKind.Char:
                    Append(t.Text);
                    break;
                case TokenKind.Run when !protectCase:
                    // Without case protection a word is written as it is, so the run goes in whole (an abstract is
                    // ~1,500 characters of runs): what the loop below would write, a character at a time.
                    FlushWord();
                    if (space && sb.Length > 0) sb.Append(' ');
                    space = false;
                    sb.Append(t.Text, t.Start, t.Length);
                    break;
                case TokenKind.Run:
                    // Each character as a Char token of it would be: letters and digits make words, others stand alone.
                    foreach (var ch in t.Text.AsSpan(t.Start, t.Length))
                    {
                        if (char.IsLetterOrDigit(ch))
                        {
                            if (word.Length == 0)
                            {
                                if (space && sb.Length > 0) sb.Append(' ');
                                space = false;
                            }
                            word.Append(ch);
                        }
                        else
                        {
                            FlushWord();
                            if (space && sb.Length > 0) sb.Append(' ');
                            space = false;
                            sb.Append(ch);
                        }
                    }
                    break;
                case TokenKind.Space:
                    FlushWord();
                    space = true;
                    break;
                case TokenKind.Open when t.Partner >= 0:
                    Append("{");
                    depth++;
                    break;
                case TokenKind.Close when t.Partner >= 0:
                    FlushWord();
                    if (closeAs.TryGetValue(i, out var replacement))
                    {
                        // The group's "{" was never written, so the depth did not change.
                        Append(replacement);
                        break;
                    }
                    depth--;
                    Append("}");
                    if (afterClose.TryGetValue(i, out var extra)) sb.Append(extra);
                    break;
                case TokenKind.Open or TokenKind.EscapedOpen when t.Partner < 0:
                    Append("\\textbraceleft{}");
                    break;
                case TokenKind.Close or TokenKind.EscapedClose when t.Partner < 0:
                    Append("\\textbraceright{}");
                    break;
                case TokenKind.EscapedOpen or TokenKind.EscapedClose:
                    Append(t.Text);
                    break;
                case TokenKind.Atom or TokenKind.Math:
                    Append(t.Text, protect: t.HasCapitals);
                    break;
                case TokenKind.Url:
                    // A URL must keep its case whatever a style does to the title.
                    Append(t.Text, protect: true);
                    break;
                case TokenKind.Command:
                {
                    // Kept only when its argument group follows (spaces between are dropped, as LaTeX does).
                    var j = i + 1;
                    while (j < tokens.Count && tokens[j].Kind == TokenKind.Space) j++;
                    var hasGroup = j < tokens.Count && tokens[j].Kind == TokenKind.Open && tokens[j].Partner >= 0;
                    if (!hasGroup)
                    {
                        if (t.Text == "href")
                        {
                            Append("\\url{" + t.Url + "}", protect: true);
                            break;
                        }
                        // Shown literally, as the site shows it.
                        Append("\\textbackslash{}");
                        if (char.IsAsciiLetter(t.Text[0])) word.Append(t.Text);
                        else Append(t.Text switch { "^" => "\\textasciicircum{}", "~" => "\\textasciitilde{}", _ => t.Text });
                        break;
                    }
                    if (t.Text == "footnote")
                    {
                        // As on the site: the footnote's text in parentheses after the text it belongs to.
                        FlushWord();
                        space = false;
                        Append(sb.Length > 0 ? " (" : "(");
                        closeAs[tokens[j].Partner] = ")";
                        i = j;
                        break;
                    }
                    var command = t.Text == "href" ? "\\href{" + t.Url + "}" : "\\" + t.Text;
                    // BibTeX lower-cases command names at the top level of a title: brace the command with its argument.
                    var protect = protectCase && depth == 0 && (t.Text == "href" || command.Any(char.IsAsciiLetterUpper));
                    Append(protect ? "{" + command : command);
                    if (protect) afterClose[tokens[j].Partner] = "}";
                    i = j - 1;
                    break;
                }
            }
        }
        FlushWord();
        return Text.StringBuilderCache.GetStringAndRelease(sb);
    }

    private static bool HasInnerCapital(StringBuilder word)
    {
        for (var i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i])) return true;
        }
        return false;
    }
}
