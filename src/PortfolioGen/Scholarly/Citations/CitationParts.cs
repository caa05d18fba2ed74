using System.Text;
using PortfolioGen.Site;
using PortfolioGen.Text;

namespace PortfolioGen.Scholarly.Citations;

/// <summary>Text clean-up shared by the citation formats.</summary>
internal static class CitationText
{
    // By the abstract's object: the profile's parse cache hands on the same RichText for an entry that did not change,
    // so a serve rebuild flattens only the edited abstracts (the search index and llms.txt show all 10,000).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Profiles.RichText, string> AbstractLines = new();

    /// <summary>The plain text of an abstract on one line (<see cref="OneLine(string?)"/>), worked out once per abstract object.</summary>
    public static string AbstractLine(Profiles.RichText? abstractText)
        => abstractText is null ? "" : AbstractLines.GetValue(abstractText, a => OneLine(a.Text));

    /// <summary>
    /// The text on one line: control characters dropped, a lone surrogate replaced by U+FFFD (no encoder can
    /// write one), every run of white space (line and paragraph separators included) one space, trimmed.
    /// </summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (IsOneLine(text)) return text;
        var sb = new StringBuilder(text.Length);
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }
            if (char.IsControl(ch)) continue;
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(ch).Append(text[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(ch) ? '\uFFFD' : ch);
            }
        }
        return sb.ToString();
    }

    // Most text is already clean (a title, a name, an abstract's paragraph): then it is its own one line.
    // Printable ASCII is skipped at vector speed; any other character is looked at on its own.
    private static bool IsOneLine(string text)
    {
        if (text[0] == ' ' || text[^1] == ' ' || text.Contains("  ", StringComparison.Ordinal)) return false;
        var span = text.AsSpan();
        for (var i = span.IndexOfAnyExceptInRange(' ', '~'); i >= 0;)
        {
            var ch = span[i];
            if (char.IsWhiteSpace(ch) || char.IsControl(ch) || char.IsSurrogate(ch)) return false;
            var next = span[(i + 1)..].IndexOfAnyExceptInRange(' ', '~');
            i = next < 0 ? -1 : i + 1 + next;
        }
        return true;
    }

    /// <summary>Paragraphs (separated by a blank line, as <see cref="Profiles.RichText.Text"/> has them), each on one line.</summary>
    public static string Paragraphs(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var paragraphs = text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.None)
            .Select(OneLine).Where(p => p.Length > 0);
        return string.Join("\n\n", paragraphs);
    }

    /// <summary>The URL a citation points to: the paper's page when the site has one, else its arXiv abstract.</summary>
    public static string? Url(PaperView view, string? pageUrl)
        => !string.IsNullOrWhiteSpace(pageUrl) ? pageUrl.Trim()
            : view.Additions.ArxivId is { Length: > 0 } id ? "https://arxiv.org/abs/" + id
            : null;

    /// <summary>The tags, cleaned, empty ones dropped.</summary>
    public static IEnumerable<string> Tags(PaperView view)
        => view.Additions.Tags.Select(OneLine).Where(t => t.Length > 0);

    /// <summary>The conference's venue, cleaned; null when there is none, and for a journal article (see <see cref="Journal"/>).</summary>
    public static string? Venue(PaperView view)
        => !IsJournalArticle(view) && OneLine(view.Additions.Venue) is { Length: > 0 } v ? v : null;

    // Whether Journal gives a journal: one with a name (without making it).
    private static bool IsJournalArticle(PaperView view) => view.Additions.Journal is { } j && OneLine(j.Name).Length > 0;

    /// <summary>
    /// The journal of a journal article with every part cleaned (on one line, an empty part left out); null for any
    /// other paper, and for a journal without a name.
    /// </summary>
    public static Journal? Journal(PaperView view)
    {
        if (!IsJournalArticle(view)) return null;
        var j = view.Additions.Journal!;
        var name = OneLine(j.Name);
        static string? Part(string? value) => OneLine(value) is { Length: > 0 } v ? v : null;
        var first = Part(j.FirstPage);
        return new Journal(name)
        {
            Volume = Part(j.Volume),
            Issue = Part(j.Issue),
            FirstPage = first,
            LastPage = first is null ? null : Part(j.LastPage),
            Publisher = Part(j.Publisher),
        };
    }
}

/// <summary>
/// A listed author as citation formats want them: family, given and suffix, or — for a single-word name, a
/// name in a CJK script, which cannot be split reliably, or a collaboration's or consortium's name — one literal unit.
/// </summary>
internal sealed record CitationName(string Given, string Family, string Suffix, string? Literal)
{
    /// <summary>The authors of a paper, in order; empty names are skipped.</summary>
    public static IReadOnlyList<CitationName> Of(PaperView view)
    {
        var names = new List<CitationName>();
        foreach (var author in view.Paper.Authors)
        {
            if (Parse(author) is { } name) names.Add(name);
        }
        return names;
    }

    /// <summary>Reads one display name; null when nothing is left after clean-up.</summary>
    public static CitationName? Parse(string author)
    {
        var name = CitationText.OneLine(author);
        if (name.Length == 0) return null;
        if (HasCjk(name) || IsCollective(name)) return new CitationName("", name, "", name);
        var (given, family, suffix) = PersonNames.Split(name);
        given = given.Trim();
        family = family.Trim();
        if (given.Length == 0 || family.Length == 0) return new CitationName("", name, "", name);
        return new CitationName(given, family, suffix.Trim(), null);
    }

    /// <summary>
    /// Whether the name is a group's, not a person's ("ATLAS Collaboration", "UK Biobank Consortium"): split, it would be
    /// cited as the family name "Collaboration" ("Collaboration, A."). Only words no person's family name is.
    /// </summary>
    internal static bool IsCollective(string name)
    {
        var last = name.AsSpan(name.LastIndexOf(' ') + 1);
        return last.Equals("Collaboration", StringComparison.OrdinalIgnoreCase)
            || last.Equals("Collaborations", StringComparison.OrdinalIgnoreCase)
            || last.Equals("Consortium", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the name has characters of a script written without spaces between family and given name.</summary>
    private static bool HasCjk(string name)
    {
        foreach (var ch in name)
        {
            if (ch is >= '\u1100' and <= '\u11FF' // Hangul Jamo
                or >= '\u3040' and <= '\u30FF' // Hiragana, Katakana
                or >= '\u3130' and <= '\u318F' // Hangul compatibility Jamo
                or >= '\u3400' and <= '\u4DBF' // CJK extension A
                or >= '\u4E00' and <= '\u9FFF' // CJK unified ideographs
                or >= '\uAC00' and <= '\uD7AF' // Hangul syllables
                or >= '\uF900' and <= '\uFAFF') // CJK compatibility ideographs
            {
                return true;
            }
        }
        // Supplementary ideographs (extensions B and later) are U+20000–U+3FFFF: high surrogates D840–D8BF.
        return name.Any(ch => ch is >= '\uD840' and <= '\uD8BF');
    }
}
