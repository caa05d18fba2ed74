using System.Text;

namespace PortfolioGen.Scholarly.Math;

/// <summary>The letter fonts selected by <c>\mathrm</c>, <c>\mathcal</c>, <c>\mathbb</c>, <c>\mathbf</c> and the rest.</summary>
internal enum MathFont
{
    /// <summary>Default math italic (and <c>\mathit</c>): single-letter <c>mi</c>, which MathML Core italicises itself.</summary>
    Italic,

    /// <summary><c>\mathrm</c>: upright; a run of letters becomes one <c>mi</c>.</summary>
    Roman,

    /// <summary><c>\mathcal</c>, <c>\mathscr</c>: Unicode Mathematical Script letters.</summary>
    Script,

    /// <summary><c>\mathbb</c>, <c>\mathbbm</c>: Unicode Mathematical Double-Struck letters and digits.</summary>
    DoubleStruck,

    /// <summary><c>\mathbf</c>: Unicode Mathematical Bold letters, digits and capital Greek.</summary>
    Bold,

    /// <summary><c>\boldsymbol</c>, <c>\bm</c>: bold italic letters and Greek (capital Greek bold upright), bold digits.</summary>
    BoldItalic,

    /// <summary><c>\mathsf</c>: Unicode Mathematical Sans-Serif letters and digits.</summary>
    SansSerif,

    /// <summary><c>\mathfrak</c>: Unicode Mathematical Fraktur letters.</summary>
    Fraktur,

    /// <summary><c>\mathtt</c>: Unicode Mathematical Monospace letters and digits.</summary>
    Monospace,
}

/// <summary>The converter's tables: which commands and characters exist and what they become.</summary>
internal static class TexSymbols
{
    private const string Upright = " mathvariant=\"normal\"";
    private const string NotStretchy = " stretchy=\"false\"";

    /// <summary>
    /// Single characters with a fixed meaning: operators (<c>-</c> is U+2212 MINUS SIGN, <c>*</c> the centred U+2217)
    /// and <c>~</c>, a space. Letters and digits are handled by the parser.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, MathNode> Characters = new Dictionary<string, MathNode>(StringComparer.Ordinal)
    {
        ["+"] = Mo("+"),
        ["-"] = Mo("\u2212"),
        ["="] = Mo("="),
        ["<"] = Mo("<"),
        [">"] = Mo(">"),
        ["*"] = Mo("\u2217"),
        [","] = Mo(","),
        [";"] = Mo(";"),
        [":"] = Mo(":"),
        ["!"] = Mo("!"),
        ["."] = Mo("."),
        ["?"] = Mo("?"),
        // TeX never stretches a bare delimiter; MathML Core would, next to a fraction.
        ["("] = Mo("(", NotStretchy),
        [")"] = Mo(")", NotStretchy),
        ["["] = Mo("[", NotStretchy),
        ["]"] = Mo("]", NotStretchy),
        ["|"] = Mo("|", NotStretchy),
        ["/"] = Mo("/", NotStretchy),
        ["~"] = new MathSpace("0.3333em"),
    };

    /// <summary>Function names set upright (<c>\sin</c> → <c>sin</c>).</summary>
    private static readonly string[] Functions =
    [
        "arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "dim", "exp", "hom", "ker",
        "lg", "ln", "log", "sec", "sin", "sinh", "tan", "tanh",
    ];

    /// <summary>Function names whose scripts are limits (under the name in display math), as in LaTeX.</summary>
    private static readonly string[] LimitFunctions = ["det", "gcd", "inf", "lim", "max", "min", "Pr", "sup"];

    /// <summary>The delimiter commands and what they draw (also usable on their own: see <see cref="Commands"/>).</summary>
    private static readonly Dictionary<string, string> DelimiterCommands = new(StringComparer.Ordinal)
    {
        ["{"] = "{", ["}"] = "}", ["lbrace"] = "{", ["rbrace"] = "}",
        ["langle"] = "\u27E8", ["rangle"] = "\u27E9",
        ["vert"] = "|", ["lvert"] = "|", ["rvert"] = "|",
        ["|"] = "\u2016", ["Vert"] = "\u2016", ["lVert"] = "\u2016", ["rVert"] = "\u2016",
        ["lfloor"] = "\u230A", ["rfloor"] = "\u230B", ["lceil"] = "\u2308", ["rceil"] = "\u2309",
    };

    /// <summary>Control words and symbols that stand for one fixed node (declared after the tables it reads).</summary>
    public static readonly IReadOnlyDictionary<string, MathNode> Commands = BuildCommands();

    /// <summary>The delimiters allowed after <c>\left</c>, <c>\right</c> and <c>\big</c>; <c>.</c> means none.</summary>
    public static bool TryDelimiter(TexToken token, out string? delimiter)
    {
        delimiter = token switch
        {
            { Kind: TexTokenKind.Char, Text: "(" or ")" or "[" or "]" or "|" } => token.Text,
            { Kind: TexTokenKind.Command } when DelimiterCommands.TryGetValue(token.Text, out var drawn) => drawn,
            _ => null,
        };
        return delimiter is not null || token is { Kind: TexTokenKind.Char, Text: "." };
    }

    /// <summary>The heights of <c>\big</c>, <c>\Big</c>, <c>\bigg</c>, <c>\Bigg</c> and their l, r and m forms.</summary>
    public static readonly IReadOnlyDictionary<string, string> SizedDelimiters = BuildSized();

    private static Dictionary<string, string> BuildSized()
    {
        var sizes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, size) in new[] { ("big", "1.2em"), ("Big", "1.623em"), ("bigg", "2.047em"), ("Bigg", "2.470em") })
        {
            foreach (var suffix in new[] { "", "l", "r", "m" })
            {
                sizes[name + suffix] = size;
            }
        }
        return sizes;
    }

    /// <summary>An accent or brace command: its mark, whether under the base, whether it stretches, whether an accent.</summary>
    public readonly record struct Mark(string Text, bool Under, bool Stretchy, bool IsAccent = true);

    /// <summary>The accents (<c>\hat</c>) and braces (<c>\overbrace</c>) set over or under their argument.</summary>
    public static readonly IReadOnlyDictionary<string, Mark> Marks = new Dictionary<string, Mark>(StringComparer.Ordinal)
    {
        ["hat"] = new("^", false, false),
        ["widehat"] = new("^", false, true),
        ["tilde"] = new("~", false, false),
        ["widetilde"] = new("~", false, true),
        ["bar"] = new("\u00AF", false, false),
        ["overline"] = new("\u203E", false, true),
        ["vec"] = new("\u2192", false, false),
        ["overrightarrow"] = new("\u2192", false, true),
        ["overleftarrow"] = new("\u2190", false, true),
        ["dot"] = new("\u02D9", false, false),
        ["ddot"] = new("\u00A8", false, false),
        ["check"] = new("\u02C7", false, false),
        ["breve"] = new("\u02D8", false, false),
        ["acute"] = new("\u00B4", false, false),
        ["grave"] = new("`", false, false),
        ["mathring"] = new("\u02DA", false, false),
        ["underline"] = new("_", true, true),
        ["overbrace"] = new("\u23DE", false, true, IsAccent: false),
        ["underbrace"] = new("\u23DF", true, true, IsAccent: false),
    };

    /// <summary>The font each font command selects.</summary>
    public static readonly IReadOnlyDictionary<string, MathFont> FontCommands = new Dictionary<string, MathFont>(StringComparer.Ordinal)
    {
        ["mathrm"] = MathFont.Roman,
        ["mathit"] = MathFont.Italic,
        ["mathcal"] = MathFont.Script,
        ["mathscr"] = MathFont.Script,
        ["mathbb"] = MathFont.DoubleStruck,
        ["mathbbm"] = MathFont.DoubleStruck,
        ["mathbf"] = MathFont.Bold,
        ["boldsymbol"] = MathFont.BoldItalic,
        ["bm"] = MathFont.BoldItalic,
        ["mathsf"] = MathFont.SansSerif,
        ["mathfrak"] = MathFont.Fraktur,
        ["mathtt"] = MathFont.Monospace,
    };

    /// <summary>A style switch: whether what follows is set as display math (large operators' limits under and over) and its <c>mstyle</c>'s attributes.</summary>
    public readonly record struct StyleSwitch(bool Display, string Attributes);

    /// <summary><c>\displaystyle</c>, <c>\textstyle</c> and <c>\scriptstyle</c>: the rest of their group in that style.</summary>
    public static readonly IReadOnlyDictionary<string, StyleSwitch> StyleSwitches = new Dictionary<string, StyleSwitch>(StringComparer.Ordinal)
    {
        ["displaystyle"] = new(true, " displaystyle=\"true\" scriptlevel=\"0\""),
        ["textstyle"] = new(false, " displaystyle=\"false\" scriptlevel=\"0\""),
        ["scriptstyle"] = new(false, " displaystyle=\"false\" scriptlevel=\"1\""),
    };

    /// <summary>An environment: the fences around its table and the table's attributes.</summary>
    public readonly record struct Environment(string? Open, string? Close, string Attributes = "");

    /// <summary>The environments supported: matrices and cases.</summary>
    public static readonly IReadOnlyDictionary<string, Environment> Environments = new Dictionary<string, Environment>(StringComparer.Ordinal)
    {
        ["matrix"] = new(null, null),
        ["pmatrix"] = new("(", ")"),
        ["bmatrix"] = new("[", "]"),
        ["Bmatrix"] = new("{", "}"),
        ["vmatrix"] = new("|", "|"),
        ["Vmatrix"] = new("\u2016", "\u2016"),
        // MathML Core has no column alignment; columnalign is MathML 3's, which Firefox honours.
        ["cases"] = new("{", null, " columnalign=\"left left\""),
    };

    // Relations \not makes into one character.
    private static readonly Dictionary<string, string> Negations = new(StringComparer.Ordinal)
    {
        ["="] = "\u2260", ["<"] = "\u226E", [">"] = "\u226F", ["\u2208"] = "\u2209", ["\u220B"] = "\u220C", ["\u2282"] = "\u2284",
        ["\u2283"] = "\u2285", ["\u2286"] = "\u2288", ["\u2287"] = "\u2289", ["\u2261"] = "\u2262", ["\u223C"] = "\u2241",
        ["\u2243"] = "\u2244", ["\u2245"] = "\u2247", ["\u2248"] = "\u2249", ["\u2264"] = "\u2270", ["\u2265"] = "\u2271",
        ["\u2223"] = "\u2224", ["\u2225"] = "\u2226", ["\u227A"] = "\u2280", ["\u227B"] = "\u2281", ["\u22A8"] = "\u22AD",
        ["\u22A2"] = "\u22AC",
    };

    /// <summary>The negation of a relation: one character where Unicode has it, else U+0338 overlaid.</summary>
    public static string Negate(string relation) => Negations.TryGetValue(relation, out var negated) ? negated : relation + "\u0338";

    /// <summary>Large operators and integrals (what <c>\limits</c> may follow, with function names).</summary>
    public static bool IsLargeOperator(MathToken token) => token.Element == "mo" && (token.LimitsInDisplay || token.Text is "∫" or "∬" or "∭" or "∮");

    /// <summary>
    /// A Greek letter (or ∂, ∇) in bold as <paramref name="font"/> sets it: <c>\mathbf</c> only capitals (upright), as
    /// TeX does; <c>\boldsymbol</c> capitals upright, the rest italic. Null when the font leaves it as it is.
    /// </summary>
    public static string? BoldGreek(MathFont font, string text)
    {
        if (font is not (MathFont.Bold or MathFont.BoldItalic) || text.Length != 1)
        {
            return null;
        }
        var c = text[0];
        var italic = font == MathFont.BoldItalic;
        int? codePoint = c switch
        {
            >= '\u0391' and <= '\u03A9' when c != '\u03A2' => 0x1D6A8 + (c - '\u0391'),
            '\u2207' => 0x1D6C1,
            _ when !italic => null,
            >= '\u03B1' and <= '\u03C9' => 0x1D736 + (c - '\u03B1'),
            '\u2202' => 0x1D74F,
            '\u03F5' => 0x1D750,
            '\u03D1' => 0x1D751,
            '\u03F0' => 0x1D752,
            '\u03D5' => 0x1D753,
            '\u03F1' => 0x1D754,
            '\u03D6' => 0x1D755,
            _ => null,
        };
        return codePoint is { } cp ? char.ConvertFromUtf32(cp) : null;
    }

    /// <summary>Whether <paramref name="font"/> has its own digits.</summary>
    public static bool HasDigits(MathFont font)
        => font is MathFont.DoubleStruck or MathFont.Bold or MathFont.BoldItalic or MathFont.SansSerif or MathFont.Monospace;

    /// <summary>The prime(s) written <c>'</c>, <c>''</c>, …, used as a superscript.</summary>
    public static MathToken Primes(int count) => Mo(count switch
    {
        1 => "\u2032",
        2 => "\u2033",
        3 => "\u2034",
        4 => "\u2057",
        _ => new string('\u2032', count),
    });

    /// <summary>Applies <paramref name="font"/> to one ASCII letter or digit; other characters are kept.</summary>
    public static string ApplyFont(MathFont font, string ch)
    {
        if (ch.Length != 1 || !char.IsAsciiLetterOrDigit(ch[0]))
        {
            return ch;
        }
        var c = ch[0];
        var codePoint = font switch
        {
            MathFont.Script => c switch
            {
                'B' => 0x212C, 'E' => 0x2130, 'F' => 0x2131, 'H' => 0x210B, 'I' => 0x2110, 'L' => 0x2112,
                'M' => 0x2133, 'R' => 0x211B, 'e' => 0x212F, 'g' => 0x210A, 'o' => 0x2134,
                >= 'A' and <= 'Z' => 0x1D49C + (c - 'A'),
                >= 'a' and <= 'z' => 0x1D4B6 + (c - 'a'),
                _ => c,
            },
            MathFont.DoubleStruck => c switch
            {
                'C' => 0x2102, 'H' => 0x210D, 'N' => 0x2115, 'P' => 0x2119, 'Q' => 0x211A, 'R' => 0x211D, 'Z' => 0x2124,
                >= 'A' and <= 'Z' => 0x1D538 + (c - 'A'),
                >= 'a' and <= 'z' => 0x1D552 + (c - 'a'),
                _ => 0x1D7D8 + (c - '0'),
            },
            MathFont.Bold => Alphanumeric(c, 0x1D400, 0x1D41A, 0x1D7CE),
            MathFont.BoldItalic => Alphanumeric(c, 0x1D468, 0x1D482, 0x1D7CE),
            MathFont.SansSerif => Alphanumeric(c, 0x1D5A0, 0x1D5BA, 0x1D7E2),
            MathFont.Monospace => Alphanumeric(c, 0x1D670, 0x1D68A, 0x1D7F6),
            MathFont.Fraktur => c switch
            {
                'C' => 0x212D, 'H' => 0x210C, 'I' => 0x2111, 'R' => 0x211C, 'Z' => 0x2128,
                >= 'A' and <= 'Z' => 0x1D504 + (c - 'A'),
                >= 'a' and <= 'z' => 0x1D51E + (c - 'a'),
                _ => c,
            },
            _ => c,
        };
        return new Rune(codePoint).ToString();

        static int Alphanumeric(char c, int capitals, int smalls, int digits) => c switch
        {
            >= 'A' and <= 'Z' => capitals + (c - 'A'),
            >= 'a' and <= 'z' => smalls + (c - 'a'),
            _ => digits + (c - '0'),
        };
    }

    private static Dictionary<string, MathNode> BuildCommands()
    {
        var commands = new Dictionary<string, MathNode>(StringComparer.Ordinal);

        // Greek. Capitals are upright in TeX; MathML Core would italicise a lone capital without mathvariant.
        string[] lower =
        [
            "alpha:α", "beta:β", "gamma:γ", "delta:δ", "epsilon:ϵ", "varepsilon:ε", "zeta:ζ", "eta:η", "theta:θ",
            "vartheta:ϑ", "iota:ι", "kappa:κ", "lambda:λ", "mu:μ", "nu:ν", "xi:ξ", "pi:π", "varpi:ϖ", "rho:ρ",
            "varrho:ϱ", "sigma:σ", "varsigma:ς", "tau:τ", "upsilon:υ", "phi:ϕ", "varphi:φ", "chi:χ", "psi:ψ", "omega:ω",
        ];
        string[] upper = ["Gamma:Γ", "Delta:Δ", "Theta:Θ", "Lambda:Λ", "Xi:Ξ", "Pi:Π", "Sigma:Σ", "Upsilon:Υ", "Phi:Φ", "Psi:Ψ", "Omega:Ω"];
        Add(lower, text => Mi(text));
        Add(upper, text => Mi(text, Upright));

        Add(["varkappa:ϰ"], text => Mi(text));

        // Ordinary symbols.
        Add(
        [
            "infty:∞", "ell:ℓ", "partial:∂", "emptyset:∅", "hbar:ℏ", "%:%", "_:_", "#:#", "$:$", "top:⊤", "bot:⊥", "aleph:ℵ",
            "Re:ℜ", "Im:ℑ", "wp:℘", "angle:∠", "triangle:△", "varnothing:∅", "imath:ı", "jmath:ȷ",
        ], text => Mi(text));
        commands["nabla"] = Mi("∇", Upright);

        // Binary operators, relations, arrows, punctuation.
        Add(
        [
            "cdot:⋅", "times:×", "div:÷", "pm:±", "mp:∓", "circ:∘", "leq:≤", "le:≤", "geq:≥", "ge:≥", "neq:≠", "ne:≠",
            "approx:≈", "equiv:≡", "sim:∼", "propto:∝", "ll:≪", "gg:≫", "mid:∣", "in:∈", "notin:∉", "subset:⊂",
            "subseteq:⊆", "cup:∪", "cap:∩", "to:→", "rightarrow:→", "leftarrow:←", "Rightarrow:⇒", "Leftrightarrow:⇔",
            "mapsto:↦", "forall:∀", "exists:∃", "ldots:…", "cdots:⋯", "&:&",
            "otimes:⊗", "oplus:⊕", "ominus:⊖", "odot:⊙", "setminus:∖", "wedge:∧", "land:∧", "vee:∨", "lor:∨", "neg:¬",
            "lnot:¬", "star:⋆", "ast:∗", "bullet:∙", "dagger:†", "ddagger:‡", "perp:⊥", "parallel:∥", "nmid:∤", "simeq:≃",
            "cong:≅", "asymp:≍", "doteq:≐", "triangleq:≜", "coloneqq:≔", "leqslant:⩽", "geqslant:⩾", "lesssim:≲",
            "gtrsim:≳", "prec:≺", "succ:≻", "preceq:⪯", "succeq:⪰", "supset:⊃", "supseteq:⊇", "subsetneq:⊊", "ni:∋",
            "models:⊨", "vdash:⊢", "colon::", "gets:←", "Leftarrow:⇐", "leftrightarrow:↔", "longrightarrow:⟶",
            "longleftarrow:⟵", "Longrightarrow:⟹", "Longleftarrow:⟸", "Longleftrightarrow:⟺", "longmapsto:⟼",
            "uparrow:↑", "downarrow:↓", "dots:…", "vdots:⋮", "ddots:⋱", "prime:′",
        ], text => Mo(text));
        // \implies and the like are the arrow with TeX's thick space added on each side.
        Add(["implies:⟹", "impliedby:⟸", "iff:⟺"], text => new MathRow([new MathSpace("0.2778em"), Mo(text), new MathSpace("0.2778em")]));

        // Delimiters on their own do not stretch (see Characters).
        foreach (var (name, drawn) in DelimiterCommands)
        {
            commands[name] = Mo(drawn, NotStretchy);
        }

        // Large operators: ∑ and ∏ take limits in display math, ∫ always takes its scripts beside.
        commands["sum"] = new MathToken("mo", "∑", LimitsInDisplay: true);
        commands["prod"] = new MathToken("mo", "∏", LimitsInDisplay: true);
        commands["int"] = Mo("∫");
        Add(["bigcup:⋃", "bigcap:⋂", "bigoplus:⨁", "bigotimes:⨂", "bigvee:⋁", "bigwedge:⋀", "coprod:∐"],
            text => new MathToken("mo", text, LimitsInDisplay: true));
        Add(["oint:∮", "iint:∬", "iiint:∭"], text => Mo(text));

        foreach (var name in Functions)
        {
            commands[name] = new MathToken("mi", name, IsFunction: true);
        }
        foreach (var name in LimitFunctions)
        {
            commands[name] = new MathToken("mi", name, IsFunction: true, LimitsInDisplay: true);
        }
        // a \bmod q: a binary operator, with TeX's medium spaces.
        commands["bmod"] = Mo("mod", " lspace=\"0.2222em\" rspace=\"0.2222em\"");
        commands["liminf"] = new MathToken("mi", "lim inf", IsFunction: true, LimitsInDisplay: true);
        commands["limsup"] = new MathToken("mi", "lim sup", IsFunction: true, LimitsInDisplay: true);

        // Spaces, in TeX's widths (mu / 18 = em).
        commands[","] = new MathSpace("0.1667em");
        commands[":"] = new MathSpace("0.2222em");
        commands[">"] = new MathSpace("0.2222em");
        commands[";"] = new MathSpace("0.2778em");
        commands[" "] = new MathSpace("0.3333em");
        commands["quad"] = new MathSpace("1em");
        commands["qquad"] = new MathSpace("2em");
        commands["!"] = new MathSpace("-0.1667em");
        commands["thinspace"] = new MathSpace("0.1667em");
        commands["medspace"] = new MathSpace("0.2222em");
        commands["thickspace"] = new MathSpace("0.2778em");
        commands["enspace"] = new MathSpace("0.5em");
        commands["negthinspace"] = new MathSpace("-0.1667em");
        commands["negmedspace"] = new MathSpace("-0.2222em");
        commands["negthickspace"] = new MathSpace("-0.2778em");
        return commands;

        void Add(string[] entries, Func<string, MathNode> make)
        {
            foreach (var entry in entries)
            {
                var colon = entry.IndexOf(':', 1);
                commands[entry[..colon]] = make(entry[(colon + 1)..]);
            }
        }
    }

    private static MathToken Mi(string text, string attributes = "") => new("mi", text, attributes);

    private static MathToken Mo(string text, string attributes = "") => new("mo", text, attributes);
}
