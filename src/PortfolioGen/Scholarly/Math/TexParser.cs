using System.Text;

namespace PortfolioGen.Scholarly.Math;

/// <summary>
/// A recursive-descent parser from TeX math tokens to a <see cref="MathNode"/> tree. The grammar, informally:
/// <code>
/// list     := (atom scripts)*                       until the end, }, \right or ] (whichever encloses it)
/// atom     := letter | number | operator | { list } | command [arguments]
/// scripts  := (' | ^ argument | _ argument)*       at most one of each of ^ and _; primes join the superscript
/// argument := { list } | a single token, with its own arguments
/// </code>
/// Anything else throws <see cref="TexMathException"/>.
/// </summary>
internal sealed class TexParser
{
    /// <summary>Deep enough for any real formula; stops hostile input from overflowing the stack.</summary>
    private const int MaxDepth = 64;

    private static readonly MathToken FunctionApplication = new("mo", "\u2061");
    private static readonly MathSpace ThinSpace = new("0.1667em");

    private readonly TexLexer _lexer;
    private bool _display;
    private MathFont _font = MathFont.Italic;
    private string? _environment;
    private int _depth;

    private TexParser(string tex, bool display)
    {
        _lexer = new TexLexer(tex);
        _display = display;
    }

    /// <summary>What ends a list.</summary>
    private enum Until
    {
        End,
        Brace,
        Right,
        Bracket,

        /// <summary>A cell of an environment: ends before <c>&amp;</c>, <c>\\</c> or <c>\end</c>.</summary>
        Cell,
    }

    /// <summary>Parses all of <paramref name="tex"/>; throws <see cref="TexMathException"/> outside the subset.</summary>
    public static MathNode Parse(string tex, bool display) => Wrap(new TexParser(tex, display).ParseList(Until.End));

    /// <summary>A single node as is, any other number in an <c>mrow</c>.</summary>
    private static MathNode Wrap(IReadOnlyList<MathNode> nodes) => nodes.Count == 1 ? nodes[0] : new MathRow(nodes);

    private List<MathNode> ParseList(Until until)
    {
        Enter();
        var nodes = new List<MathNode>();
        while (true)
        {
            var token = _lexer.Peek();
            if (token.Kind == TexTokenKind.End)
            {
                if (until == Until.End)
                {
                    break;
                }
                throw new TexMathException(until switch
                {
                    Until.Brace => "unbalanced braces: missing }",
                    Until.Right => "\\left without matching \\right",
                    Until.Cell => Unended(),
                    _ => "missing ] after \\sqrt[",
                });
            }
            if (token.IsChar("}"))
            {
                if (until == Until.Brace)
                {
                    _lexer.Next();
                    break;
                }
                throw new TexMathException(until switch
                {
                    Until.Right => "\\left without matching \\right",
                    Until.Cell => Unended(),
                    _ => "unbalanced braces: unexpected }",
                });
            }
            if (_environment is not null && (token.IsChar("&") || token.IsCommand("\\") || token.IsCommand("end")))
            {
                if (until == Until.Cell)
                {
                    break; // the environment reads the separator
                }
                // Inside a group of a cell: the group never closes.
                throw new TexMathException(until switch
                {
                    Until.Right => "\\left without matching \\right",
                    Until.Bracket => "missing ] after \\sqrt[",
                    _ => "unbalanced braces: missing }",
                });
            }
            if (token.IsCommand("right"))
            {
                if (until == Until.Right)
                {
                    break; // the caller reads \right and its delimiter
                }
                throw new TexMathException("\\right without matching \\left");
            }
            if (token.IsChar("]") && until == Until.Bracket)
            {
                _lexer.Next();
                break;
            }
            if (token.Kind == TexTokenKind.Command && TexSymbols.StyleSwitches.TryGetValue(token.Text, out var switched))
            {
                // \displaystyle and its kin set the rest of the group (up to what ends this list, which the inner list
                // reads as this one would have) in that style, as TeX does.
                _lexer.Next();
                var outer = _display;
                _display = switched.Display;
                var rest = ParseList(until);
                _display = outer;
                nodes.Add(new MathStyle(Wrap(rest), switched.Attributes));
                break;
            }
            nodes.Add(ParseScripts(ParseAtom(single: false)));
        }
        _depth--;
        return InsertFunctionApplications(nodes);
    }

    /// <summary>
    /// One atom. With <paramref name="single"/> (a script or command argument without braces) a number is one
    /// digit and <c>\mathrm</c> letters are not joined, as TeX takes one token. A leading <c>^</c>, <c>_</c> or
    /// <c>'</c> yields an empty base and is left for <see cref="ParseScripts"/>.
    /// </summary>
    private MathNode ParseAtom(bool single)
    {
        var token = _lexer.Peek();
        if (token.Kind == TexTokenKind.Command)
        {
            _lexer.Next();
            return ParseCommand(token.Text);
        }
        if (token.IsChar("^") || token.IsChar("_") || token.IsChar("'"))
        {
            return new MathRow([]);
        }
        _lexer.Next();
        var text = token.Text;
        if (text == "{")
        {
            return Wrap(ParseList(Until.Brace));
        }
        if (char.IsAsciiDigit(text[0]) || (text == "." && !single && IsDigit(_lexer.Peek())))
        {
            return ParseNumber(text, single);
        }
        if (Rune.TryGetRuneAt(text, 0, out var rune) && Rune.IsLetter(rune))
        {
            return ParseLetters(text, single);
        }
        if (TexSymbols.Characters.TryGetValue(text, out var node))
        {
            return node;
        }
        throw new TexMathException(text == "%"
            ? "unescaped % (a TeX comment) is not supported"
            : $"unsupported character {TexLexer.Describe(text, 0)}");
    }

    /// <summary>Digits with an optional decimal part (<c>3.14</c>), or one digit as a single-token argument.</summary>
    private MathToken ParseNumber(string first, bool single)
    {
        var number = new StringBuilder(first);
        while (!single && IsDigit(_lexer.Peek()))
        {
            number.Append(_lexer.Next().Text);
        }
        var next = _lexer.Peek();
        if (!single && !first.Equals(".", StringComparison.Ordinal) && next.IsChar(".") && IsDigit(_lexer.PeekAfter(next)))
        {
            number.Append(_lexer.Next().Text);
            while (IsDigit(_lexer.Peek()))
            {
                number.Append(_lexer.Next().Text);
            }
        }
        if (TexSymbols.HasDigits(_font))
        {
            var struck = new StringBuilder();
            for (var i = 0; i < number.Length; i++)
            {
                struck.Append(TexSymbols.ApplyFont(_font, number.ToString(i, 1)));
            }
            number = struck;
        }
        return new MathToken("mn", number.ToString());
    }

    /// <summary>A letter in the current font; in <c>\mathrm</c> a run of letters is one upright identifier.</summary>
    private MathToken ParseLetters(string first, bool single)
    {
        if (_font != MathFont.Roman)
        {
            return new MathToken("mi", TexSymbols.ApplyFont(_font, first));
        }
        var word = new StringBuilder(first);
        var letters = 1;
        while (!single && IsLetter(_lexer.Peek()))
        {
            word.Append(_lexer.Next().Text);
            letters++;
        }
        return letters == 1 ? new MathToken("mi", word.ToString(), " mathvariant=\"normal\"") : new MathToken("mi", word.ToString());
    }

    private string Unended() => $"\\begin{{{_environment}}} without matching \\end{{{_environment}}}";

    private MathNode ParseCommand(string name)
    {
        if (TexSymbols.Commands.TryGetValue(name, out var node))
        {
            // \mathbf and \boldsymbol embolden Greek letters too.
            return node is MathToken { Element: "mi" } letter && TexSymbols.BoldGreek(_font, letter.Text) is { } bold ? new MathToken("mi", bold) : node;
        }
        if (TexSymbols.FontCommands.TryGetValue(name, out var font))
        {
            return ParseInFont(font, "\\" + name);
        }
        if (TexSymbols.Marks.TryGetValue(name, out var mark))
        {
            return new MathAccent(ParseArgument("\\" + name), mark.Text, mark.Under, mark.Stretchy, mark.IsAccent);
        }
        if (TexSymbols.SizedDelimiters.TryGetValue(name, out var size))
        {
            var delimiter = ReadDelimiter("\\" + name);
            return delimiter is null
                ? new MathRow([])
                : new MathToken("mo", delimiter, $" stretchy=\"true\" symmetric=\"true\" minsize=\"{size}\" maxsize=\"{size}\"");
        }
        switch (name)
        {
            case "dfrac" or "tfrac":
                var top = ParseArgument("\\" + name);
                return new MathFraction(top, ParseArgument("\\" + name), name == "dfrac" ? " displaystyle=\"true\"" : " displaystyle=\"false\"");
            case "binom" or "dbinom" or "tbinom":
                var n = ParseArgument("\\" + name);
                var k = ParseArgument("\\" + name);
                var style = name switch { "dbinom" => " displaystyle=\"true\"", "tbinom" => " displaystyle=\"false\"", _ => "" };
                return new MathFenced("(", ")", [new MathFraction(n, k, " linethickness=\"0\"" + style)]);
            case "overset" or "stackrel":
                var over = ParseArgument("\\" + name);
                return new MathScripts(ParseArgument("\\" + name), null, over, Under: true);
            case "underset":
                var under = ParseArgument("\\underset");
                return new MathScripts(ParseArgument("\\underset"), under, null, Under: true);
            case "operatorname":
                var limits = false;
                if (_lexer.Peek().IsChar("*"))
                {
                    _lexer.Next();
                    limits = true;
                }
                var operatorName = ParseInFont(MathFont.Roman, "\\operatorname");
                return operatorName is MathToken token
                    ? token with { IsFunction = true, LimitsInDisplay = limits }
                    : new MathOperator(operatorName, limits);
            case "pmod":
                // amsmath's inline \pmod: 8mu, then "(mod" and 6mu before the modulus.
                var modulus = ParseArgument("\\pmod");
                return new MathRow([new MathSpace("0.4444em"), new MathToken("mo", "(", " stretchy=\"false\""), new MathToken("mi", "mod"),
                    new MathSpace("0.3333em"), modulus, new MathToken("mo", ")", " stretchy=\"false\"")]);
            case "not":
                var negated = _lexer.Peek();
                if (negated.Kind == TexTokenKind.End || negated.IsChar("}") || negated.IsChar("^") || negated.IsChar("_"))
                {
                    throw new TexMathException("missing argument for \\not");
                }
                var relation = ParseAtom(single: true);
                if (relation is MathToken { Element: "mo" } op)
                {
                    return op with { Text = TexSymbols.Negate(op.Text) };
                }
                throw new TexMathException($"\\not before {(relation is MathToken t ? t.Text : "a group")}, which is not a relation");
            case "begin":
                return ParseEnvironment();
            case "end":
                throw new TexMathException($"\\end{{{ReadEnvironmentName("\\end")}}} without matching \\begin");
            case "limits" or "nolimits":
                throw new TexMathException($"\\{name} with no operator before it");
            case "frac":
                var numerator = ParseArgument("\\frac");
                return new MathFraction(numerator, ParseArgument("\\frac"));
            case "sqrt":
                MathNode? index = null;
                if (_lexer.Peek().IsChar("["))
                {
                    _lexer.Next();
                    index = Wrap(ParseList(Until.Bracket));
                }
                return new MathRoot(ParseArgument("\\sqrt"), index);
            case "left":
                var open = ReadDelimiter("\\left");
                var body = ParseList(Until.Right);
                _lexer.Next();
                return new MathFenced(open, ReadDelimiter("\\right"), body);
            case "right":
                throw new TexMathException("\\right without matching \\left");
            case "text" or "textrm" or "textnormal" or "mbox":
                return new MathToken("mtext", _lexer.ReadTextArgument());
            default:
                throw new TexMathException($"unsupported command \\{name}");
        }
    }

    /// <summary>
    /// <c>\begin{name}</c> (read) … <c>\end{name}</c>: a table whose cells <c>&amp;</c> separates and rows <c>\\</c> (a final
    /// one makes no row), between the environment's fences.
    /// </summary>
    private MathNode ParseEnvironment()
    {
        var name = ReadEnvironmentName("\\begin");
        if (!TexSymbols.Environments.TryGetValue(name, out var environment))
        {
            throw new TexMathException($"unsupported environment {name}");
        }
        var outer = _environment;
        _environment = name;
        Enter();
        var rows = new List<IReadOnlyList<MathNode>>();
        var cells = new List<MathNode>();
        while (true)
        {
            cells.Add(Wrap(ParseList(Until.Cell)));
            var separator = _lexer.Next();
            if (separator.IsChar("&"))
            {
                continue;
            }
            rows.Add(cells);
            cells = [];
            if (separator.IsCommand("\\"))
            {
                if (!_lexer.Peek().IsCommand("end"))
                {
                    continue;
                }
                _lexer.Next();
            }
            break;
        }
        var end = ReadEnvironmentName("\\end");
        if (end != name)
        {
            throw new TexMathException($"\\begin{{{name}}} ended by \\end{{{end}}}");
        }
        _depth--;
        _environment = outer;
        var table = new MathTable(rows, environment.Attributes);
        return environment.Open is null && environment.Close is null ? table : new MathFenced(environment.Open, environment.Close, [table]);
    }

    /// <summary>The <c>{name}</c> after <c>\begin</c> or <c>\end</c>.</summary>
    private string ReadEnvironmentName(string owner)
    {
        if (!_lexer.Next().IsChar("{"))
        {
            throw new TexMathException($"missing {{ after {owner}");
        }
        var name = new StringBuilder();
        while (true)
        {
            var token = _lexer.Next();
            if (token.IsChar("}"))
            {
                return name.ToString();
            }
            if (!IsLetter(token) && !token.IsChar("*"))
            {
                throw new TexMathException($"missing }} after {owner}{{");
            }
            name.Append(token.Text);
        }
    }

    /// <summary>A braced group or a single token, as the argument of <paramref name="owner"/>.</summary>
    private MathNode ParseArgument(string owner)
    {
        var token = _lexer.Peek();
        if (token.Kind == TexTokenKind.End || token.IsChar("}") || token.IsChar("^") || token.IsChar("_")
            || token.IsChar("'") || token.IsCommand("right"))
        {
            throw new TexMathException($"missing argument for {owner}");
        }
        Enter();
        MathNode argument;
        if (token.IsChar("{"))
        {
            _lexer.Next();
            argument = Wrap(ParseList(Until.Brace));
        }
        else
        {
            argument = ParseAtom(single: true);
        }
        _depth--;
        return argument;
    }

    private MathNode ParseInFont(MathFont font, string owner)
    {
        var outer = _font;
        _font = font;
        var argument = ParseArgument(owner);
        _font = outer;
        return argument;
    }

    /// <summary>
    /// The scripts after <paramref name="nucleus"/>. As in TeX, <c>f'</c> is <c>f^{\prime}</c>, <c>f'^2</c> is
    /// <c>f^{\prime 2}</c>, and a second <c>^</c> or <c>_</c> is an error.
    /// </summary>
    private MathNode ParseScripts(MathNode nucleus)
    {
        MathNode? sub = null, sup = null;
        var primes = 0;
        var afterPrime = false;
        bool? limits = null;
        while (_lexer.Peek() is var control && (control.IsCommand("limits") || control.IsCommand("nolimits")))
        {
            if (!TakesLimits(nucleus))
            {
                throw new TexMathException($"\\{control.Text} after {(nucleus is MathToken t ? t.Text : "a group")}, which is not an operator");
            }
            _lexer.Next();
            limits = control.Text == "limits";
        }
        while (true)
        {
            var token = _lexer.Peek();
            if (token.IsChar("'"))
            {
                if (sup is not null || (primes > 0 && !afterPrime))
                {
                    throw new TexMathException("double superscript");
                }
                _lexer.Next();
                primes++;
                afterPrime = true;
                continue;
            }
            afterPrime = false;
            if (token.IsChar("^"))
            {
                if (sup is not null)
                {
                    throw new TexMathException("double superscript");
                }
                _lexer.Next();
                sup = ParseArgument("^");
            }
            else if (token.IsChar("_"))
            {
                if (sub is not null)
                {
                    throw new TexMathException("double subscript");
                }
                _lexer.Next();
                sub = ParseArgument("_");
            }
            else
            {
                break;
            }
        }
        if (primes > 0)
        {
            var prime = TexSymbols.Primes(primes);
            sup = sup switch
            {
                null => prime,
                MathRow row => Wrap([prime, .. row.Children]),
                _ => new MathRow([prime, sup]),
            };
        }
        if (sub is null && sup is null)
        {
            return nucleus;
        }
        // A brace's label goes over or under it always; limits in display math, or where \limits says.
        var under = nucleus is MathAccent { IsAccent: false }
            || (limits ?? (_display && nucleus is MathToken { LimitsInDisplay: true } or MathOperator { Limits: true }));
        return new MathScripts(nucleus, sub, sup, under);
    }

    // What \limits and \nolimits may follow: large operators, integrals and function names.
    private static bool TakesLimits(MathNode nucleus) => nucleus switch
    {
        MathToken token => token.IsFunction || TexSymbols.IsLargeOperator(token),
        MathOperator => true,
        _ => false,
    };

    private string? ReadDelimiter(string owner)
    {
        var token = _lexer.Next();
        if (token.Kind == TexTokenKind.End)
        {
            throw new TexMathException($"missing delimiter after {owner}");
        }
        if (!TexSymbols.TryDelimiter(token, out var delimiter))
        {
            var shown = token.Kind == TexTokenKind.Command ? "\\" + token.Text : TexLexer.Describe(token.Text, 0);
            throw new TexMathException($"unsupported delimiter {shown} after {owner}");
        }
        return delimiter;
    }

    /// <summary>
    /// After a function name that applies to something, adds U+2061 FUNCTION APPLICATION (for assistive
    /// technology) and, before an ordinary atom such as <c>x</c> but not before <c>(</c>, TeX's thin space.
    /// </summary>
    private static List<MathNode> InsertFunctionApplications(List<MathNode> nodes)
    {
        if (!nodes.Exists(IsFunction))
        {
            return nodes;
        }
        var result = new List<MathNode>(nodes.Count + 4);
        for (var i = 0; i < nodes.Count; i++)
        {
            result.Add(nodes[i]);
            if (IsFunction(nodes[i]) && i + 1 < nodes.Count)
            {
                result.Add(FunctionApplication);
                if (!IsOperatorLike(nodes[i + 1]))
                {
                    result.Add(ThinSpace);
                }
            }
        }
        return result;

        static bool IsFunction(MathNode node) => node switch
        {
            MathToken token => token.IsFunction,
            MathOperator => true,
            MathScripts scripts => IsFunction(scripts.Base),
            _ => false,
        };

        static bool IsOperatorLike(MathNode node) => node switch
        {
            MathToken token => token.Element == "mo",
            MathScripts scripts => IsOperatorLike(scripts.Base),
            _ => node is MathFenced or MathSpace,
        };
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new TexMathException("formula nested too deeply");
        }
    }

    private static bool IsDigit(TexToken token) => token.Kind == TexTokenKind.Char && char.IsAsciiDigit(token.Text[0]);

    private static bool IsLetter(TexToken token)
        => token.Kind == TexTokenKind.Char && Rune.TryGetRuneAt(token.Text, 0, out var rune) && Rune.IsLetter(rune);
}
