using System.Collections.Frozen;
using System.Text;

namespace PortfolioGen.Text;

/// <summary>
/// Inline TeX math as plain Unicode text, for the places that show an abstract or a title as text (the feed, the
/// reference managers' files, the search index, a page's description and title): <c>R^{-1}</c> is <c>R⁻¹</c>,
/// <c>n^2</c> <c>n²</c>, <c>\alpha_i</c> <c>αᵢ</c>, <c>\mathbb{R}</c> <c>ℝ</c>, <c>\hat{x}</c> <c>x̂</c>, <c>W^\top</c>
/// <c>Wᵀ</c>. Only what Unicode writes exactly is converted; a formula with anything else (a fraction, a root, a
/// matrix, an accent over several letters, a sub- or superscript Unicode has no character for) is not converted at
/// all, and the caller keeps its TeX source between dollars: valid TeX rather than half-converted text.
/// </summary>
public static class MathText
{
    private static readonly FrozenDictionary<char, char> Superscripts = Pairs(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ");

    private static readonly FrozenDictionary<char, char> Subscripts = Pairs(
        "0123456789+-=()aehijklmnoprstuvx",
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ");

    // Commands that are one character (or a word) of text.
    private static readonly FrozenDictionary<string, string> Symbols = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["varepsilon"] = "ε", ["zeta"] = "ζ",
        ["eta"] = "η", ["theta"] = "θ", ["vartheta"] = "ϑ", ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν",
        ["xi"] = "ξ", ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ", ["phi"] = "ϕ", ["varphi"] = "φ",
        ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω",
        ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ", ["Pi"] = "Π", ["Sigma"] = "Σ",
        ["Upsilon"] = "Υ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω",
        ["times"] = "×", ["cdot"] = "·", ["pm"] = "±", ["mp"] = "∓", ["div"] = "÷", ["leq"] = "≤", ["le"] = "≤", ["geq"] = "≥", ["ge"] = "≥",
        ["neq"] = "≠", ["ne"] = "≠", ["approx"] = "≈", ["sim"] = "∼", ["simeq"] = "≃", ["equiv"] = "≡", ["propto"] = "∝", ["ll"] = "≪", ["gg"] = "≫",
        ["infty"] = "∞", ["to"] = "→", ["rightarrow"] = "→", ["leftarrow"] = "←", ["Rightarrow"] = "⇒", ["mapsto"] = "↦",
        ["in"] = "∈", ["notin"] = "∉", ["subset"] = "⊂", ["subseteq"] = "⊆", ["cup"] = "∪", ["cap"] = "∩", ["forall"] = "∀", ["exists"] = "∃",
        ["emptyset"] = "∅", ["partial"] = "∂", ["nabla"] = "∇", ["sum"] = "∑", ["prod"] = "∏", ["int"] = "∫",
        ["ldots"] = "…", ["dots"] = "…", ["cdots"] = "⋯", ["prime"] = "′", ["circ"] = "∘", ["ell"] = "ℓ",
        ["log"] = "log", ["ln"] = "ln", ["exp"] = "exp", ["sin"] = "sin", ["cos"] = "cos", ["max"] = "max", ["min"] = "min",
        ["arg"] = "arg", ["lim"] = "lim", ["det"] = "det",
        ["%"] = "%", ["&"] = "&", ["#"] = "#", ["_"] = "_", ["$"] = "$",
        [","] = " ", [";"] = " ", [":"] = " ", [">"] = " ", [" "] = " ", ["!"] = "", ["quad"] = " ", ["qquad"] = " ",
        ["thinspace"] = " ", ["medspace"] = " ", ["thickspace"] = " ", ["enspace"] = " ",
        ["negthinspace"] = "", ["negmedspace"] = "", ["negthickspace"] = "", ["limits"] = "", ["nolimits"] = "", ["displaystyle"] = "", ["textstyle"] = "", ["scriptstyle"] = "",
        ["varpi"] = "ϖ", ["varrho"] = "ϱ", ["varsigma"] = "ς", ["varkappa"] = "ϰ", ["hbar"] = "ℏ",
        ["top"] = "⊤", ["bot"] = "⊥", ["aleph"] = "ℵ", ["Re"] = "ℜ", ["Im"] = "ℑ", ["wp"] = "℘", ["angle"] = "∠",
        ["triangle"] = "△", ["varnothing"] = "∅", ["imath"] = "ı", ["jmath"] = "ȷ",
        ["otimes"] = "⊗", ["oplus"] = "⊕", ["ominus"] = "⊖", ["odot"] = "⊙", ["setminus"] = "∖", ["wedge"] = "∧", ["land"] = "∧",
        ["vee"] = "∨", ["lor"] = "∨", ["neg"] = "¬", ["lnot"] = "¬", ["star"] = "⋆", ["ast"] = "∗", ["bullet"] = "∙",
        ["dagger"] = "†", ["ddagger"] = "‡", ["perp"] = "⊥", ["parallel"] = "∥", ["mid"] = "∣", ["nmid"] = "∤",
        ["cong"] = "≅", ["asymp"] = "≍", ["doteq"] = "≐", ["triangleq"] = "≜", ["coloneqq"] = "≔", ["leqslant"] = "⩽",
        ["geqslant"] = "⩾", ["lesssim"] = "≲", ["gtrsim"] = "≳", ["prec"] = "≺", ["succ"] = "≻", ["preceq"] = "⪯", ["succeq"] = "⪰",
        ["supset"] = "⊃", ["supseteq"] = "⊇", ["subsetneq"] = "⊊", ["ni"] = "∋", ["models"] = "⊨", ["vdash"] = "⊢", ["colon"] = ":",
        ["gets"] = "←", ["Leftarrow"] = "⇐", ["Leftrightarrow"] = "⇔", ["leftrightarrow"] = "↔", ["longrightarrow"] = "⟶",
        ["longleftarrow"] = "⟵", ["Longrightarrow"] = "⟹", ["Longleftarrow"] = "⟸", ["Longleftrightarrow"] = "⟺", ["longmapsto"] = "⟼",
        ["uparrow"] = "↑", ["downarrow"] = "↓", ["implies"] = "⟹", ["impliedby"] = "⟸", ["iff"] = "⟺", ["vdots"] = "⋮", ["ddots"] = "⋱",
        ["oint"] = "∮", ["iint"] = "∬", ["iiint"] = "∭", ["bigcup"] = "⋃", ["bigcap"] = "⋂", ["bigoplus"] = "⨁", ["bigotimes"] = "⨂",
        ["bigvee"] = "⋁", ["bigwedge"] = "⋀", ["coprod"] = "∐",
        ["sup"] = "sup", ["inf"] = "inf", ["Pr"] = "Pr", ["tan"] = "tan", ["arcsin"] = "arcsin", ["arccos"] = "arccos",
        ["arctan"] = "arctan", ["sinh"] = "sinh", ["cosh"] = "cosh", ["tanh"] = "tanh", ["cot"] = "cot", ["coth"] = "coth",
        ["sec"] = "sec", ["csc"] = "csc", ["lg"] = "lg", ["ker"] = "ker", ["deg"] = "deg", ["dim"] = "dim", ["hom"] = "hom",
        ["gcd"] = "gcd", ["liminf"] = "lim inf", ["limsup"] = "lim sup", ["bmod"] = " mod ",
        ["|"] = "‖", ["vert"] = "|", ["Vert"] = "‖",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Delimiters that open and close: no space is kept inside them (⟨x, y⟩ for \langle x, y \rangle).
    private static readonly FrozenDictionary<string, string> Opening = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["{"] = "{", ["lbrace"] = "{", ["langle"] = "⟨", ["lfloor"] = "⌊", ["lceil"] = "⌈", ["lvert"] = "|", ["lVert"] = "‖",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Closing = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["}"] = "}", ["rbrace"] = "}", ["rangle"] = "⟩", ["rfloor"] = "⌋", ["rceil"] = "⌉", ["rvert"] = "|", ["rVert"] = "‖",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Accents as Unicode combining marks: after the one character they are over (x̂), or, for the lines, after each (A̅B̅).
    private static readonly FrozenDictionary<string, (char Mark, bool Each)> Accents = new Dictionary<string, (char, bool)>(StringComparer.Ordinal)
    {
        ["hat"] = ('\u0302', false), ["widehat"] = ('\u0302', false), ["tilde"] = ('\u0303', false), ["widetilde"] = ('\u0303', false),
        ["bar"] = ('\u0304', false), ["vec"] = ('\u20D7', false), ["overrightarrow"] = ('\u20D7', false), ["overleftarrow"] = ('\u20D6', false),
        ["dot"] = ('\u0307', false), ["ddot"] = ('\u0308', false), ["check"] = ('\u030C', false), ["breve"] = ('\u0306', false),
        ["acute"] = ('\u0301', false), ["grave"] = ('\u0300', false), ["mathring"] = ('\u030A', false),
        ["overline"] = ('\u0305', true), ["underline"] = ('\u0332', true),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Commands whose argument is math in an upright or italic face, which plain text does not distinguish (bold does
    // say something, a matrix or a vector: \mathbf is written in bold letters, see InFont).
    private static readonly FrozenSet<string> Plain = new[] { "mathrm", "mathit", "operatorname" }.ToFrozenSet(StringComparer.Ordinal);

    // Commands whose argument is text, copied as it is written.
    private static readonly FrozenSet<string> Text = new[] { "text", "textrm", "textit", "textnormal", "mbox" }.ToFrozenSet(StringComparer.Ordinal);

    private static FrozenDictionary<char, char> Pairs(string from, string to)
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i < from.Length; i++) map[from[i]] = to[i];
        return map.ToFrozenDictionary();
    }

    /// <summary>The formula as Unicode text, or null when some part of it has no exact plain-text form.</summary>
    public static string? ToUnicode(string tex)
    {
        var sb = new StringBuilder(tex.Length);
        var at = 0;
        if (!Convert(tex, ref at, sb, untilBrace: false) || at != tex.Length) return null;
        // TeX ignores spaces in math: those kept (a\quad b, \log n) are word gaps, one at a time.
        var text = new StringBuilder(sb.Length);
        foreach (var c in sb.ToString().Trim())
        {
            if (c != ' ' || text[^1] != ' ') text.Append(c);
        }
        var result = text.ToString();
        // An accent composes with its letter where Unicode has the character (â).
        return UnicodeText.Normalize(result, NormalizationForm.FormC);
    }

    // Converts up to the end (or, inside a group, its closing brace, which it consumes).
    private static bool Convert(string tex, ref int at, StringBuilder sb, bool untilBrace)
    {
        while (at < tex.Length)
        {
            var c = tex[at];
            switch (c)
            {
                case '}':
                    if (!untilBrace) return false;
                    at++;
                    return true;
                case '{':
                    at++;
                    if (!Convert(tex, ref at, sb, untilBrace: true)) return false;
                    break;
                case '^' or '_':
                    at++;
                    var script = new StringBuilder();
                    if (!Argument(tex, ref at, script)) return false;
                    var map = c == '^' ? Superscripts : Subscripts;
                    foreach (var s in script.ToString())
                    {
                        // Raised already: ′ † ‡; a transpose's ⊤ is written ᵀ.
                        if (s is '′' or '†' or '‡' && c == '^') sb.Append(s);
                        else if (s == '⊤' && c == '^') sb.Append('ᵀ');
                        else if (map.TryGetValue(s, out var mapped)) sb.Append(mapped);
                        else return false;
                    }
                    break;
                case '\\':
                    if (!Command(tex, ref at, sb)) return false;
                    break;
                case '\'':
                    sb.Append('′');
                    at++;
                    break;
                case '~':
                    sb.Append(' ');
                    at++;
                    break;
                case '&' or '#' or '$' or '%':
                    return false;
                default:
                    if (char.IsAsciiLetterOrDigit(c) || c is ' ' or '+' or '-' or '=' or '<' or '>' or '(' or ')' or '[' or ']' or ',' or '.' or '/' or '|' or '!' or ':' or ';' or '*')
                    {
                        sb.Append(c);
                        at++;
                        break;
                    }
                    return false;
            }
        }
        return !untilBrace;
    }

    // A script's or a command's argument: a group, a command, or one character.
    private static bool Argument(string tex, ref int at, StringBuilder sb)
    {
        while (at < tex.Length && tex[at] == ' ') at++;
        if (at >= tex.Length) return false;
        if (tex[at] == '{')
        {
            at++;
            return Convert(tex, ref at, sb, untilBrace: true);
        }
        if (tex[at] == '\\') return Command(tex, ref at, sb);
        if (tex[at] is '}' or '^' or '_') return false;
        sb.Append(tex[at] == '\'' ? '′' : tex[at]);
        at++;
        return true;
    }

    // A text command's braced argument, as written (braces nested in it kept balanced and dropped); a command inside it
    // is not converted.
    private static bool TextArgument(string tex, ref int at, StringBuilder sb)
    {
        while (at < tex.Length && tex[at] == ' ') at++;
        if (at >= tex.Length || tex[at] != '{') return false;
        var depth = 0;
        for (; at < tex.Length; at++)
        {
            var c = tex[at];
            if (c == '\\') return false;
            if (c == '{' && depth++ == 0) continue;
            if (c == '}' && --depth == 0)
            {
                at++;
                return true;
            }
            if (c is not ('{' or '}')) sb.Append(c);
        }
        return false;
    }

    private static bool Command(string tex, ref int at, StringBuilder sb)
    {
        var start = ++at;
        if (at >= tex.Length) return false;
        if (char.IsAsciiLetter(tex[at]))
        {
            while (at < tex.Length && char.IsAsciiLetter(tex[at])) at++;
        }
        else
        {
            at++;
        }
        var name = tex[start..at];
        // \operatorname* is \operatorname with limits, which plain text does not show.
        if (name == "operatorname" && at < tex.Length && tex[at] == '*') at++;
        if (Plain.Contains(name)) return Argument(tex, ref at, sb);
        if (Text.Contains(name)) return TextArgument(tex, ref at, sb);
        if (PortfolioGen.Scholarly.Math.TexSymbols.FontCommands.TryGetValue(name, out var font)) return InFont(tex, ref at, sb, font);
        if (Accents.TryGetValue(name, out var accent)) return Accent(tex, ref at, sb, accent.Mark, accent.Each);
        if (name == "not") return Not(tex, ref at, sb);
        if (name == "pmod")
        {
            sb.Append(" (mod ");
            if (!Argument(tex, ref at, sb)) return false;
            sb.Append(')');
            return true;
        }
        if (Opening.TryGetValue(name, out var open))
        {
            sb.Append(open);
            SkipSpaces(tex, ref at);
            return true;
        }
        if (Closing.TryGetValue(name, out var close))
        {
            TrimEnd(sb);
            sb.Append(close);
            return true;
        }
        // \left( and \right) are the bracket alone (\left. none), and so are \big( and its kin.
        var sized = PortfolioGen.Scholarly.Math.TexSymbols.SizedDelimiters.ContainsKey(name);
        if (name is "left" or "right" || sized)
        {
            var opens = name == "left" || (sized && name[^1] == 'l');
            var closes = name == "right" || (sized && name[^1] == 'r');
            if (closes) TrimEnd(sb);
            SkipSpaces(tex, ref at);
            if (at < tex.Length && tex[at] == '.') at++;
            else if (!Argument(tex, ref at, sb)) return false;
            if (opens) SkipSpaces(tex, ref at);
            return true;
        }
        if (!Symbols.TryGetValue(name, out var text)) return false;
        sb.Append(text);
        return true;
    }

    // A font command: the letters and digits of its argument in the font's Unicode letters (ℝ, 𝒪, 𝐖), bold Greek as TeX
    // sets it; other characters as they are.
    private static bool InFont(string tex, ref int at, StringBuilder sb, PortfolioGen.Scholarly.Math.MathFont font)
    {
        var inner = new StringBuilder();
        if (!Argument(tex, ref at, inner)) return false;
        foreach (var rune in inner.ToString().EnumerateRunes())
        {
            var ch = rune.ToString();
            sb.Append(PortfolioGen.Scholarly.Math.TexSymbols.BoldGreek(font, ch) ?? PortfolioGen.Scholarly.Math.TexSymbols.ApplyFont(font, ch));
        }
        return true;
    }

    // An accent: its combining mark after the one character of its argument, or after each for a line (\overline);
    // over more than one character (\widehat{xy}) it has no exact form.
    private static bool Accent(string tex, ref int at, StringBuilder sb, char mark, bool each)
    {
        var inner = new StringBuilder();
        if (!Argument(tex, ref at, inner)) return false;
        var runes = inner.ToString().EnumerateRunes().ToList();
        var bases = runes.Count(r => !IsMark(r));
        if (bases == 0 || (!each && (bases != 1 || IsMark(runes[0])))) return false;
        for (var i = 0; i < runes.Count; i++)
        {
            sb.Append(runes[i].ToString());
            var clusterEnds = i + 1 == runes.Count || !IsMark(runes[i + 1]);
            if (clusterEnds && (!each || runes[i].Value != ' ')) sb.Append(mark);
        }
        return true;

        static bool IsMark(Rune r) => Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.NonSpacingMark;
    }

    // \not before a relation: its negation (≠, ∉), else the relation with U+0338 overlaid.
    private static bool Not(string tex, ref int at, StringBuilder sb)
    {
        var inner = new StringBuilder();
        if (!Argument(tex, ref at, inner)) return false;
        var relation = inner.ToString().Trim();
        if (relation.EnumerateRunes().Count() != 1) return false;
        sb.Append(PortfolioGen.Scholarly.Math.TexSymbols.Negate(relation));
        return true;
    }

    private static void SkipSpaces(string tex, ref int at)
    {
        while (at < tex.Length && tex[at] == ' ') at++;
    }

    private static void TrimEnd(StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
    }
}
