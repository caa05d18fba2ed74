using System.Collections.Frozen;
using System.Text;

namespace PortfolioGen.Text;

/// <summary>
/// Inline TeX math as plain Unicode text, for the places that show an abstract as text (the feed's summary, the
/// reference managers' files, the search index, a page's description): <c>R^{-1}</c> is <c>R⁻¹</c>, <c>n^2</c>
/// <c>n²</c>, <c>\alpha_i</c> <c>αᵢ</c>. Only what Unicode writes exactly is converted; a formula with anything else
/// (a fraction, a root, a script letter, a sub- or superscript Unicode has no character for) is not converted at all,
/// and the caller keeps its TeX source between dollars: valid TeX rather than half-converted text.
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
        ["%"] = "%", ["&"] = "&", ["#"] = "#", ["_"] = "_", ["{"] = "{", ["}"] = "}", ["$"] = "$",
        [","] = " ", [";"] = " ", [":"] = " ", [" "] = " ", ["!"] = "", ["quad"] = " ", ["qquad"] = " ",
        ["left"] = "", ["right"] = "",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Commands whose argument is math in an upright or italic face, which plain text does not distinguish (bold does
    // say something, a matrix or a vector, so \mathbf is not here).
    private static readonly FrozenSet<string> Plain = new[] { "mathrm", "mathit", "operatorname" }.ToFrozenSet(StringComparer.Ordinal);

    // Commands whose argument is text, copied as it is written.
    private static readonly FrozenSet<string> Text = new[] { "text", "textrm", "textit", "mbox" }.ToFrozenSet(StringComparer.Ordinal);

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
        return Convert(tex, ref at, sb, untilBrace: false) && at == tex.Length ? sb.ToString().Trim() : null;
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
                        if (s == '′' && c == '^') sb.Append('′');
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
        if (Plain.Contains(name)) return Argument(tex, ref at, sb);
        if (Text.Contains(name)) return TextArgument(tex, ref at, sb);
        // \left( and \right) are the bracket alone: the commands write nothing.
        if (!Symbols.TryGetValue(name, out var text)) return false;
        sb.Append(text);
        return true;
    }
}
