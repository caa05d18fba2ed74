using System.Text;

namespace PortfolioGen.Scholarly.Math;

/// <summary>The letter fonts selected by <c>\mathrm</c>, <c>\mathcal</c> and <c>\mathbb</c>.</summary>
internal enum MathFont
{
    /// <summary>Default math italic: single-letter <c>mi</c>, which MathML Core italicises itself.</summary>
    Italic,

    /// <summary><c>\mathrm</c>: upright; a run of letters becomes one <c>mi</c>.</summary>
    Roman,

    /// <summary><c>\mathcal</c>: Unicode Mathematical Script letters.</summary>
    Script,

    /// <summary><c>\mathbb</c>: Unicode Mathematical Double-Struck letters and digits.</summary>
    DoubleStruck,
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
        "arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "csc", "deg", "dim", "exp", "hom", "ker",
        "lg", "ln", "log", "sec", "sin", "sinh", "tan", "tanh",
    ];

    /// <summary>Function names whose scripts are limits (under the name in display math), as in LaTeX.</summary>
    private static readonly string[] LimitFunctions = ["det", "gcd", "inf", "lim", "max", "min", "Pr", "sup"];

    /// <summary>Control words and symbols that stand for one fixed node (declared after the tables it reads).</summary>
    public static readonly IReadOnlyDictionary<string, MathNode> Commands = BuildCommands();

    /// <summary>The delimiters allowed after <c>\left</c> and <c>\right</c>; <c>.</c> means none.</summary>
    public static bool TryDelimiter(TexToken token, out string? delimiter)
    {
        delimiter = token switch
        {
            { Kind: TexTokenKind.Char, Text: "(" or ")" or "[" or "]" or "|" } => token.Text,
            { Kind: TexTokenKind.Command, Text: "{" or "}" } => token.Text,
            _ => null,
        };
        return delimiter is not null || token is { Kind: TexTokenKind.Char, Text: "." };
    }

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
            _ => c,
        };
        return new Rune(codePoint).ToString();
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

        // Ordinary symbols.
        Add(["infty:∞", "ell:ℓ", "partial:∂", "emptyset:∅", "hbar:ℏ", "%:%", "_:_", "#:#", "$:$"], text => Mi(text));
        commands["nabla"] = Mi("∇", Upright);

        // Binary operators, relations, arrows, punctuation.
        Add(
        [
            "cdot:⋅", "times:×", "div:÷", "pm:±", "mp:∓", "circ:∘", "leq:≤", "le:≤", "geq:≥", "ge:≥", "neq:≠", "ne:≠",
            "approx:≈", "equiv:≡", "sim:∼", "propto:∝", "ll:≪", "gg:≫", "mid:∣", "in:∈", "notin:∉", "subset:⊂",
            "subseteq:⊆", "cup:∪", "cap:∩", "to:→", "rightarrow:→", "leftarrow:←", "Rightarrow:⇒", "Leftrightarrow:⇔",
            "mapsto:↦", "forall:∀", "exists:∃", "ldots:…", "cdots:⋯", "&:&",
        ], text => Mo(text));
        commands["{"] = Mo("{", NotStretchy);
        commands["}"] = Mo("}", NotStretchy);

        // Large operators: ∑ and ∏ take limits in display math, ∫ always takes its scripts beside.
        commands["sum"] = new MathToken("mo", "∑", LimitsInDisplay: true);
        commands["prod"] = new MathToken("mo", "∏", LimitsInDisplay: true);
        commands["int"] = Mo("∫");

        foreach (var name in Functions)
        {
            commands[name] = new MathToken("mi", name, IsFunction: true);
        }
        foreach (var name in LimitFunctions)
        {
            commands[name] = new MathToken("mi", name, IsFunction: true, LimitsInDisplay: true);
        }

        // Spaces, in TeX's widths (mu / 18 = em).
        commands[","] = new MathSpace("0.1667em");
        commands[":"] = new MathSpace("0.2222em");
        commands[">"] = new MathSpace("0.2222em");
        commands[";"] = new MathSpace("0.2778em");
        commands[" "] = new MathSpace("0.3333em");
        commands["quad"] = new MathSpace("1em");
        commands["qquad"] = new MathSpace("2em");
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
