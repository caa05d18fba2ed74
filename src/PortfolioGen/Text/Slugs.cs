using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using AnyAscii;

namespace PortfolioGen.Text;

/// <summary>
/// URL slugs: transliterated to ASCII (AnyAscii, so 李伟 becomes <c>liwei</c> and Müller <c>muller</c>),
/// lower case, <c>[a-z0-9-]</c> only, at most <see cref="MaxLength"/> characters cut at a word boundary,
/// never empty and never <c>.</c> or <c>..</c>, so a slug can always be used as one path segment.
/// </summary>
public static partial class Slugs
{
    /// <summary>The longest slug, in characters.</summary>
    public const int MaxLength = 80;

    // TeX commands whose names are the words a formula is read with: Greek letters (a variant by its letter's name) and
    // function names. Other commands (fonts, symbols, \frac) say nothing a slug can hold.
    private static readonly FrozenDictionary<string, string> TexWords = BuildTexWords();

    private static FrozenDictionary<string, string> BuildTexWords()
    {
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[]
        {
            "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi",
            "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
            "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
            "arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "det", "dim", "exp", "gcd", "hom",
            "inf", "ker", "lg", "lim", "liminf", "limsup", "ln", "log", "max", "min", "Pr", "sec", "sin", "sinh", "sup", "tan", "tanh",
        })
        {
            words[name] = name;
        }
        foreach (var name in new[] { "epsilon", "theta", "kappa", "pi", "rho", "sigma", "phi" }) words["var" + name] = name;
        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // A command, or \begin or \end with its environment's name (a name that says nothing about the paper either); a row
    // break (\\) first, so that the letter after it ("a\\c") is not read as a command's name.
    [GeneratedRegex(@"\\\\|\\(?:begin|end)\s*\{[A-Za-z*]*\}|\\[A-Za-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex TexCommand();

    /// <summary>
    /// The slug text of a title's formula (its TeX between the dollars): a Greek letter or a function name gives its name
    /// (<c>\alpha</c> → <c>alpha</c>, <c>\log</c> → <c>log</c>), a word of its own inside the formula but joined to what
    /// touches the formula (<c>$\mu$P</c> → <c>muP</c>); any other command gives a space, as it always did, and so does
    /// <c>\begin{pmatrix}</c> or <c>\end{pmatrix}</c> with its name.
    /// </summary>
    public static string FromTex(string tex) => TexCommand().Replace(tex, m =>
    {
        if (!TexWords.TryGetValue(m.Value[1..], out var word)) return " ";
        return string.Concat(m.Index > 0 ? " " : "", word, m.Index + m.Length < tex.Length ? " " : "");
    });

    /// <summary>Makes a slug of <paramref name="text"/>; <paramref name="fallback"/> when nothing is left.</summary>
    public static string Slugify(string text, string fallback)
    {
        var ascii = text.Transliterate();
        var sb = new StringBuilder(Math.Min(ascii.Length, MaxLength + 16));
        var pendingDash = false;
        foreach (var ch in ascii)
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingDash && sb.Length > 0) sb.Append('-');
                pendingDash = false;
                sb.Append(ch);
            }
            else if (ch is >= 'A' and <= 'Z')
            {
                if (pendingDash && sb.Length > 0) sb.Append('-');
                pendingDash = false;
                sb.Append((char)(ch + ('a' - 'A')));
            }
            else if (ch is '\'' or '\u2019' or '`')
            {
                // Apostrophes join: "LLMs' context" → "llms-context", "don't" → "dont".
            }
            else
            {
                pendingDash = true;
            }
        }
        var slug = Truncate(sb.ToString());
        return slug.Length == 0 ? fallback : slug;
    }

    private static string Truncate(string slug)
    {
        if (slug.Length <= MaxLength) return slug;
        var cut = slug.LastIndexOf('-', MaxLength);
        // A single enormous word is cut hard rather than left whole.
        return cut > MaxLength / 2 ? slug[..cut] : slug[..MaxLength].TrimEnd('-');
    }

    /// <summary>
    /// Gives every item a distinct slug, deterministically: items are visited in the given order; the
    /// first to want a slug gets it, later ones get <c>-2</c>, <c>-3</c>, … skipping any slug another item
    /// wants for itself, so one item's suffix never takes another item's natural slug.
    /// </summary>
    public static string[] MakeUnique(IReadOnlyList<string> wanted)
    {
        var natural = new HashSet<string>(wanted, StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var result = new string[wanted.Count];
        // First pass: every item whose slug nobody before it took keeps it.
        for (var i = 0; i < wanted.Count; i++)
        {
            if (taken.Add(wanted[i])) result[i] = wanted[i];
        }
        for (var i = 0; i < wanted.Count; i++)
        {
            if (result[i] is not null) continue;
            for (var n = 2; ; n++)
            {
                var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var stem = wanted[i].Length + suffix.Length > MaxLength ? wanted[i][..(MaxLength - suffix.Length)].TrimEnd('-') : wanted[i];
                var candidate = stem + suffix;
                if (!natural.Contains(candidate) && taken.Add(candidate))
                {
                    result[i] = candidate;
                    break;
                }
            }
        }
        return result;
    }
}
