using System.Text.RegularExpressions;
using System.Text.Json;
using CsCheck;
using PortfolioGen.Scholarly.Citations;
using PortfolioGen.Site;
using Xunit;
using static PortfolioGen.Tests.Scholarly.CitationSamples;

namespace PortfolioGen.Tests.Scholarly;

/// <summary>Whatever the titles, names, abstracts, venues, journals and tags, the three formats stay well formed.</summary>
public sealed class CitationPropertyTests
{
    /// <summary>Pieces that exercise the escaping's paths: specials, escapes, commands, math, name structure, odd characters.</summary>
    private static readonly Gen<string> Fragment = Gen.OneOf(
        "a", "Z", "é", "Ö", "李", "안", "BERT", "DialoGPS", "x", "1", " ", "  ", ".", ",", ":", "-", "--", "'", "`", "\"", "@", "=",
        "\n", "\r\n", "\r", "\t", "\u2028", "\u2029", "\u0085", "\u00A0", "\u0000", "\u001B", "\u007F", "\uD800", "\uDFFF", "\uD83D\uDE00",
        "{", "}", "\\", "$", "$$", "&", "%", "#", "_", "^", "~",
        "\\{", "\\}", "\\&", "\\%", "\\#", "\\_", "\\$", "\\\\", "\\ ", "\\,",
        "\\url{", "\\url", "\\href{", "\\href", "\\textbf{", "\\textbf", "\\emph {", "\\footnote{", "\\\"", "\\\"{", "\\'e", "\\^",
        "\\~", "\\H{", "\\c", "\\LaTeX", "\\foo", "\\ie", "\\mathcal{", "\\text{", "x_1", "a^{2}",
        "and", " and ", " AND ", "Jr.", ", Jr.", "van ", "others", "et al.");

    private static readonly Gen<string> TexLike = Fragment.Array[0, 25].Select(string.Concat);

    private static readonly Gen<string> AnyText = Gen.Frequency((3, TexLike), (1, Gen.String));

    // A journal of any text (the writers must hold up whatever a value says, not only what the reader lets through).
    private static readonly Gen<Journal?> Journals = Gen.Null(Gen.Select(
        AnyText, Gen.Null(AnyText, 0.3), Gen.Null(AnyText, 0.3), Gen.Null(AnyText, 0.3), Gen.Null(AnyText, 0.5), Gen.Null(AnyText, 0.5),
        (name, volume, issue, first, last, publisher) => new Journal(name)
        {
            Volume = volume, Issue = issue, FirstPage = first ?? (last is null ? null : "1"), LastPage = last, Publisher = publisher,
        }), 0.6)!;

    private static readonly Gen<PaperView> Papers = Gen.Select(
        AnyText, AnyText.Array[0, 6], Gen.Bool, Gen.Null(AnyText, 0.3), Gen.Null(AnyText, 0.5), AnyText.Array[0, 3],
        Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Bool,
        (title, authors, truncated, abs, venue, tags, year, month, day, arxiv) => Make(title, authors, truncated, abs,
            PaperAdditions.None with
            {
                Venue = venue,
                Tags = [.. tags],
                ArxivId = arxiv ? "2403.01234" : null,
                Doi = arxiv ? "10.1000/xyz_1" : null,
            },
            new DateOnly(year, month, day)))
        .Select(Journals, (view, journal) => journal is null ? view
            : view with { Additions = view.Additions with { Venue = null, Journal = journal } });

    [Fact]
    public void Bibtex_entries_are_balanced_and_escaped()
        => Papers.Sample(view =>
        {
            var entry = BibTeX.Entry(view, "k2024x", "https://example.org/papers/x/");
            var fields = CheckBibTeX(entry);          // braces balance, no value closes early, one field per line
            Assert.Empty(UnescapedSpecials(Regex.Replace(entry, @"\\url\{[^{}]*\}", "URL")));   // no bare & % # outside math or a URL
            // A \url{...} argument is verbatim (a URL may hold $ or ^), so the check skips it whole.
            var title = Regex.Replace(fields["title"], @"\\url\{[^{}]*\}", "URL").Replace(@"\href{", "", StringComparison.Ordinal);
            Assert.Empty(UnescapedSpecials(title, "^"));
            var names = CitationName.Of(view).Count;
            if (names == 0)
            {
                Assert.DoesNotContain("author", fields.Keys);
            }
            else
            {
                // BibTeX reads exactly the listed names: no "and" or comma inside a name splits it.
                Assert.Equal(names + (view.Paper.AuthorsTruncated ? 1 : 0), BibTeXNames(fields["author"]).Count);
            }
        }, iter: 5_000);

    // The check above reads math as TeX does. Found by CsCheck seed 6WHdhv8t7TC2 (about one run in 100): an abstract
    // "$a$$$b&c$$" is a in inline math, then b&c displayed; the check had read the second $ of "$$$" as the start of a
    // "$$" that did not close the inline math, so it took b&c for text.
    [Fact]
    public void The_check_reads_a_dollar_after_inline_math_as_tex_does()
    {
        Assert.Empty(UnescapedSpecials("$a$$$b&c$$"));
        Assert.Equal([5], UnescapedSpecials("$a$ b&c"));
        Assert.Equal([8], UnescapedSpecials("$$a&b$$ &"));
    }

    [Fact]
    public void Ris_records_keep_every_value_on_its_line()
        => Papers.Sample(view =>
        {
            var lines = CheckRis(Ris.Entry(view, null));
            Assert.Equal(CitationName.Of(view).Count, lines.Count(l => l.Tag == "AU"));
        }, iter: 5_000);

    [Fact]
    public void Csl_json_always_parses()
        => Papers.Sample(view =>
        {
            var json = CslJson.Item(view, "k2024x", "https://example.org/papers/x/");
            using var doc = JsonDocument.Parse(json);
            var item = doc.RootElement;
            Assert.Equal("k2024x", item.GetProperty("id").GetString());
            var names = CitationName.Of(view).Count + (view.Paper.AuthorsTruncated ? 1 : 0);
            Assert.Equal(names, item.TryGetProperty("author", out var authors) ? authors.GetArrayLength() : 0);
            using var array = JsonDocument.Parse(CslJson.Array([(view, "a", null), (view, "b", "https://example.org/")]));
            Assert.Equal(2, array.RootElement.GetArrayLength());
        }, iter: 5_000);

    [Fact]
    public void The_files_bytes_are_the_entries_UTF8()
        => Papers.Sample(view =>
        {
            // What the build writes (encoded from the builder, or straight from the JSON writer) against the strings.
            var url = "https://example.org/papers/é/";
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(BibTeX.Entry(view, "k2024x", url)), BibTeX.EntryUtf8(view, "k2024x", url));
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Ris.Entry(view, null)), Ris.EntryUtf8(view, null));
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(CslJson.Array([(view, "k2024x", url)])), CslJson.FileBytes(view, "k2024x", url));
        }, iter: 2_000);

    [Fact]
    public void Keys_are_unique_well_formed_and_independent_of_order()
        => Papers.Array[1, 8].Sample(views =>
        {
            var renamed = views.Select((v, i) => v with { Paper = v.Paper with { Slug = "p" + i } }).ToArray();
            var keys = CitationKeys.Assign(renamed);
            Assert.Equal(renamed.Length, keys.Values.Distinct(StringComparer.Ordinal).Count());
            Assert.All(keys.Values, k => Assert.Matches(@"^[a-z]+\d{4}[a-z0-9]+[a-z]?$", k));
            var reversed = CitationKeys.Assign(renamed.Reverse());
            Assert.All(keys, kv => Assert.Equal(kv.Value, reversed[kv.Key]));
        }, iter: 2_000);

    // In serve the last assignment is kept while no paper's slug, date or natural key changed; whatever changed, the keys
    // must be the ones a fresh assignment gives. Each paper is kept (the very object), copied, given another's title
    // (keys collide), dated a year later or a day apart, or given another's authors.
    [Fact]
    public void Keys_kept_from_the_last_assignment_are_the_keys_a_fresh_one_gives()
        => Gen.Select(Papers.Array[2, 8], Gen.Int[0, 5].Array[8], Gen.Int[0, 7].Array[8], Gen.Bool.Array[8]).Sample(t =>
        {
            var (views, kinds, others, twins) = t;
            var memo = new CitationKeyMemo();
            // Some papers start as the first one's twins (its title, authors and date): their keys are suffixed by slug.
            var p0 = views[0].Paper;
            var first = views.Select((v, i) => v with { Paper = (twins[i] ? v.Paper with { Title = p0.Title, TitleMarkup = p0.TitleMarkup, Authors = p0.Authors, Date = p0.Date } : v.Paper) with { Slug = "p" + i } }).ToArray();
            Assert.Equal(CitationKeys.Assign(first), CitationKeys.Assign(first, memo));
            var second = first.Select((v, i) =>
            {
                var other = first[others[i] % first.Length].Paper;
                return kinds[i] switch
                {
                    0 => v,
                    1 => v with { Paper = v.Paper with { } },
                    2 => v with { Paper = v.Paper with { TitleMarkup = other.TitleMarkup, Title = other.Title } },
                    3 => v with { Paper = v.Paper with { Date = v.Paper.Date.AddYears(v.Paper.Date.Year < 9999 ? 1 : -1) } },
                    // A day earlier or later in the same year: the same natural key, another order among those who share it.
                    4 => v with { Paper = v.Paper with { Date = v.Paper.Date.AddDays(v.Paper.Date.DayOfYear > 1 ? -1 : 1) } },
                    _ => v with { Paper = v.Paper with { Authors = other.Authors } },
                };
            }).ToArray();
            Assert.Equal(CitationKeys.Assign(second), CitationKeys.Assign(second, memo));
            Assert.Equal(CitationKeys.Assign(first), CitationKeys.Assign(first, memo));
        }, iter: 2_000);
}
