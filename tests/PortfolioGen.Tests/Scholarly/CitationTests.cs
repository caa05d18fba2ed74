using System.Text.Json;
using PortfolioGen.Scholarly.Citations;
using PortfolioGen.Site;
using Xunit;
using static PortfolioGen.Tests.Scholarly.CitationSamples;

namespace PortfolioGen.Tests.Scholarly;

/// <summary>Citation keys, BibTeX, RIS and CSL-JSON for the reference profile and for a paper built to break them.</summary>
public sealed class CitationTests
{
    private const string HostileTitle =
        @"R&D at 100% for #1: {Robust} \{Sets\} of $x_1$ and $\mathcal{O}(n)$ in BERT \& DialoGPS_v2 } {open ^";

    private static PaperView Hostile(bool venue = true) => Make(
        HostileTitle,
        ["Zoë Müller", "李安", "Ludwig van Beethoven", "Martin Luther King, Jr.", "Prince"],
        truncated: true,
        abstractSource: "We gain 5\\% with $a_b$ & more.\n\nA second paragraph with 7% and #3.",
        additions: PaperAdditions.None with
        {
            Venue = venue ? "ACL & EMNLP 2024" : null,
            ArxivId = "2403.01234",
            Doi = "10.18653/v1/2024.acl-long.1",
            Tags = ["LLMs", "in-context learning"],
        },
        date: new DateOnly(2024, 3, 4),
        slug: "hostile");

    // ---- Google Scholar's tags ----

    [Fact]
    public void A_scholar_author_tag_never_reads_a_suffix_as_the_given_name()
    {
        // Google Scholar reads a comma in citation_author as "Last, First": "Martin Luther King, Jr." would be the family
        // name "Martin Luther King" with the given name "Jr.". A name with a suffix is written inverted in full; the
        // others as the profile writes them.
        var authors = PortfolioGen.Scholarly.PageMetadata.Highwire(Hostile(), new SiteUrls(new Uri("https://example.org/")))
            .Where(t => t.Key == "citation_author").Select(t => t.Value).ToArray();
        Assert.Equal(["Zoë Müller", "李安", "Ludwig van Beethoven", "King, Martin Luther, Jr.", "Prince"], authors);
    }

    [Fact]
    public void Without_a_base_url_a_paper_page_has_no_relative_scholar_url()
    {
        // citation_abstract_html_url is an absolute URL or nothing (a root-relative one means nothing to an indexer).
        var tags = PortfolioGen.Scholarly.PageMetadata.Highwire(Hostile(), new SiteUrls(null));
        Assert.DoesNotContain(tags, t => t.Key == "citation_abstract_html_url");
        var absolute = PortfolioGen.Scholarly.PageMetadata.Highwire(Hostile(), new SiteUrls(new Uri("https://example.org/")));
        Assert.Equal("https://example.org/papers/hostile/", Assert.Single(absolute, t => t.Key == "citation_abstract_html_url").Value);
    }

    // ---- Keys ----

    [Fact]
    public void Reference_keys_are_unique_and_well_formed()
    {
        var keys = CitationKeys.Assign(ReferenceViews);
        Assert.Equal(21, keys.Count);
        Assert.Equal(ReferenceViews.Select(v => v.Slug), keys.Keys);
        Assert.Equal(21, keys.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys.Values, k => Assert.Matches(@"^[a-z]+\d{4}[a-z0-9]+[a-z]?$", k));
        Assert.Equal("lv2022recreation", keys[ReferenceViews[0].Slug]);
        var masked = ReferenceViews.Single(v => v.Paper.Title.StartsWith("Masked Thought", StringComparison.Ordinal));
        Assert.Equal("chen2024masked", keys[masked.Slug]);
        // Stop words are skipped: "An Analysis and Mitigation of the Reversal Curse".
        var analysis = ReferenceViews.Single(v => v.Paper.Title.StartsWith("An Analysis", StringComparison.Ordinal));
        Assert.Equal("lv2023analysis", keys[analysis.Slug]);
    }

    [Fact]
    public void Keys_are_transliterated_and_skip_particles_suffixes_and_stop_words()
    {
        string Key(string title, string author) => CitationKeys.Assign([Make(title, [author], date: new DateOnly(2021, 1, 1))]).Single().Value;
        Assert.Equal("muller2021uber", Key("Über Alles", "Zoë Müller"));
        Assert.Equal("lian2021towards", Key("Towards", "李安"));             // only stop words: the first word
        Assert.Equal("vanbeethoven2021symphony", Key("On the Symphony", "Ludwig van Beethoven"));
        Assert.Equal("king2021dream", Key("The Dream", "Martin Luther King, Jr."));
        Assert.Equal("anon2021untitled", Key("$$", "!!!"));
        Assert.Equal("smith2021gpt4", Key("GPT-4 Is Here", "Jo Smith"));
    }

    [Fact]
    public void Colliding_keys_get_letters_in_date_then_slug_order_and_others_keep_theirs()
    {
        var early = Make("Mixture of Things", ["Ang Lv"], date: new DateOnly(2024, 1, 5), slug: "z-early");
        var lateA = Make("Mixture Again", ["Ang Lv"], date: new DateOnly(2024, 6, 1), slug: "a-late");
        var lateB = Make("Mixtures? No: Mixture", ["Ang Lv"], date: new DateOnly(2024, 6, 1), slug: "b-late");
        var other = Make("Unrelated Work", ["Ang Lv"], date: new DateOnly(2024, 2, 1), slug: "other");
        var keys = CitationKeys.Assign([lateB, other, early, lateA]);
        Assert.Equal("lv2024mixturea", keys["z-early"]);
        Assert.Equal("lv2024mixtureb", keys["a-late"]);
        Assert.Equal("lv2024mixtures", keys["b-late"]); // "Mixtures" is another word: no collision
        Assert.Equal("lv2024unrelated", keys["other"]);

        var lateC = Make("Mixture Three", ["Ang Lv"], date: new DateOnly(2024, 6, 1), slug: "c-late");
        var again = CitationKeys.Assign([lateB, other, early, lateA, lateC]);
        Assert.Equal("lv2024mixturec", again["c-late"]);
        Assert.Equal(keys["z-early"], again["z-early"]);
        Assert.Equal(keys["other"], again["other"]);
        // Adding or removing unrelated papers changes nothing.
        var fewer = CitationKeys.Assign([early, lateA]);
        Assert.Equal(keys["z-early"], fewer["z-early"]);
        Assert.Equal(keys["a-late"], fewer["a-late"]);
    }

    [Fact]
    public void A_suffixed_key_never_takes_another_papers_natural_key()
    {
        var one = Make("Mix", ["Ang Lv"], date: new DateOnly(2024, 1, 1), slug: "one");
        var two = Make("Mix", ["Ang Lv"], date: new DateOnly(2024, 2, 1), slug: "two");
        var mixa = Make("Mixa", ["Ang Lv"], date: new DateOnly(2024, 3, 1), slug: "three");
        var keys = CitationKeys.Assign([one, two, mixa]);
        Assert.Equal("lv2024mixa", keys["three"]);
        Assert.Equal("lv2024mixb", keys["one"]);
        Assert.Equal("lv2024mixc", keys["two"]);
        Assert.Equal(3, keys.Values.Distinct().Count());
    }

    [Fact]
    public void Duplicate_slugs_are_refused()
    {
        var a = Make("A Paper", ["Ang Lv"], slug: "same");
        Assert.Throws<ArgumentException>(() => CitationKeys.Assign([a, a]));
    }

    // ---- BibTeX ----

    [Fact]
    public void Every_reference_paper_gives_a_well_formed_bibtex_entry()
    {
        var keys = CitationKeys.Assign(ReferenceViews);
        foreach (var view in ReferenceViews)
        {
            var entry = BibTeX.Entry(view, keys[view.Slug], "https://example.org/papers/" + view.Slug + "/");
            var fields = CheckBibTeX(entry);
            Assert.StartsWith("@misc{" + keys[view.Slug] + ",\n", entry);
            Assert.Empty(UnescapedSpecials(entry));
            Assert.Equal(view.Paper.Date.Year.ToString(), fields["year"][..4]);
            Assert.Equal("https://example.org/papers/" + view.Slug + "/", fields["url"]);
        }
    }

    [Fact]
    public void The_first_reference_paper_as_bibtex()
    {
        var view = ReferenceViews[0];
        var entry = BibTeX.Entry(view, "lv2022recreation", null);
        var fields = CheckBibTeX(entry);
        Assert.StartsWith("@misc{lv2022recreation,\n  author    = {Lv, Ang and Tan, Xu and Qin, Tao and others},\n"
            + "  title     = {Re-creation of Creations: A New Paradigm for Lyric-to-Melody Generation},\n"
            + "  year      = {2022},\n  month     = aug,\n  abstract  = {Lyric-to-melody generation is", entry);
        Assert.DoesNotContain("url", fields.Keys); // no site URL and no arXiv id: nothing to point at
        var dialogps = BibTeX.Entry(ReferenceViews[1], "lv2023dialogps", null);
        Assert.Contains("  title     = {{DialoGPS}: Dialogue Path Sampling", dialogps);
    }

    [Fact]
    public void Hostile_paper_bibtex_is_escaped_balanced_and_complete()
    {
        var entry = BibTeX.Entry(Hostile(), "muller2024rd", "https://example.org/papers/hostile/");
        var fields = CheckBibTeX(entry);
        Assert.StartsWith("@inproceedings{muller2024rd,\n", entry);
        Assert.Equal(
            ["author", "title", "booktitle", "year", "month", "eprint", "archivePrefix", "primaryClass", "doi", "url", "abstract", "keywords"],
            fields.Keys);
        Assert.Empty(UnescapedSpecials(entry));

        Assert.Equal(@"M{\""u}ller, Zo{\""e} and {李安} and van Beethoven, Ludwig and King, Jr., Martin Luther and {Prince} and others", fields["author"]);
        Assert.Equal(6, BibTeXNames(fields["author"]).Count);

        var title = fields["title"];
        Assert.Empty(UnescapedSpecials(title, "&%#_^"));
        Assert.Equal(@"R\&D at 100\% for \#1: {Robust} \{Sets\} of $x_1$ and {$\mathcal{O}(n)$} in {BERT} \& {DialoGPS}\_v2 \textbraceright{} \textbraceleft{}open \textasciicircum{}", title);
        Assert.Contains("$x_1$", title);          // math kept as written
        Assert.Contains("{BERT}", title);         // acronym protected
        Assert.Contains("{DialoGPS}", title);     // CamelCase protected
        Assert.DoesNotContain("{R}", title);      // a capital first letter alone is not

        Assert.Equal(@"ACL \& EMNLP 2024", fields["booktitle"]);
        Assert.Equal("2024", fields["year"]);
        Assert.Equal("mar", fields["month"]);
        Assert.Equal("2403.01234", fields["eprint"]);
        Assert.Equal("arXiv", fields["archivePrefix"]);
        Assert.Equal("cs.CL", fields["primaryClass"]);
        Assert.Equal("10.18653/v1/2024.acl-long.1", fields["doi"]);
        Assert.Equal("https://example.org/papers/hostile/", fields["url"]);
        Assert.Equal(@"We gain 5\% with $a_b$ \& more. A second paragraph with 7\% and \#3.", fields["abstract"]);
        Assert.Equal("LLMs, in-context learning", fields["keywords"]);

        // Aligned: every name up to "booktitle" puts its "=" in the same column.
        Assert.All(entry.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.IndexOf('=') < 13),
            l => Assert.Equal(12, l.IndexOf('=')));
    }

    [Fact]
    public void A_preprint_is_misc_and_falls_back_to_the_arxiv_url()
    {
        var entry = BibTeX.Entry(Hostile(venue: false), "muller2024rd", null);
        var fields = CheckBibTeX(entry);
        Assert.StartsWith("@misc{", entry);
        Assert.DoesNotContain("booktitle", fields.Keys);
        Assert.Equal("https://arxiv.org/abs/2403.01234", fields["url"]);
    }

    [Theory]
    [InlineData(@"Already \& escaped \_ \% \#", @"Already \& escaped \_ \% \#")]
    [InlineData(@"Tilde~tie and caret ^ and backslash \ end \", @"Tilde~tie and caret \textasciicircum{} and backslash \ end \textbackslash{}")]
    [InlineData(@"\emph{Nested {Group}} with \textbf{LLMs}", @"\emph{Nested {Group}} with \textbf{LLMs}")]
    [InlineData(@"Unknown \foo{x} command", @"Unknown \textbackslash{}foo{x} command")]
    [InlineData(@"\LaTeX\ and \ldots and \ie and Schr\""odinger \c{c}", @"{\LaTeX{}}\ and \ldots{} and i.e. and Schr\""odinger \c{c}")]
    [InlineData(@"Lone \{ escaped", @"Lone \textbraceleft{} escaped")]
    [InlineData(@"$\{ x$ and $a}$ and $50%$", @"$\lbrace{} x$ and $a\rbrace{}$ and $50\%$")]
    [InlineData(@"Code at \url{https://github.com/a/b_c#readme}", @"Code at {\url{https://github.com/a/b_c\#readme}}")]
    [InlineData(@"Cost \$5 and $unclosed", @"Cost \$5 and \$unclosed")]
    [InlineData(@"See\footnote{https://x.org} here BERT", @"See (https://x.org) here {BERT}")]
    [InlineData(@"\href{https://x.org/~a$b}{The LLMs} \href{https://y.org}", @"{\href{https://x.org/\%7Ea\%24b}{The LLMs}} {\url{https://y.org}}")]
    [InlineData("Two\n\nparagraphs\u2028and\ttabs", "Two paragraphs and tabs")]
    [InlineData(@"\H{o} and \textit {x}", @"{\H{o}} and \textit{x}")]
    public void Bibtex_title_escaping(string source, string expected)
    {
        var entry = BibTeX.Entry(Make(source, ["Ang Lv"]), "k", null);
        var fields = CheckBibTeX(entry);
        Assert.Equal(expected, fields["title"]);
        Assert.Empty(UnescapedSpecials(entry));
        if (!source.Contains(@"\url", StringComparison.Ordinal)) Assert.Empty(UnescapedSpecials(fields["title"], "&%#_^"));
    }

    // An abstract is escaped as a title is, without the braces that protect a title's case; its plain text is written
    // a run at a time, so these are the places where a run meets a word, a space or a command.
    [Theory]
    [InlineData(@"BERT and LLMs stay as written, 5% of #3 & more", @"BERT and LLMs stay as written, 5\% of \#3 \& more")]
    [InlineData(@"Unknown \foo-bar and \baz123 end", @"Unknown \textbackslash{}foo-bar and \textbackslash{}baz123 end")]
    [InlineData(@"A \textbf{bold}word and \emph {x}y", @"A \textbf{bold}word and \emph{x}y")]
    [InlineData(@"Math $x^2$then text and  two   spaces", @"Math $x^2$then text and two spaces")]
    [InlineData(@"Note\footnote{see x}after", @"Note (see x)after")]
    [InlineData(@"\LaTeX{}ish and Schr\""odinger's", @"\LaTeX{}{}ish and Schr\""odinger's")]
    public void Bibtex_abstract_escaping(string source, string expected)
    {
        var entry = BibTeX.Entry(Make("T", ["Ang Lv"], abstractSource: source), "k", null);
        var fields = CheckBibTeX(entry);
        Assert.Equal(expected, fields["abstract"]);
        Assert.Empty(UnescapedSpecials(entry));
    }

    [Fact]
    public void A_bibtex_name_writes_latin_letters_with_accents_as_special_characters()
    {
        // BibTeX counts bytes, not characters: abbreviating "Øystein" (abbrv, IEEEtran, natbib styles) kept the first byte
        // of 'Ø', and alpha's label of "Stöhr" the first byte of 'ö' — invalid UTF-8 in the .bbl, which LaTeX stops on
        // ("Invalid UTF-8 byte sequence"). A special character, {\O} or {\"o}, is one letter to BibTeX, and biber reads it
        // back as Unicode. Scripts LaTeX has no such commands for stay as written.
        var view = Make("T", ["Øystein Ørsted", "Élodie-Åsa Stöhr", "Đorđe Đorđević", "Nguyễn An", "İsmail Çağlar", "Олег Петров", "李安"]);
        var fields = CheckBibTeX(BibTeX.Entry(view, "k", null));
        Assert.Equal(
            @"{\O}rsted, {\O}ystein and St{\""o}hr, {\'E}lodie-{\r{A}}sa and {\DJ}or{\dj}evi{\'c}, {\DJ}or{\dj}e"
            + @" and An, Nguyễn and {\c{C}}a{\u{g}}lar, {\.I}smail and Петров, Олег and {李安}",
            fields["author"]);
        Assert.Equal(7, BibTeXNames(fields["author"]).Count);
    }

    [Fact]
    public void A_bibtex_name_keeps_a_letter_with_two_accents_as_written()
    {
        // biber (2.18) reads {\~{\^e}} back as {\~ê}, not ễ: the .bbl then puts \~ on half of ê's UTF-8 bytes, which
        // pdfLaTeX stops on ("Invalid UTF-8 byte"), and biber --tool writes "Nguy{\ ê}n". Written as it is, biber and
        // LaTeX with a font that has it (T5, or XeLaTeX and LuaLaTeX) read it as before. One accent is still a special
        // character: Phạm is Ph{\d{a}}m, Văn V{\u{a}}n.
        var fields = CheckBibTeX(BibTeX.Entry(Make("T", ["Nguyễn Văn Phạm", "Đặng Thị Ầu"]), "k", null));
        Assert.Equal(@"Ph{\d{a}}m, Nguyễn V{\u{a}}n and Ầu, {\DJ}ặng Th{\d{i}}", fields["author"]);
    }

    [Fact]
    public void Bibtex_keys_with_structural_characters_are_refused()
    {
        var view = Make("T", ["Ang Lv"]);
        Assert.Throws<ArgumentException>(() => BibTeX.Entry(view, "bad key", null));
        Assert.Throws<ArgumentException>(() => BibTeX.Entry(view, "bad,key", null));
        Assert.Throws<ArgumentException>(() => BibTeX.Entry(view, "", null));
    }

    [Fact]
    public void A_collaboration_is_one_author_in_every_citation_format_not_a_family_name()
    {
        // "ATLAS Collaboration" was cited as the family name "Collaboration" with the given name "ATLAS"
        // ("Collaboration, A." in a bibliography), in BibTeX, RIS and CSL-JSON alike.
        var view = Make("Observation of a new boson", ["ATLAS Collaboration", "Francesca Moretti", "The LIGO Scientific Collaboration", "UK Biobank Consortium"], slug: "boson");
        var fields = CheckBibTeX(BibTeX.Entry(view, "k", null));
        Assert.Equal("{ATLAS Collaboration} and Moretti, Francesca and {The LIGO Scientific Collaboration} and {UK Biobank Consortium}", fields["author"]);
        Assert.Equal(
            ["ATLAS Collaboration", "Moretti, Francesca", "The LIGO Scientific Collaboration", "UK Biobank Consortium"],
            CheckRis(Ris.Entry(view, null)).Where(l => l.Tag == "AU").Select(l => l.Value));
        using var doc = JsonDocument.Parse(CslJson.Item(view, "k", null));
        Assert.Equal(
            ["""{"literal":"ATLASCollaboration"}""", """{"family":"Moretti","given":"Francesca"}""", """{"literal":"TheLIGOScientificCollaboration"}""", """{"literal":"UKBiobankConsortium"}"""],
            doc.RootElement.GetProperty("author").EnumerateArray().Select(a => a.GetRawText().Replace("\n", "").Replace(" ", "")));
        Assert.Equal("atlascollaboration2024observation", CitationKeys.Assign([view])["boson"]);
    }

    [Fact]
    public void A_family_name_with_its_particle_and_no_given_name_is_not_split()
    {
        // "van Rossum" alone was cited with the given name "van" and the family name "Rossum" ("Rossum, van").
        var view = Make("Python", ["Ada Researcher", "van Rossum", "de la Cruz"], slug: "python");
        Assert.Equal("Researcher, Ada and {van Rossum} and {de la Cruz}", CheckBibTeX(BibTeX.Entry(view, "k", null))["author"]);
        Assert.Equal(["Researcher, Ada", "van Rossum", "de la Cruz"], CheckRis(Ris.Entry(view, null)).Where(l => l.Tag == "AU").Select(l => l.Value));
    }

    // ---- RIS ----

    [Fact]
    public void Hostile_paper_ris_has_one_tagged_line_per_value()
    {
        var record = Ris.Entry(Hostile(), "https://example.org/papers/hostile/");
        var lines = CheckRis(record);
        Assert.Equal(
        [
            ("TY", "CONF"),
            ("TI", @"R&D at 100% for #1: Robust {Sets} of x₁ and 𝒪(n) in BERT & DialoGPS_v2 } {open ^"),
            ("T2", "ACL & EMNLP 2024"),
            ("AU", "Müller, Zoë"),
            ("AU", "李安"),
            ("AU", "van Beethoven, Ludwig"),
            ("AU", "King, Martin Luther, Jr."),
            ("AU", "Prince"),
            ("PY", "2024"),
            ("DA", "2024/03/04/"),
            ("AB", "We gain 5% with a_b & more. A second paragraph with 7% and #3."),
            ("UR", "https://example.org/papers/hostile/"),
            ("DO", "10.18653/v1/2024.acl-long.1"),
            ("KW", "LLMs"),
            ("KW", "in-context learning"),
            ("N1", "arXiv:2403.01234"),
            ("ER", ""),
        ], lines);
    }

    [Fact]
    public void Reference_papers_as_ris_are_preprints()
    {
        foreach (var view in ReferenceViews)
        {
            var lines = CheckRis(Ris.Entry(view, null));
            Assert.Equal(("TY", "UNPB"), lines[0]);
            Assert.Equal(view.Paper.Authors.Length, lines.Count(l => l.Tag == "AU"));
            Assert.DoesNotContain(lines, l => l.Tag is "T2" or "UR");
        }
    }

    // ---- CSL-JSON ----

    [Fact]
    public void Hostile_paper_csl_json_parses_and_has_the_fields()
    {
        var json = CslJson.Item(Hostile(), "muller2024rd", "https://example.org/papers/hostile/");
        Assert.Contains("\"Müller\"", json);   // non-ASCII unescaped
        Assert.Contains("\"李安\"", json);
        Assert.DoesNotContain("\r", json);
        using var doc = JsonDocument.Parse(json);
        var item = doc.RootElement;
        Assert.Equal(
            ["id", "type", "title", "author", "issued", "container-title", "abstract", "URL", "DOI", "keyword"],
            item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("muller2024rd", item.GetProperty("id").GetString());
        Assert.Equal("paper-conference", item.GetProperty("type").GetString());
        Assert.Equal(@"R&D at 100% for #1: Robust {Sets} of x₁ and 𝒪(n) in BERT & DialoGPS_v2 } {open ^", item.GetProperty("title").GetString());
        Assert.Equal("ACL & EMNLP 2024", item.GetProperty("container-title").GetString());
        var authors = item.GetProperty("author").EnumerateArray().Select(a => a.GetRawText().Replace("\n", "").Replace(" ", "")).ToList();
        Assert.Equal(
        [
            """{"family":"Müller","given":"Zoë"}""",
            """{"literal":"李安"}""",
            """{"family":"vanBeethoven","given":"Ludwig"}""",
            """{"family":"King","given":"MartinLuther","suffix":"Jr."}""",
            """{"literal":"Prince"}""",
            """{"literal":"others"}""",
        ], authors);
        Assert.Equal("[[2024,3,4]]", item.GetProperty("issued").GetProperty("date-parts").GetRawText().Replace(" ", ""));
        Assert.Equal("We gain 5% with a_b & more.\n\nA second paragraph with 7% and #3.", item.GetProperty("abstract").GetString());
        Assert.Equal("https://example.org/papers/hostile/", item.GetProperty("URL").GetString());
        Assert.Equal("10.18653/v1/2024.acl-long.1", item.GetProperty("DOI").GetString());
        Assert.Equal("LLMs, in-context learning", item.GetProperty("keyword").GetString());
    }

    [Fact]
    public void A_preprint_in_csl_json_is_an_arxiv_article()
    {
        using var doc = JsonDocument.Parse(CslJson.Item(Hostile(venue: false), "k", null));
        var item = doc.RootElement;
        Assert.Equal("article", item.GetProperty("type").GetString());
        Assert.Equal("arXiv", item.GetProperty("publisher").GetString());
        Assert.Equal("arXiv:2403.01234", item.GetProperty("number").GetString());
        Assert.Equal("https://arxiv.org/abs/2403.01234", item.GetProperty("URL").GetString());
        Assert.False(item.TryGetProperty("container-title", out _));
    }

    [Fact]
    public void The_whole_site_as_a_csl_json_array()
    {
        var keys = CitationKeys.Assign(ReferenceViews);
        var json = CslJson.Array(ReferenceViews.Select(v => (v, keys[v.Slug], (string?)null)));
        Assert.EndsWith("]\n", json);
        using var doc = JsonDocument.Parse(json);
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(21, items.Count);
        Assert.Equal(keys.Values, items.Select(i => i.GetProperty("id").GetString()));
        Assert.All(items, i => Assert.Equal("arXiv", i.GetProperty("publisher").GetString()));
        // Indented with two spaces and \n, like the item on its own.
        Assert.StartsWith("[\n  {\n    \"id\": \"lv2022recreation\",\n", json);
    }

    [Fact]
    public void Outputs_are_deterministic()
    {
        var a = Hostile();
        var b = Hostile();
        Assert.Equal(BibTeX.Entry(a, "k", null), BibTeX.Entry(b, "k", null));
        Assert.Equal(Ris.Entry(a, null), Ris.Entry(b, null));
        Assert.Equal(CslJson.Item(a, "k", null), CslJson.Item(b, "k", null));
    }
}

public class CslJsonWrapTests
{
    /// <summary>
    /// Items made by CslJson.Item joined into an array by hand (each indented by two spaces): what a bibliography of
    /// those items must be, byte for byte, whichever way the build joins its papers' files.
    /// </summary>
    internal static string WrapArray(IEnumerable<string> items)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var item in items)
        {
            sb.Append(sb.Length == 0 ? "[\n" : ",\n").Append("  ").Append(item.Replace("\n", "\n  ", StringComparison.Ordinal));
        }
        return sb.Length == 0 ? "[]\n" : sb.Append("\n]\n").ToString();
    }

    [Fact]
    public void Items_joined_with_WrapArray_equal_the_array_written_at_once()
    {
        var profile = PortfolioGen.Profiles.ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!;
        var views = profile.Papers.Select(p => PortfolioGen.Site.PaperView.Create(p, PortfolioGen.Site.PaperAdditions.None, profile,
            new PortfolioGen.Site.SiteSettings(), profile.CoAuthors.ToDictionary(c => c.Key))).ToList();
        var keys = PortfolioGen.Scholarly.Citations.CitationKeys.Assign(views);
        var items = views.Select(v => (v, keys[v.Slug], (string?)("https://x.org/" + v.Slug))).ToList();
        Assert.Equal(PortfolioGen.Scholarly.Citations.CslJson.Array(items),
            WrapArray(items.Select(i => PortfolioGen.Scholarly.Citations.CslJson.Item(i.v, i.Item2, i.Item3))));
        Assert.Equal(PortfolioGen.Scholarly.Citations.CslJson.Array([]), WrapArray([]));
    }

    [Fact]
    public void A_papers_file_is_the_array_of_its_one_item_in_UTF8()
    {
        var profile = PortfolioGen.Profiles.ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!;
        var views = profile.Papers.Select(p => PortfolioGen.Site.PaperView.Create(p, PortfolioGen.Site.PaperAdditions.None, profile,
            new PortfolioGen.Site.SiteSettings(), profile.CoAuthors.ToDictionary(c => c.Key))).ToList();
        foreach (var (v, url) in views.SelectMany(v => new[] { (v, (string?)null), (v, (string?)("https://x.org/é/" + v.Slug)) }))
        {
            var file = PortfolioGen.Scholarly.Citations.CslJson.FileBytes(v, "k" + v.Slug.Length, url);
            Assert.Equal(PortfolioGen.Scholarly.Citations.CslJson.Array([(v, "k" + v.Slug.Length, url)]), System.Text.Encoding.UTF8.GetString(file));
        }
    }
}
