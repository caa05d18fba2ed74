using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using PortfolioGen.Pipelines;
using PortfolioGen.Profiles;
using PortfolioGen.Themes;
using Scriban.Runtime;

namespace PortfolioGen.Site;

/// <summary>
/// Builds what templates see: explicit, read-only Scriban objects made of strings, numbers, booleans,
/// lists and <see cref="RawHtml"/> — never live domain objects. Objects used on many pages (the site, a
/// paper's summary) are built once per build and shared. The README's theme guide lists every variable.
/// </summary>
public sealed class TemplateModel(SiteContext site, SessionMemo? memo = null)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly ConcurrentDictionary<string, ScriptObject> _summaries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ScriptObject> _coAuthorSummaries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ScriptObject> _topicSummaries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private ScriptObject? _site;
    private PaperIndex? _index;
    private PaperView[]? _views;
    private System.Runtime.CompilerServices.StrongBox<UInt128>? _lists;
    private System.Runtime.CompilerServices.StrongBox<UInt128>? _coAuthorNames;

    /// <summary>
    /// Gives the model every paper's view, in the profile's order, as <see cref="MergePaperAdditions"/> made them: what
    /// <see cref="Index"/> indexes.
    /// </summary>
    public void UseViews(PaperView[] views) => Volatile.Write(ref _views, views);

    /// <summary>
    /// The papers of the build, indexed once for every page that lists them: every paper of the profile, made by
    /// <see cref="MergePaperAdditions"/>. Not the Papers pipeline's outputs, which lack every paper whose own page failed
    /// (a template error drops the page): the pages that list the papers would then look up papers the index lacks.
    /// </summary>
    public PaperIndex Index(IExecutionContext context)
    {
        if (_index is not null) return _index;
        lock (_gate)
        {
            if (_index is not null) return _index;
            var views = Volatile.Read(ref _views)
                ?? throw new InvalidOperationException("the papers are indexed before their views were made (a pipeline that lists papers must depend on Papers)");
            // In serve, ordered as the last build's index was, where the papers are the same.
            _index = new PaperIndex(views, site.Profile, memo?.Last<PaperIndex>(nameof(PaperIndex)));
            memo?.Keep(nameof(PaperIndex), _index);
            return _index;
        }
    }

    /// <summary>The <c>site</c> object (built once; the navigation comes from the content pages).</summary>
    public ScriptObject Site(IExecutionContext context)
    {
        if (_site is not null) return _site;
        lock (_gate)
        {
            if (_site is not null) return _site;
            var pages = context.Outputs.FromPipeline(nameof(SitePipelines.Content))
                .Select(d => d.Get<ContentPage>(Keys.Page))
                .OfType<ContentPage>()
                .Where(p => p.NavOrder is not null && !p.IsHomeIntro)
                .OrderBy(p => p.NavOrder).ThenBy(p => p.Path, StringComparer.Ordinal);
            var nav = new List<ScriptObject>
            {
                Obj(("title", "Publications"), ("url", site.Urls.Url("")), ("path", "")),
                Obj(("title", "Co-authors"), ("url", site.Urls.Url("coauthors/")), ("path", "coauthors/")),
                Obj(("title", "Topics"), ("url", site.Urls.Url("topics/")), ("path", "topics/")),
            };
            if (SitePipelines.Search.HasPage(site))
            {
                nav.Add(Obj(("title", "Search"), ("url", site.Urls.Url(SitePipelines.Search.PagePath)), ("path", SitePipelines.Search.PagePath)));
            }
            nav.AddRange(pages.Select(p => Obj(("title", p.NavTitle ?? p.Title), ("url", site.Urls.Url(p.OutputDirectory)), ("path", p.OutputDirectory))));

            var profile = site.Profile;
            var f = profile.Figures;
            _site = Obj(
                ("title", site.Title),
                ("description", site.Description),
                ("language", site.Settings.Language),
                ("base_url", site.Urls.BaseUrl?.ToString() ?? ""),
                ("base_path", site.Urls.BasePath),
                ("url", site.Urls.Url("")),
                ("generator", site.Generator),
                ("feed_url", site.Urls.BaseUrl is null ? null : site.Urls.Url("feed.xml")),
                ("favicon_url", site.Urls.Url(site.Theme.Assets.TryGetValue("favicon.svg", out var icon) ? icon.OutputPath : "favicon.svg")),
                ("publications", Obj(
                    ("bibtex", site.Urls.Url("publications.bib")),
                    ("ris", site.Urls.Url("publications.ris")),
                    ("csl_json", site.Urls.Url("publications.json")))),
                ("nav", Arr(nav)),
                ("paper_count", profile.Papers.Length),
                ("coauthor_count", profile.CoAuthors.Length),
                ("topic_count", profile.Papers.Select(p => p.Category.Code).Distinct(StringComparer.Ordinal).Count()),
                ("owner", Obj(
                    ("name", profile.Name),
                    ("affiliation", site.Settings.Owner.Affiliation),
                    ("tagline", site.Settings.Owner.Tagline),
                    ("primary_category", profile.PrimaryCategory is { } pc ? Category(pc) : null),
                    ("figures", Obj(
                        ("h_index", f.HIndex), ("papers", f.Papers), ("citations", f.Citations),
                        ("novelty_percent", f.NoveltyPercent), ("ai_score", f.AiScore),
                        ("any", f != Figures.None))),
                    ("links", Arr(site.Settings.Owner.Links.Select(l => Obj(("kind", l.Kind), ("label", l.Label), ("url", l.Url)))))
                )));
            return _site;
        }
    }

    /// <summary>
    /// The <c>page</c> object of a page at <paramref name="sitePath"/>: title, description, URLs, and the
    /// tags indexers read (Open Graph and Twitter on every page, with the page's social card where it has one, plus
    /// <paramref name="extraMeta"/>), and the page's JSON-LD when it has one.
    /// </summary>
    public ScriptObject Page(string kind, string title, string? description, string sitePath,
        IEnumerable<Scholarly.MetaTag>? extraMeta = null, string? jsonLd = null, DateOnly? published = null)
    {
        var image = SitePipelines.SocialCards.Image(site, kind, sitePath);
        description ??= site.Description;
        // The not-found page is served at every missing address: no URL of its own is the right one for them.
        var canonical = kind == "404" ? null : site.Urls.Absolute(sitePath);
        var meta = (extraMeta ?? []).Concat(Scholarly.PageMetadata.Social(kind == "paper" ? "article" : kind == "home" ? "profile" : "website",
            kind == "home" ? site.Title : title, description, canonical, site.Title, published, image));
        return Obj(
            ("kind", kind),
            ("title", title),
            ("description", description),
            ("path", sitePath),
            ("url", site.Urls.Url(sitePath)),
            ("canonical", canonical),
            ("is_home", sitePath.Length == 0),
            ("meta", Arr(meta.Select(m => Obj(("attribute", m.Attribute), ("key", m.Key), ("value", m.Value))))),
            ("json_ld", jsonLd is null ? null : new RawHtml(jsonLd)));
    }

    /// <summary>
    /// The fingerprint of a paper's list entry (<see cref="PaperSummary"/>), for the keys of the pages that list it (see
    /// <see cref="Pipelines.CacheDocuments"/>): a topic's key reads those of all its papers, a co-author's those of
    /// their papers. In serve it is kept with the view, as the summary is (it depends on nothing else but the URLs): at
    /// 10,000 papers a rebuild asks for 10,000 of them, and working them out again each time (with the co-author names
    /// the keys held then) was ~50-75 ms of its CPU time.
    /// </summary>
    public UInt128 SummaryFingerprint(PaperView view) => memo is null
        ? Themes.ModelFingerprint.Of(PaperSummary(view))
        : memo.For("paper-summary-fingerprint", view, site.Urls.Key, () => new System.Runtime.CompilerServices.StrongBox<UInt128>(Themes.ModelFingerprint.Of(PaperSummary(view)))).Value;

    /// <summary>
    /// The key of a co-author's page (see <see cref="Pipelines.CacheDocuments"/>): the co-author, the fingerprints of
    /// their papers as lists show them, and of the names shown with them (<see cref="PaperIndex.NamesShownWith"/>). In
    /// serve, the fingerprints are the very array of the last build while each of the co-author's papers has the very
    /// view it had then (see <see cref="PaperViewMemo"/>): at 10,000 papers a rebuild looked ~40,000 of them up again for
    /// 1,905 pages that an edit of one abstract does not change.
    /// </summary>
    public InputKey CoAuthorKey(CoAuthor co, IExecutionContext context)
    {
        var index = Index(context);
        var views = new PaperView[co.Papers.Length];
        for (var i = 0; i < views.Length; i++) views[i] = index.BySlug[co.Papers[i]];
        if (memo is null) return new InputKey(co, Array.ConvertAll(views, SummaryFingerprint), index.NamesShownWith(co));
        var kept = memo.For("coauthor-papers", co, site.Urls.Key, () => new KeptFingerprints());
        // The names shown with the co-author come from their papers' author lists (the very views: the same lists) and
        // every co-author's name: while neither changed they are the names of the last build.
        var everyName = CoAuthorNames();
        lock (kept)
        {
            if (!Same(kept.Views, views))
            {
                (kept.Views, kept.Fingerprints) = (views, Array.ConvertAll(views, SummaryFingerprint));
                kept.Names = null;
            }
            if (kept.Names is null || kept.EveryName != everyName) (kept.Names, kept.EveryName) = (index.NamesShownWith(co), everyName);
            return new InputKey(co, kept.Fingerprints, kept.Names);
        }

        static bool Same(PaperView[] a, PaperView[] b)
        {
            if (a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++)
            {
                if (!ReferenceEquals(a[i], b[i])) return false;
            }
            return true;
        }
    }

    /// <summary>
    /// The fingerprint of every paper as lists show it (<see cref="SummaryFingerprint"/>), newest first: with it, the
    /// keys of the pages that list every paper or count them by year and topic (the home page, the topics index) know
    /// in one comparison that none of that changed. At 10,000 papers an edit of one abstract made the home page's
    /// model of 10,000 entries again, only for its fingerprint to match the last one.
    /// </summary>
    public UInt128 ListsFingerprint(PaperIndex index)
    {
        if (Volatile.Read(ref _lists) is { } known) return known.Value;
        lock (_gate)
        {
            if (_lists is { } made) return made.Value;
            var views = index.NewestFirst;
            var parts = new UInt128[views.Length];
            for (var i = 0; i < parts.Length; i++) parts[i] = SummaryFingerprint(views[i]);
            var value = System.IO.Hashing.XxHash128.HashToUInt128(System.Runtime.InteropServices.MemoryMarshal.AsBytes(parts.AsSpan()));
            Volatile.Write(ref _lists, new System.Runtime.CompilerServices.StrongBox<UInt128>(value));
            return value;
        }
    }

    // A co-author's papers' views and their list entries' fingerprints, and the names shown with them (boxed once, as
    // the key holds them) for every co-author's name as CoAuthorNames gave it (see CoAuthorKey).
    private sealed class KeptFingerprints
    {
        public PaperView[] Views = [];
        public UInt128[] Fingerprints = [];
        public object? Names;
        public UInt128 EveryName;
    }

    /// <summary>The fingerprint of every co-author's slug and name, worked out once per build.</summary>
    private UInt128 CoAuthorNames()
    {
        if (Volatile.Read(ref _coAuthorNames) is { } known) return known.Value;
        var value = CoAuthorsFingerprint(site.Profile, figures: false);
        Volatile.Write(ref _coAuthorNames, new System.Runtime.CompilerServices.StrongBox<UInt128>(value));
        return value;
    }

    /// <summary>
    /// The fingerprint of the profile's co-authors, in order: each one's slug and name, and with <paramref name="figures"/>
    /// their key, number of papers and years too (what the co-author index shows of them).
    /// </summary>
    public static UInt128 CoAuthorsFingerprint(Profile profile, bool figures)
    {
        var hash = new System.IO.Hashing.XxHash128();
        Span<int> numbers = stackalloc int[3];
        foreach (var c in profile.CoAuthors)
        {
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.Slug.AsSpan()));
            hash.Append([0, 0]);
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.Name.AsSpan()));
            hash.Append([0, 0]);
            if (!figures) continue;
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.Key.AsSpan()));
            hash.Append([0, 0]);
            (numbers[0], numbers[1], numbers[2]) = (c.Papers.Length, c.FirstYear, c.LastYear);
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(numbers));
        }
        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>A paper as lists show it (built once per paper and shared).</summary>
    public ScriptObject PaperSummary(PaperView view) => _summaries.GetOrAdd(view.Slug, _ => memo is null ? BuildSummary(view)
        // In serve, the summary (and with it its fingerprint, see ModelFingerprint) of a view a rebuild handed on; it
        // depends on nothing else but the URLs it holds.
        : memo.For("paper-summary", view, site.Urls.Key, () => BuildSummary(view)));


    private ScriptObject BuildSummary(PaperView view)
    {
        var p = view.Paper;
        var authors = view.Authors.Select(a => (object)Obj(
            ("name", a.Name),
            ("is_owner", a.IsOwner),
            ("url", a.CoAuthorSlug is { } s ? site.Urls.Url(SiteUrls.CoAuthorPath(s)) : null),
            ("homepage", a.Homepage))).ToArray();
        // Lists show at most ten names, the owner always among them (see PaperView.ListAuthors); the paper's own page
        // (PaperPage) shows them all.
        var (shown, gap, after) = PaperView.ListAuthors(view.Authors);
        var all = Arr(authors);
        var o = Obj(
            ("slug", p.Slug),
            ("url", site.Urls.Url(view.Path)),
            ("title", p.TitleMarkup.Readable),
            ("title_html", new RawHtml(p.TitleMarkup.Html)),
            ("date", p.Date.ToString("yyyy-MM-dd", Inv)),
            ("date_display", p.Date.ToString("d MMM yyyy", Inv)),
            ("year", p.Date.Year),
            ("category", Category(p.Category)),
            ("has_code", p.HasCode),
            ("authors", all),
            ("authors_shown", shown.Length == authors.Length ? all : Arr(shown.Select(i => authors[i]))),
            ("authors_total", authors.Length),
            ("authors_cut", shown.Length < authors.Length),
            ("authors_gap", gap),
            ("authors_after", after),
            ("authors_truncated", p.AuthorsTruncated),
            ("organization", p.Organization),
            // Where it was published as a reader sees it: a conference paper's venue, or a journal article's journal with
            // its volume, issue and pages, so that a theme that shows the venue shows either.
            ("venue", view.Additions.Venue ?? view.Additions.Journal?.Display),
            ("journal", view.Additions.Journal is { } j ? Obj(("name", j.Name), ("volume", j.Volume), ("issue", j.Issue), ("pages", j.PagesDisplay), ("publisher", j.Publisher)) : null),
            ("featured", view.Featured),
            ("tags", Arr(view.Additions.Tags.Select(t => (object)t))),
            ("links", Arr(view.Links.Select(l => Obj(("kind", l.Kind), ("label", l.Label), ("url", l.Url))))),
            ("markdown_url", site.Urls.Url(view.Path + "index.md")));
        o.IsReadOnly = true;
        return o;
    }

    /// <summary>A paper as its own page shows it: the summary plus the rendered abstract and notes.</summary>
    public ScriptObject PaperPage(PaperView view, string abstractHtml, string notesHtml, string bibtex)
    {
        var o = new ScriptObject();
        foreach (var (k, v) in PaperSummary(view)) o[k] = v;
        o["abstract_html"] = new RawHtml(abstractHtml);
        o["abstract_text"] = view.Paper.Abstract?.Text ?? "";
        o["has_abstract"] = view.Paper.Abstract is not null;
        o["notes_html"] = new RawHtml(notesHtml);
        o["has_notes"] = notesHtml.Length > 0;
        o["organization"] = view.Paper.Organization;
        // The paper's own page names every author, as arXiv's does.
        o["authors_shown"] = o["authors"];
        o["authors_cut"] = false;
        o["authors_gap"] = 0;
        o["authors_after"] = 0;
        o["bibtex"] = bibtex;
        o["cite"] = Obj(
            ("bib", site.Urls.Url(view.Path + "cite.bib")),
            ("ris", site.Urls.Url(view.Path + "cite.ris")),
            ("csl_json", site.Urls.Url(view.Path + "cite.json")));
        o.IsReadOnly = true;
        return o;
    }

    /// <summary>A co-author as the co-author index lists them.</summary>
    public ScriptObject CoAuthorSummary(CoAuthor c) => _coAuthorSummaries.GetOrAdd(c.Slug, _ => BuildCoAuthorSummary(c));

    private ScriptObject BuildCoAuthorSummary(CoAuthor c)
    {
        site.Settings.CoAuthorHomepages.TryGetValue(c.Key, out var homepage);
        return Obj(
            ("name", c.Name),
            ("slug", c.Slug),
            ("url", site.Urls.Url(SiteUrls.CoAuthorPath(c.Slug))),
            ("count", c.Papers.Length),
            ("first_year", c.FirstYear),
            ("last_year", c.LastYear),
            ("years_display", YearSpan(c.FirstYear, c.LastYear)),
            ("homepage", homepage));
    }

    /// <summary>A co-author's own page: their papers with the owner, the years, and whom else they wrote with.</summary>
    public ScriptObject CoAuthorPage(CoAuthor c, PaperIndex index)
    {
        var papers = c.Papers.Select(s => index.BySlug[s]).ToList();
        var shared = papers
            .SelectMany(v => v.Authors.Where(a => !a.IsOwner && a.CoAuthorSlug is not null && a.CoAuthorSlug != c.Slug).DistinctBy(a => a.CoAuthorSlug))
            .GroupBy(a => a.CoAuthorSlug!, StringComparer.Ordinal)
            .Select(g => (Slug: g.Key, Count: g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Slug, StringComparer.Ordinal)
            .ToList();
        var names = index.CoAuthorsBySlug;
        // A collaboration paper shares ~2,600 names with every co-author on it: the page names the ten who share most.
        var sharedTotal = shared.Count;
        if (shared.Count > SharedShown) shared.RemoveRange(SharedShown, shared.Count - SharedShown);
        var o = new ScriptObject();
        foreach (var (k, v) in CoAuthorSummary(c)) o[k] = v;
        o["papers"] = Arr(papers.Select(PaperSummary));
        o["years"] = Arr(papers.GroupBy(v => v.Paper.Date.Year).OrderByDescending(g => g.Key)
            .Select(g => Obj(("year", g.Key), ("count", g.Count()))));
        o["shared"] = Arr(shared.Select(s => Obj(
            ("name", names[s.Slug].Name),
            ("url", site.Urls.Url(SiteUrls.CoAuthorPath(s.Slug))),
            ("count", s.Count))));
        o["shared_total"] = sharedTotal;
        o["shared_more"] = sharedTotal - shared.Count;
        o["timeline"] = TimelineOf(papers, $"Papers with {c.Name} per year", stacked: false);
        o.IsReadOnly = true;
        return o;
    }

    /// <summary>The others on a co-author's papers their page names at most (those on most of the papers first).</summary>
    public const int SharedShown = 10;

    /// <summary>A topic as lists show it.</summary>
    public ScriptObject TopicSummary(Category c, PaperIndex index) => _topicSummaries.GetOrAdd(c.Code, _ => BuildTopicSummary(c, index));

    private ScriptObject BuildTopicSummary(Category c, PaperIndex index)
    {
        var papers = index.ByCategory[c.Code];
        var o = new ScriptObject();
        foreach (var (k, v) in Category(c)) o[k] = v;
        o["count"] = papers.Count;
        o["first_year"] = papers[^1].Paper.Date.Year;
        o["last_year"] = papers[0].Paper.Date.Year;
        o["years_display"] = YearSpan(papers[^1].Paper.Date.Year, papers[0].Paper.Date.Year);
        o.IsReadOnly = true;
        return o;
    }

    /// <summary>A topic's own page: its papers, newest first.</summary>
    public ScriptObject TopicPage(Category c, PaperIndex index)
    {
        var o = new ScriptObject();
        foreach (var (k, v) in TopicSummary(c, index)) o[k] = v;
        var papers = index.ByCategory[c.Code];
        o["papers"] = Arr(papers.Select(PaperSummary));
        o["years"] = Arr(papers.GroupBy(v => v.Paper.Date.Year).OrderByDescending(g => g.Key)
            .Select(g => Obj(("year", g.Key), ("count", g.Count()), ("papers", Arr(g.Select(PaperSummary))))));
        o["timeline"] = TimelineOf(papers, $"{c.Name} papers per year", stacked: false);
        o.IsReadOnly = true;
        return o;
    }

    /// <summary>How many co-authors the home page names (the most frequent).</summary>
    public const int HomeCoAuthors = 8;

    /// <summary>The home page: introduction, featured papers, all papers by year, topics, frequent co-authors.</summary>
    public ScriptObject HomePage(PaperIndex index, RawHtml? intro)
    {
        var views = index.NewestFirst;
        var bySlug = index.BySlug;
        // Featured: site.yml's order first, then papers whose additions say featured, newest first.
        var featured = site.Settings.Featured.Where(bySlug.ContainsKey).Select(s => bySlug[s])
            .Concat(views.Where(v => v.Additions.Featured))
            .DistinctBy(v => v.Slug)
            .ToList();
        return Obj(
            ("intro", intro),
            ("featured", Arr(featured.Select(PaperSummary))),
            ("years", Arr(views.GroupBy(v => v.Paper.Date.Year).OrderByDescending(g => g.Key)
                .Select(g => Obj(("year", g.Key), ("count", g.Count()), ("papers", Arr(g.Select(PaperSummary))))))),
            ("topics", Arr(SitePipelines.TopicList(site.Profile).Select(t => TopicSummary(t, index)))),
            ("top_coauthors", Arr(site.Profile.CoAuthors.Take(HomeCoAuthors).Select(CoAuthorSummary))),
            ("paper_count", views.Length),
            ("code_count", views.Count(v => v.Paper.HasCode)),
            ("timeline", TimelineOf(views, "Papers per year by subject", stacked: true)));
    }

    /// <summary>
    /// A timeline of papers per year (see <see cref="Scholarly.Visuals.Timeline"/>): <c>svg</c> (inline SVG markup),
    /// <c>series</c> <c>[{code, name}]</c> in legend order, and <c>years [{year, total, counts [{code, count}]}]</c>
    /// oldest first, every year from the first to the last — the chart's data for a table beside it. Null when the
    /// papers span a single year (or none): one bar says no more than the sentence above it.
    /// </summary>
    private ScriptObject? TimelineOf(IReadOnlyList<PaperView> papers, string title, bool stacked)
    {
        if (papers.Count == 0) return null;
        var first = papers.Min(p => p.Paper.Date.Year);
        if (papers.Max(p => p.Paper.Date.Year) == first) return null;
        var data = Scholarly.Visuals.Timeline.Data(papers, stacked);
        var (series, counts) = (data.Series, data.Counts);
        var svg = Scholarly.Visuals.Timeline.Chart(data, "timeline", title);
        var years = counts.GroupBy(c => c.Year).Select(g => Obj(
            ("year", g.Key),
            ("total", g.Sum(c => c.Count)),
            ("counts", Arr(g.Select(c => Obj(("code", c.Series), ("count", c.Count)))))));
        return Obj(
            ("title", title),
            ("svg", new RawHtml(svg)),
            ("series", Arr(series.Select(x => Obj(("code", x.Series), ("name", x.Name))))),
            ("years", Arr(years)));
    }

    /// <summary>
    /// The collaboration graph of the co-author index (see <see cref="Scholarly.Visuals.CollaborationGraphBuilder"/>):
    /// <c>svg</c> (inline SVG markup), <c>shown</c> (co-authors drawn), <c>total</c> (all co-authors), <c>capped</c>
    /// (some left out), <c>edges_shown</c>, <c>edges_total</c>. Null without co-authors.
    /// </summary>
    public ScriptObject? CoAuthorGraph(PaperIndex index)
    {
        if (Graph(index) is not { } graph) return null;
        return Obj(
            ("svg", new RawHtml(graph.ToSvg("collab"))),
            ("shown", graph.Shown),
            ("total", graph.TotalCoAuthors),
            ("capped", graph.Capped),
            ("edges_shown", graph.Edges.Count),
            ("edges_total", System.Math.Max(graph.TotalEdges, graph.Edges.Count)));
    }

    /// <summary>
    /// The collaboration graph the co-author index draws, null without co-authors. In serve it is the very graph of the
    /// last build while what it shows is the same (so the index's key can compare it by reference).
    /// </summary>
    public Scholarly.Visuals.CollaborationGraph? Graph(PaperIndex index)
    {
        if (site.Profile.CoAuthors.Length == 0) return null;
        Scholarly.Visuals.CollaborationGraph Build() => Scholarly.Visuals.CollaborationGraphBuilder.Build(index.NewestFirst, site.Profile,
            slug => site.Urls.Url(SiteUrls.CoAuthorPath(slug)), maxNodes: GraphNodes);
        // The layout is the costly part, and a paper's title, date or abstract does not move it: in serve it is kept
        // while the owner, the co-authors' names and slugs, and every paper's author list (in order) stay the same.
        // (Not the co-authors' lists of paper slugs: a title edit renames its paper's slug, and the graph never shows it.)
        return memo is null ? Build() : memo.GetOrAdd("collaboration-graph",
            new InputKey(site.Urls.BasePath, site.Profile.Name, site.Profile.CoAuthors.Select(c => c.Slug).ToArray(),
                site.Profile.CoAuthors.Select(c => c.Name).ToArray(), index.NewestFirst.Select(v => v.Authors).ToArray()), Build);
    }

    /// <summary>Co-authors the collaboration graph draws at most (the strongest); the table lists everyone.</summary>
    public const int GraphNodes = 300;

    /// <summary>A category with its topic page URL; its name carries its code when another of the site's categories has the same name (see <see cref="TopicNames"/>).</summary>
    public ScriptObject Category(Category c)
        => Obj(("code", c.Code), ("name", c.Name), ("arxiv_name", TopicNames.Plain(c)), ("slug", c.Slug), ("url", site.Urls.Url(SiteUrls.TopicPath(c))));

    /// <summary>"2023" or "2023–2025".</summary>
    public static string YearSpan(int first, int last)
        => first == last ? first.ToString(Inv) : string.Create(Inv, $"{first}\u2013{last}");

    /// <summary>A read-only object from pairs (null values are kept, so templates can test them under strict variables).</summary>
    public static ScriptObject Obj(params (string Key, object? Value)[] pairs)
    {
        var o = new ScriptObject(pairs.Length);
        foreach (var (k, v) in pairs) o[k] = v;
        o.IsReadOnly = true;
        return o;
    }

    /// <summary>A read-only list.</summary>
    public static ScriptArray Arr(IEnumerable<object> items)
    {
        var a = new ScriptArray(items);
        a.IsReadOnly = true;
        return a;
    }
}

/// <summary>The papers of a build, newest first, and indexed by slug and category; built once per build.</summary>
public sealed class PaperIndex
{
    /// <summary>
    /// Indexes the views of a build. With the index of the last build of a session, the papers are put in its order
    /// where they are the same papers (slugs) with the same dates, instead of sorted again: papers whose slug is new
    /// (a title edit) take their place by date and slug, and papers gone leave theirs.
    /// </summary>
    public PaperIndex(IReadOnlyList<PaperView> views, Profile profile, PaperIndex? last = null)
    {
        // Plain dictionaries: a frozen one spends longer choosing its hashing than one build spends looking up (at
        // 10,000 papers, ~10 ms of every serve rebuild).
        var bySlug = new Dictionary<string, PaperView>(views.Count, StringComparer.Ordinal);
        foreach (var view in views) bySlug.Add(view.Slug, view);
        BySlug = bySlug;
        NewestFirst = (last is null ? null : InLastOrder(views, bySlug, last)) ?? [.. views.OrderByDescending(v => v.Paper.Date).ThenBy(v => v.Slug, StringComparer.Ordinal)];
        ByCategory = NewestFirst.GroupBy(v => v.Paper.Category.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PaperView>)[.. g], StringComparer.Ordinal);
        CoAuthorsBySlug = profile.CoAuthors.ToDictionary(c => c.Slug, StringComparer.Ordinal);
    }

    // The views newest first (then by slug) from the last index's order; null when a paper kept its slug but not its date,
    // or when so many slugs are new that sorting is quicker than placing each.
    private static System.Collections.Immutable.ImmutableArray<PaperView>? InLastOrder(IReadOnlyList<PaperView> views, Dictionary<string, PaperView> bySlug, PaperIndex last)
    {
        var order = new List<PaperView>(views.Count);
        foreach (var then in last.NewestFirst)
        {
            if (!bySlug.TryGetValue(then.Slug, out var now)) continue;
            if (now.Paper.Date != then.Paper.Date) return null;
            order.Add(now);
        }
        if (views.Count - order.Count > 64) return null;
        if (order.Count < views.Count)
        {
            foreach (var view in views)
            {
                if (last.BySlug.ContainsKey(view.Slug)) continue;
                var at = order.BinarySearch(view, NewestFirstOrder.Instance);
                order.Insert(~at, view);
            }
        }
        return [.. order];
    }

    private sealed class NewestFirstOrder : IComparer<PaperView>
    {
        public static readonly NewestFirstOrder Instance = new();

        public int Compare(PaperView? x, PaperView? y)
            => x!.Paper.Date != y!.Paper.Date ? y.Paper.Date.CompareTo(x.Paper.Date) : string.CompareOrdinal(x.Slug, y.Slug);
    }

    /// <summary>
    /// The fingerprint of the names <paramref name="co"/>'s page shows for the others on their papers (each co-author's
    /// name is the spelling most of the profile uses, which an edit of another paper can change), in the order of their
    /// papers and authors. ~20 look-ups for a co-author with five papers.
    /// </summary>
    public UInt128 NamesShownWith(CoAuthor co)
    {
        var hash = new System.IO.Hashing.XxHash128();
        foreach (var slug in co.Papers)
        {
            foreach (var author in BySlug[slug].Authors)
            {
                if (author.CoAuthorSlug is not { } other || other == co.Slug || !CoAuthorsBySlug.TryGetValue(other, out var shown)) continue;
                hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(other.AsSpan()));
                hash.Append([0, 0]);
                hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(shown.Name.AsSpan()));
                hash.Append([0, 0]);
            }
        }
        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>Every paper, newest first (then by slug).</summary>
    public System.Collections.Immutable.ImmutableArray<PaperView> NewestFirst { get; }

    /// <summary>Papers by slug.</summary>
    public IReadOnlyDictionary<string, PaperView> BySlug { get; }

    /// <summary>Papers by category code, newest first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PaperView>> ByCategory { get; }

    /// <summary>Co-authors by slug.</summary>
    public IReadOnlyDictionary<string, CoAuthor> CoAuthorsBySlug { get; }
}
