using System.Text.RegularExpressions;
using PortfolioGen.Profiles;
using PortfolioGen.Site;
using PortfolioGen.Text;
using Xunit;

namespace PortfolioGen.Tests.Scholarly;

/// <summary>Papers to cite, and checks of the formats' structure that the example and property tests share.</summary>
internal static partial class CitationSamples
{
    private static readonly Lazy<(Profile Profile, IReadOnlyList<PaperView> Views)> Reference = new(() =>
    {
        var profile = ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!;
        var coAuthors = profile.CoAuthors.ToDictionary(c => c.Key);
        var views = profile.Papers.Select(p => PaperView.Create(p, PaperAdditions.None, profile, new SiteSettings(), coAuthors)).ToList();
        return (profile, views);
    });

    /// <summary>The reference profile's papers, in profile order.</summary>
    public static IReadOnlyList<PaperView> ReferenceViews => Reference.Value.Views;

    /// <summary>A paper made the way the profile parser makes one (title and abstract read as light LaTeX).</summary>
    public static PaperView Make(string title, IEnumerable<string> authors, bool truncated = false, string? abstractSource = null,
        PaperAdditions? additions = null, DateOnly? date = null, string slug = "sample", string category = "CL")
    {
        var titleNodes = LatexText.Parse(title);
        RichText? abs = null;
        if (abstractSource is not null)
        {
            var paragraphs = abstractSource.Split("\n\n");
            abs = new RichText(abstractSource,
                string.Concat(paragraphs.Select(p => "<p>" + LatexText.ToHtml(LatexText.Parse(p), MathMLRenderer.Instance) + "</p>")),
                string.Join("\n\n", paragraphs.Select(p => LatexText.ToText(LatexText.Parse(p)))));
        }
        var paper = new Paper(slug, title, ArxivCategories.Resolve(category), date ?? new DateOnly(2024, 3, 4), false,
            [.. authors], truncated, null, abs, 1)
        {
            TitleMarkup = new RichText(title, LatexText.ToHtml(titleNodes, MathMLRenderer.Instance), LatexText.ToText(titleNodes))
            {
                Readable = LatexText.ToText(titleNodes, readable: true),
            },
        };
        // Not PaperView.Create: its identity keys (PersonNames.Key) refuse invalid UTF-16, which a profile read from
        // a file cannot contain but the property tests' names do. The citation formats do not use the author views.
        additions ??= PaperAdditions.None;
        return new PaperView(paper, additions, additions.Featured, [.. paper.Authors.Select(a => new AuthorView(a, false, null, null))], additions.Links);
    }

    // ---- BibTeX ----

    [GeneratedRegex(@"^  (?<name>[A-Za-z]+) +=(?<gap> )(?<value>.*),$")]
    public static partial Regex BibField();

    /// <summary>
    /// Checks an entry's structure: a header line, one field per line, the closing line; braces balanced the way
    /// BibTeX counts them (every brace, escaped or not) and no braced value closing before its end.
    /// Returns the fields by name.
    /// </summary>
    public static Dictionary<string, string> CheckBibTeX(string entry)
    {
        Assert.EndsWith("}\n", entry);
        Assert.DoesNotContain('\r', entry);
        var lines = entry[..^1].Split('\n');
        Assert.Matches(@"^@(misc|inproceedings|article)\{[A-Za-z0-9_:.+/-]+,$", lines[0]);
        Assert.Equal("}", lines[^1]);
        var fields = new Dictionary<string, string>();
        foreach (var line in lines[1..^1])
        {
            var m = BibField().Match(line);
            Assert.True(m.Success, $"not a field line: {line}");
            var name = m.Groups["name"].Value;
            var value = m.Groups["value"].Value;
            Assert.True(fields.TryAdd(name, value), $"field {name} twice");
            if (name == "month")
            {
                Assert.Matches("^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$", value);
                continue;
            }
            Assert.True(line.EndsWith("},", StringComparison.Ordinal), $"field line does not end with '}},': {line}");
            Assert.StartsWith("{", value);
            var depth = 0;
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == '{') depth++;
                else if (value[i] == '}') depth--;
                Assert.True(depth > 0 || i == value.Length - 1, $"{name}: the value's braces close early at {i}: {value}");
            }
            Assert.True(depth == 0, $"{name}: unbalanced braces: {value}");
            fields[name] = value[1..^1];
        }
        return fields;
    }

    /// <summary>Positions of <paramref name="specials"/> that are neither escaped nor inside <c>$…$</c>.</summary>
    public static List<int> UnescapedSpecials(string latex, string specials = "&%#")
    {
        var found = new List<int>();
        var math = "";
        for (var i = 0; i < latex.Length; i++)
        {
            var ch = latex[i];
            if (ch == '\\')
            {
                i++;
                continue;
            }
            if (ch == '$')
            {
                // As TeX reads it: in inline math a $ ends it, whatever follows ("$x$$$y$$" is x inline, then y displayed).
                if (math == "$")
                {
                    math = "";
                    continue;
                }
                var delimiter = i + 1 < latex.Length && latex[i + 1] == '$' ? "$$" : "$";
                if (math.Length == 0) math = delimiter;
                else if (math == delimiter) math = "";
                i += delimiter.Length - 1;
                continue;
            }
            if (math.Length == 0 && specials.Contains(ch)) found.Add(i);
        }
        return found;
    }

    /// <summary>The names BibTeX reads from an author field: split at a top-level "and" between spaces, any case.</summary>
    public static List<string> BibTeXNames(string authorField)
    {
        var names = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < authorField.Length; i++)
        {
            var ch = authorField[i];
            if (ch == '{') depth++;
            else if (ch == '}') depth--;
            else if (depth == 0 && char.IsWhiteSpace(ch) && i + 4 < authorField.Length
                     && string.Equals(authorField.Substring(i + 1, 3), "and", StringComparison.OrdinalIgnoreCase)
                     && char.IsWhiteSpace(authorField[i + 4]))
            {
                names.Add(authorField[start..i]);
                start = i + 5;
                i += 4;
            }
        }
        names.Add(authorField[start..]);
        return names;
    }

    // ---- RIS ----

    [GeneratedRegex(@"^(?<tag>[A-Z][A-Z0-9])  - (?<value>.*)$")]
    private static partial Regex RisLine();

    /// <summary>Checks a record's lines (tag, two spaces, dash, space, value; CRLF; TY first, ER last) and returns (tag, value) pairs.</summary>
    public static List<(string Tag, string Value)> CheckRis(string record)
    {
        Assert.EndsWith("ER  - \r\n", record);
        var withoutEnds = record.Replace("\r\n", "");
        Assert.DoesNotContain('\n', withoutEnds);
        Assert.DoesNotContain('\r', withoutEnds);
        var lines = record[..^2].Split("\r\n");
        var pairs = new List<(string, string)>();
        foreach (var line in lines)
        {
            var m = RisLine().Match(line);
            Assert.True(m.Success, $"not an RIS line: {line}");
            var value = m.Groups["value"].Value;
            Assert.DoesNotContain('\u2028', value);
            Assert.DoesNotContain('\u2029', value);
            Assert.DoesNotContain('\u0085', value);
            pairs.Add((m.Groups["tag"].Value, value));
        }
        Assert.Equal("TY", pairs[0].Item1);
        Assert.Equal(("ER", ""), pairs[^1]);
        Assert.Single(pairs, p => p.Item1 == "TY");
        Assert.Single(pairs, p => p.Item1 == "ER");
        return pairs;
    }
}
