using CsCheck;
using PortfolioGen.Profiles;
using PortfolioGen.Site;
using Xunit;

namespace PortfolioGen.Tests.Site;

public class PaperIndexTests
{
    private static readonly Profile Reference = ProfileParser.ParseFile(TestPaths.ReferenceProfile).Profile!;
    private static readonly Dictionary<string, CoAuthor> CoAuthors = Reference.CoAuthors.ToDictionary(c => c.Key);

    private static PaperView View(Paper paper) => PaperView.Create(paper, PaperAdditions.None, Reference, new SiteSettings(), CoAuthors);

    // A change to one paper: 0 renamed (a title edit), 1 another date, 2 removed, 3 added (a copy under a new slug),
    // 4 renamed to a slug another paper gives up in the same change (5 of the next paper gives it up).
    private sealed record Change(int Kind, int Paper, int Days);

    // In serve, an index is put in the last build's order instead of sorted again: whatever changed, its order is the
    // order a fresh sort gives (newest first, then by slug), with papers of one day among them.
    [Fact]
    public void An_index_in_the_last_order_is_the_order_a_sort_gives()
    {
        var change = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1000], Gen.Int[-2, 2], (k, p, d) => new Change(k, p, d));
        Gen.Select(Gen.Int[0, 3], change.Array[0, 6]).Sample(t =>
        {
            var (sameDay, changes) = t;
            // Some papers on the same day, so the slug decides between them.
            var papers = Reference.Papers.Select((p, i) => i % 4 < sameDay ? p with { Date = Reference.Papers[0].Date } : p).ToList();
            var last = new PaperIndex([.. papers.Select(View)], Reference);
            var n = 0;
            foreach (var c in changes)
            {
                var i = c.Paper % papers.Count;
                var p = papers[i];
                switch (c.Kind)
                {
                    case 0: papers[i] = p with { Slug = p.Slug + "-x" + n++ }; break;
                    case 1: papers[i] = p with { Date = p.Date.AddDays(c.Days) }; break;
                    case 2: if (papers.Count > 1) papers.RemoveAt(i); break;
                    case 3: papers.Insert(i, p with { Slug = "a" + n++ + "-" + p.Slug }); break;
                    default:
                        var j = (i + 1) % papers.Count;
                        if (j == i) break;
                        papers[i] = p with { Slug = papers[j].Slug };
                        papers[j] = papers[j] with { Slug = papers[j].Slug + "-y" + n++ };
                        break;
                }
            }
            var views = papers.Select(View).ToList();
            var kept = new PaperIndex(views, Reference, last);
            var fresh = new PaperIndex(views, Reference);
            return kept.NewestFirst.SequenceEqual(fresh.NewestFirst)
                && kept.ByCategory.Count == fresh.ByCategory.Count
                && kept.ByCategory.All(c => c.Value.SequenceEqual(fresh.ByCategory[c.Key]));
        }, iter: 500);
    }
}
