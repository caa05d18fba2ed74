using System.Collections.Immutable;
using CsCheck;
using PortfolioGen.Profiles;
using PortfolioGen.Text;
using Xunit;

namespace PortfolioGen.Tests.Profiles;

/// <summary>Properties of the format: written models read back the same; no text makes the parser throw.</summary>
public class ProfilePropertyTests
{
    // Letters from several scripts, and the punctuation titles and abstracts carry.
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüøñçÅÆßłŁ李王张刘陈安ПетрАнаΑλέξηςمحمدअनु";
    private const string Punctuation = "-:?!()'\"/+&<>{}$\\_%~^*#[]|";

    private static readonly Gen<string> Word = Gen.Char[Letters].Array[1, 9].Select(cs => new string(cs));
    private static readonly Gen<string> NameWord = Word.Where(w => !PersonNames.IsSuffix(w) && w is not ("and" or "et" or "al" or "al."));
    private static readonly Gen<string> PersonName = NameWord.Array[1, 3].Select(ws => string.Join(' ', ws));
    private static readonly Gen<string> TextWord = Gen.Frequency(
        (6, Word),
        (1, Gen.Char[Punctuation].Array[1, 3].Select(cs => new string(cs))),
        (1, Gen.Int[0, 99999].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    private static readonly Gen<string> Title = TextWord.Array[1, 12].Select(ws => string.Join(' ', ws));
    private static readonly Gen<string> Paragraph = TextWord.Array[1, 40].Select(ws => string.Join(' ', ws));
    private static readonly Gen<string?> Abstract = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (6, Paragraph.Array[1, 3].Select(ps => (string?)string.Join("\n\n", ps))));
    private static readonly Gen<Category> Cat = Gen.OneOf(ArxivCategories.All.ToArray());
    private static readonly Gen<DateOnly> Date = Gen.Select(Gen.Int[1990, 2030], Gen.Int[1, 12], Gen.Int[1, 31],
        (y, m, d) => new DateOnly(y, m, Math.Min(d, DateTime.DaysInMonth(y, m))));
    private static readonly Gen<int?> Figure = Gen.Frequency((1, Gen.Const((int?)null)), (3, Gen.Int[0, 100000].Select(i => (int?)i)));

    private sealed record PaperDraft(string Title, Category Category, DateOnly Date, bool HasCode, string[] Authors, bool Truncated, string? Org, string? Abstract);

    private static Gen<PaperDraft> PaperGen(string owner) =>
        from title in Title
        from cat in Cat
        from date in Date
        from code in Gen.Bool
        from others in PersonName.Array[0, 5]
        from ownerAt in Gen.Int[-1, 5]
        from truncated in Gen.Bool
        from org in Gen.Frequency((2, Gen.Const((string?)null)), (1, Word.Select(w => (string?)w.ToLowerInvariant() + "-lab")))
        from abs in Abstract
        let listed = Distinct(ownerAt >= 0 ? others.Take(ownerAt).Append(owner).Concat(others.Skip(ownerAt)) : others)
        where listed.Length > 0
        select new PaperDraft(title, cat, date, code, listed, truncated, org, abs);

    private static string[] Distinct(IEnumerable<string> names)
    {
        var seen = new HashSet<string>();
        return names.Where(n => PersonNames.Key(n).Length > 0 && seen.Add(PersonNames.Key(n))).ToArray();
    }

    private static readonly Gen<(string Owner, Category? Primary, Figures Figures, int? Declared, PaperDraft[] Papers)> ProfileGen =
        // An owner "named" with a category code alone ("CL", "PR") reads as the name line left out (PG0001).
        from owner in PersonName.Where(n => !ArxivCategories.TryResolve(n, out _))
        from primary in Gen.Frequency((1, Gen.Const((Category?)null)), (3, Cat.Select(c => (Category?)c)))
        from figures in Gen.Select(Figure, Figure, Figure, Figure, Figure, (a, b, c, d, e) => new Figures(a, b, c, d, e))
        from papers in PaperGen(owner).Array[0, 8]
        from declare in Gen.Bool
        select (owner, primary, figures, declare ? (int?)papers.Length : null, papers);

    private static Profile ToProfile((string Owner, Category? Primary, Figures Figures, int? Declared, PaperDraft[] Papers) m) =>
        new(m.Owner, m.Primary, m.Figures, m.Declared,
            [.. m.Papers.Select(p => new Paper("", p.Title, p.Category, p.Date, p.HasCode, [.. p.Authors], p.Truncated, p.Org,
                p.Abstract is null ? null : new RichText(p.Abstract, "", ""), 0) { TitleMarkup = new RichText(p.Title, "", "") })],
            []);

    [Fact]
    public void Written_profiles_read_back_to_the_same_model()
    {
        ProfileGen.Sample(m =>
        {
            var text = ProfileWriter.Write(ToProfile(m));
            var result = ProfileParser.Parse(text, "generated.txt");
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics) + "\n" + text);
            var p = result.Profile!;
            Assert.Equal(m.Owner, p.Name);
            Assert.Equal(m.Primary, p.PrimaryCategory);
            Assert.Equal(m.Figures, p.Figures);
            Assert.Equal(m.Declared, p.DeclaredPaperCount);
            Assert.Equal(m.Papers.Length, p.Papers.Length);
            for (var i = 0; i < m.Papers.Length; i++)
            {
                var want = m.Papers[i];
                var got = p.Papers[i];
                Assert.Equal(want.Title, got.Title);
                Assert.Equal(want.Category, got.Category);
                Assert.Equal(want.Date, got.Date);
                Assert.Equal(want.HasCode, got.HasCode);
                Assert.Equal(want.Authors, got.Authors.ToArray());
                Assert.Equal(want.Truncated, got.AuthorsTruncated);
                Assert.Equal(want.Org, got.Organization);
                Assert.Equal(want.Abstract, got.Abstract?.Source);
            }
            // And what it reads writes back to the same text.
            Assert.Equal(text, ProfileWriter.Write(p));
        }, iter: 400);
    }

    [Fact]
    public void Slugs_and_co_authors_keep_their_invariants()
    {
        ProfileGen.Sample(m =>
        {
            var p = ProfileParser.Parse(ProfileWriter.Write(ToProfile(m)), "generated.txt").Profile!;
            var slugs = p.Papers.Select(x => x.Slug).ToList();
            Assert.Equal(slugs.Count, slugs.Distinct().Count());
            Assert.All(slugs, s => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", s));
            Assert.All(slugs, s => Assert.True(s.Length <= Slugs.MaxLength));
            var coSlugs = p.CoAuthors.Select(c => c.Slug).ToList();
            Assert.Equal(coSlugs.Count, coSlugs.Distinct().Count());
            Assert.DoesNotContain(p.CoAuthors, c => p.IsOwner(c.Name));
            var slots = p.Papers.Sum(x => x.Authors.Count(a => !p.IsOwner(a)));
            Assert.Equal(slots, p.CoAuthors.Sum(c => c.Papers.Length));
            foreach (var c in p.CoAuthors)
            {
                Assert.All(c.Papers, s => Assert.Contains(p.Papers.Single(x => x.Slug == s).Authors, a => PersonNames.Key(a) == c.Key));
                Assert.Equal(c.FirstYear, c.Papers.Min(s => p.Papers.Single(x => x.Slug == s).Date.Year));
            }
        }, iter: 300);
    }

    private static readonly Gen<string> Line = Gen.Frequency(
        (3, Gen.String),
        (2, Title),
        (1, Gen.OneOf("", " ", "\t", "CLJun 29, 2023", "CLFeb 30, 2023Code", "XXJan 1, 0000", "h-index99999999999", "21 Papers", "Novelty%", "·", " et al.", ",,,", "$", "{", "}", "\\", "\\textit{", "``", "CL", "\uFEFF")),
        (1, Gen.Select(Cat, Date, (c, d) => c.ShortCode + d.ToString("MMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Any_text_gives_diagnostics_never_an_exception()
    {
        Gen.Select(Line.Array[0, 40], Gen.OneOf("\n", "\r\n", "\r"), (l, e) => (Lines: l, Eol: e)).Sample(t =>
        {
            var (lines, eol) = t;
            var text = string.Join(eol, lines);
            var result = ProfileParser.Parse(text, "fuzz.txt");
            var lineCount = text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None).Length;
            Assert.All(result.Diagnostics, d =>
            {
                Assert.InRange(d.Line, 1, lineCount);
                Assert.True(d.Column >= 1, d.ToString());
                Assert.Equal("fuzz.txt", d.File);
                Assert.Matches("^PG[0-9]{4}$", d.Code);
            });
            Assert.Equal(result.Profile is null, result.Diagnostics.Any(d => d.Code == DiagnosticCodes.MissingOwnerName));
        }, iter: 2000);

        Gen.String.Sample(s => { _ = ProfileParser.Parse(s, "fuzz.txt"); }, iter: 2000);
    }
}
