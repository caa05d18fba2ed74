using System.Collections.Immutable;
using System.Globalization;
using PortfolioGen.Modules;
using PortfolioGen.Pipelines;
using PortfolioGen.Profiles;
using PortfolioGen.Themes;
using Scriban.Runtime;

namespace PortfolioGen.Site;

/// <summary>The pipelines that make a portfolio, in Statiq's manner: one class each, dependencies and modules set in the constructor.</summary>
public static class SitePipelines
{
    /// <summary>Every pipeline of a portfolio site.</summary>
    public static IReadOnlyList<Pipeline> All(SiteContext site) =>
    [
        new Content(site), new StaticFiles(), new Papers(site), new PaperFiles(), new CoAuthors(site), new Topics(site),
        new Pages(site), new Home(site), new NotFound(site), new Assets(site), new Favicon(site), new Citations(site), new Feed(site), new Llms(site), new Search(site), new Sitemap(site),
        new SocialCards(site),
        new Checks(site),
    ];

    /// <summary>
    /// <c>favicon.svg</c>: the owner's initials, so browsers find an icon (and ask for no missing
    /// <c>/favicon.ico</c>). A theme with its own <c>assets/favicon.svg</c> uses that instead.
    /// </summary>
    public sealed class Favicon : Pipeline
    {
        public Favicon(SiteContext site)
        {
            Publishes = true;
            if (site.Theme.Assets.ContainsKey("favicon.svg")) return;
            InputModules.Add(new CreateDocuments(_ => [Document.Create("favicon.svg", new TextContent(FaviconSvg(site.Profile.Name)))]));
            ProcessModules.Add(new StageFiles());
            OutputModules.Add(new WriteFiles());
        }

        /// <summary>An SVG with up to two initials, light and dark.</summary>
        public static string FaviconSvg(string name)
        {
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var initials = words.Length switch
            {
                0 => "?",
                1 => new System.Globalization.StringInfo(words[0]).LengthInTextElements > 2
                    ? System.Globalization.StringInfo.GetNextTextElement(words[0]) : words[0],
                _ => System.Globalization.StringInfo.GetNextTextElement(words[0]) + System.Globalization.StringInfo.GetNextTextElement(words[^1]),
            };
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\">"
                + "<style>rect{fill:#0b5cad}text{fill:#fff}@media (prefers-color-scheme:dark){rect{fill:#7db4f0}text{fill:#0c1a29}}</style>"
                + "<rect width=\"64\" height=\"64\" rx=\"14\"/>"
                + "<text x=\"32\" y=\"42\" font-family=\"system-ui,sans-serif\" font-size=\"28\" font-weight=\"700\" text-anchor=\"middle\">"
                + Text.Html.Escape(initials) + "</text></svg>\n";
        }
    }

    /// <summary>
    /// Social cards: a 1200×630 PNG beside each paper's page and the home page (<c>card.png</c>), which link previews
    /// show (<c>og:image</c>, <c>twitter:image</c>). Only with a base URL, as those tags need absolute URLs, and only
    /// when the theme has fonts to draw them with. Cards come from the <see cref="SocialCardCache"/>: a card is drawn
    /// only when what it shows changed.
    /// </summary>
    public sealed class SocialCards : Pipeline
    {
        /// <summary>A card's file name, beside its page's <c>index.html</c>.</summary>
        public const string FileName = "card.png";

        public SocialCards(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Papers));
            if (!Enabled(site)) return;
            var papers = site.Settings.SocialCards == SocialCardPages.All;
            InputModules.Add(new CreateDocuments(ctx => (papers ? SitePipelines.PaperViews(ctx) : [])
                .Select(v => Document.Create(v.Path + FileName, DocumentContent.Empty, null, [new(Keys.SocialCard, ForPaper(site, v))]))
                .Prepend(Document.Create(FileName, DocumentContent.Empty, null, [new(Keys.SocialCard, HomeSocialCard.For(site))]))));
            ProcessModules.Add(new DrawSocialCards());
            OutputModules.Add(new WriteFiles());
            OutputModules.Add(new CommitSocialCardCache());
        }

        /// <summary>Whether the site gets social cards: they are not turned off, it has a base URL and its theme has fonts.</summary>
        public static bool Enabled(SiteContext site)
            => site.Settings.SocialCards != SocialCardPages.None && site.Urls.BaseUrl is not null && site.Theme.FontFiles.Count > 0;

        /// <summary>A paper's card.</summary>
        public static PaperSocialCard ForPaper(SiteContext site, PaperView view) => new(view, site.Title, site.Profile.Name);

        /// <summary>
        /// The card a page shows in link previews (the home page's, a paper's), or null: for other pages, and when the
        /// site has no cards.
        /// </summary>
        public static Scholarly.SocialImage? Image(SiteContext site, string kind, string sitePath)
        {
            if (kind is not ("home" or "paper") || !Enabled(site) || site.Urls.Absolute(sitePath + FileName) is not { } url) return null;
            if (kind == "home") return new Scholarly.SocialImage(url, HomeSocialCard.For(site).Alt);
            if (kind == "paper" && site.Settings.SocialCards == SocialCardPages.All && sitePath.StartsWith("papers/", StringComparison.Ordinal)
                && site.PaperBySlug.TryGetValue(sitePath["papers/".Length..].TrimEnd('/'), out var paper))
            {
                // Only whether each author is the owner matters to the description (the authors it names).
                var authors = paper.Authors.Select(a => new AuthorView(a, site.Profile.IsOwner(a), null, null)).ToImmutableArray();
                return new Scholarly.SocialImage(url, PaperSocialCard.AltText(paper, authors, site.Title));
            }
            return null;
        }
    }

    /// <summary>The Atom feed of the papers (only with a base URL: a feed needs absolute links).</summary>
    public sealed class Feed : Pipeline
    {
        public Feed(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Papers));
            if (site.Urls.BaseUrl is null) return;
            ProcessModules.Add(new StageStream("feed.xml", (stream, ctx) => Scholarly.Feeds.Atom(stream, site, PaperViews(ctx), ctx.TryGetService<EntryMemo>())));
            OutputModules.Add(new WriteFiles());
        }
    }

    /// <summary><c>llms.txt</c>: the owner and every paper with a one-line summary and its Markdown URL.</summary>
    public sealed class Llms : Pipeline
    {
        public Llms(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Papers));
            ProcessModules.Add(new StageStream("llms.txt", (stream, ctx) => Scholarly.Feeds.LlmsTxt(stream, site, PaperViews(ctx), ctx.TryGetService<EntryMemo>())));
            OutputModules.Add(new WriteFiles());
        }
    }

    /// <summary>
    /// The search page: <c>search/index.json</c> (every paper's title, authors, abstract and
    /// category; see <see cref="SearchIndex"/>), and <c>search/index.html</c> rendered with the theme's
    /// <c>search</c> layout, whose script ranks the index in the browser. A theme without that layout gets
    /// the index but no page (and no Search in the navigation).
    /// </summary>
    public sealed class Search : Pipeline
    {
        /// <summary>The site path of the search page.</summary>
        public const string PagePath = "search/";

        public Search(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Papers));
            Dependencies.Add(nameof(Content));
            if (HasPage(site))
            {
                InputModules.Add(new CreateDocuments(_ => [Document.Create(SiteUrls.FileOf(PagePath), DocumentContent.Empty, null,
                    Dated(site.Profile, [new(Keys.Title, "Search")]))]));
                ProcessModules.Add(new RenderTemplate("search", (_, ctx) =>
                {
                    var model = ctx.GetService<TemplateModel>();
                    return Model(ctx, model.Page("search", "Search", $"Search {site.Profile.Name}'s papers by title, author, abstract and topic.", PagePath),
                        ("search", TemplateModel.Obj(("index_url", site.Urls.Url(SearchIndex.SitePath)), ("paper_count", site.Profile.Papers.Length))));
                }));
            }
            // The index is added after the page is rendered, so only the page goes through the layout.
            ProcessModules.Add(new StageFiles());
            ProcessModules.Add(new StageStream(SearchIndex.SitePath, (stream, ctx) => SearchIndex.Json(stream, PaperViews(ctx), site.Urls, ctx.TryGetService<EntryMemo>())));
            OutputModules.Add(new WriteFiles());
        }

        /// <summary>Whether the site has a search page: its theme has a <c>search</c> layout.</summary>
        public static bool HasPage(SiteContext site) => site.Theme.Layout("search") is not null;
    }

    /// <summary>
    /// <c>sitemap.xml</c> (every page, absolute URLs, <c>lastmod</c> from the newest paper each page shows) and
    /// <c>robots.txt</c>. Made in PostProcess, from the pages every other pipeline publishes. Without a base
    /// URL there is no sitemap (it needs absolute URLs) and robots.txt does not name one.
    /// </summary>
    public sealed class Sitemap : Pipeline
    {
        public Sitemap(SiteContext site)
        {
            Publishes = true;
            // robots.txt depends on nothing else, so it is made in Process, where the check of destinations sees it
            // (a content file of that name is two files for one path); the sitemap, which lists every page, checks its own.
            InputModules.Add(new CreateDocuments(_ => [Document.Create("robots.txt", new TextContent(Scholarly.Feeds.Robots(site.Urls)))]));
            ProcessModules.Add(new StageFiles());
            if (site.Urls.BaseUrl is not null) PostProcessModules.Add(new StageSitemap(site.Urls));
            OutputModules.Add(new WriteFiles());
        }
    }

    /// <summary>Reads <c>content/</c>: pages, paper additions and static files (nothing is published from here directly).</summary>
    public sealed class Content : Pipeline
    {
        public Content(SiteContext site)
        {
            InputModules.Add(new ReadFiles(site.ContentDirectory, rel => rel != "site.yml", site.Show, Keys.RelativePath));
            ProcessModules.Add(new TransformDocuments((doc, ctx) =>
            {
                var relative = doc.GetRequired<string>(Keys.RelativePath);
                var diagnostics = new List<Diagnostic>();
                Document result;
                if (!relative.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                {
                    result = doc.WithDestination(relative).With(Keys.ContentKind, "static");
                }
                else if (relative.StartsWith("papers/", StringComparison.Ordinal) && relative.Count(c => c == '/') == 1)
                {
                    var additions = PaperAdditionsReader.Read(Text.UnicodeText.Read(doc.Content.GetBytes().Span, doc.DisplayName, diagnostics), doc.DisplayName, diagnostics);
                    result = doc.With(Keys.ContentKind, "additions").With(Keys.Additions, additions);
                }
                else
                {
                    var page = PaperAdditionsReader.ReadPage(Text.UnicodeText.Read(doc.Content.GetBytes().Span, doc.DisplayName, diagnostics), doc.DisplayName, relative, diagnostics);
                    result = doc.With(Keys.ContentKind, "page").With(Keys.Page, page);
                }
                ctx.Diagnostics.AddRange(diagnostics);
                return result;
            }));
        }
    }

    /// <summary>Copies content files that are not Markdown (a photo, a CV) to the same place in the site.</summary>
    public sealed class StaticFiles : Pipeline
    {
        public StaticFiles()
        {
            Publishes = true;
            Dependencies.Add(nameof(Content));
            InputModules.Add(new CreateDocuments(ctx => ctx.Outputs.FromPipeline(nameof(Content)).Where(d => d.Get<string>(Keys.ContentKind) == "static")));
            ProcessModules.Add(new StageFiles());
            OutputModules.Add(new WriteFiles());
        }
    }

    /// <summary>A page per paper: generated Markdown, merged with the user's additions, rendered, laid out.</summary>
    public sealed class Papers : Pipeline
    {
        public Papers(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Content));
            // When serve renders the open pages ahead of the rebuild (a PageFocus), only theirs are made: the views of
            // all papers come from the profile itself (see MergePaperAdditions).
            InputModules.Add(new CreateDocuments(ctx =>
            {
                var focus = ctx.TryGetService<Modules.PageFocus>();
                return site.Profile.Papers.Select(p => (Paper: p, Destination: SiteUrls.FileOf(SiteUrls.PaperPath(p.Slug))))
                    .Where(p => focus is null || focus.Destinations.Contains(p.Destination))
                    .Select(p => Document.Create(p.Destination, DocumentContent.Empty, null,
                        [new(Keys.Paper, p.Paper), new(Keys.Title, p.Paper.TitleMarkup.Readable), new(Keys.Date, p.Paper.Date)]));
            }));
            ProcessModules.Add(new MergePaperAdditions());
            // Each paper goes through to its staged file on its own, so only the pages in flight hold their HTML.
            // In serve, a paper whose view and citation key did not change is not made again (see CacheDocuments).
            ProcessModules.Add(new CacheDocuments((d, _) => new InputKey(d.Get<PaperView>(Keys.PaperView), d.Get<string>(Keys.CitationKey)),
                new CitePapers(),
                new RenderMarkdown(d => d.GetRequired<PaperView>(Keys.PaperView).Additions is { Notes.Length: > 0 } a
                    ? (a.Notes, a.NotesFirstLine) : null, generated: false, Keys.NotesHtml),
                new RenderTemplate("paper", (doc, ctx) => PaperModel(site, doc, ctx)),
                new StageFiles()));
            OutputModules.Add(new WriteFiles());
        }

        private static ScriptObject PaperModel(SiteContext site, Document doc, IExecutionContext ctx)
        {
            var model = ctx.GetService<TemplateModel>();
            var view = doc.GetRequired<PaperView>(Keys.PaperView);
            // The abstract's HTML is the model's: Markdig renders the generated Markdown to exactly these bytes
            // (PaperMarkdownTests prove it for any light LaTeX), so it is not rendered a second time.
            var paper = model.PaperPage(view, view.Paper.Abstract?.Html ?? "", doc.Get<string>(Keys.NotesHtml) ?? "",
                System.Text.Encoding.UTF8.GetString(doc.GetRequired<byte[]>(Keys.BibTeX)));
            var description = Describe(view.Paper.Abstract?.Text ?? view.Paper.TitleMarkup.Readable);
            var page = model.Page("paper", view.Paper.TitleMarkup.Readable, description, view.Path,
                Scholarly.PageMetadata.Highwire(view, site.Urls), Scholarly.PageMetadata.ScholarlyArticle(view, site, site.Settings.Language), view.Paper.Date);
            return Model(ctx, page, ("paper", paper));
        }
    }

    /// <summary>Each paper's generated Markdown, published beside its page as <c>index.md</c>.</summary>
    public sealed class PaperFiles : Pipeline
    {
        public PaperFiles()
        {
            Publishes = true;
            Dependencies.Add(nameof(Papers));
            InputModules.Add(new CreateDocuments(ctx => ctx.Outputs.FromPipeline(nameof(Papers)).Select(d =>
                Document.Create(SiteUrls.PathOf(d.Destination) + "index.md", DocumentContent.Empty, null,
                    [new(Keys.PaperView, d.GetRequired<PaperView>(Keys.PaperView))]))));
            ProcessModules.Add(new CacheDocuments((d, _) => new InputKey(d.Get<PaperView>(Keys.PaperView)), new GeneratePaperMarkdown(), new StageFiles()));
            OutputModules.Add(new WriteFiles());
        }
    }

    /// <summary>Citation files: <c>cite.bib</c>, <c>cite.ris</c> and <c>cite.json</c> beside each paper, and the same for all papers at the site's root.</summary>
    public sealed class Citations : Pipeline
    {
        public Citations(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Papers));
            // A document per file; each paper's three are written on all cores, then the whole-site files
            // are joined from them in the same order (newest first).
            InputModules.Add(new CreateDocuments(ctx => ctx.Outputs.FromPipeline(nameof(Papers))
                .Select(d => (View: d.GetRequired<PaperView>(Keys.PaperView), Doc: d))
                .OrderByDescending(p => p.View.Paper.Date).ThenBy(p => p.View.Slug, StringComparer.Ordinal)
                .SelectMany(p => CiteFormats.Select(format => (p.View, p.Doc, Format: format)))
                .Select((p, i) => Document.Create(p.View.Path + "cite." + p.Format, DocumentContent.Empty, null,
                    [new(Keys.PaperView, p.View), new(Keys.CitationKey, p.Doc.GetRequired<string>(Keys.CitationKey)),
                     new(Keys.BibTeX, p.Doc.GetRequired<byte[]>(Keys.BibTeX)), new(Keys.CitationFormat, p.Format), new(Keys.JoinOrder, i)]))));
            // Each file is written and staged as soon as it is made, and on its way appended (in order) to the
            // whole-site files, which are written to the staging folder as they grow: at 10,000 papers neither the
            // 30,000 files nor the three 40 MB joins are ever all in memory.
            var join = new JoinPublications();
            // In serve, an unchanged paper's files are neither made nor staged again; their bytes stay with them
            // (Keys.CitationBytes) for the joins.
            ProcessModules.Add(new ForEachDocument(
                new CacheDocuments((d, _) => new InputKey(d.Get<PaperView>(Keys.PaperView), d.Get<string>(Keys.CitationKey), d.Get<string>(Keys.CitationFormat)),
                    new WriteCitations(), new StageFiles()),
                join.Collect));
            ProcessModules.Add(join);
            OutputModules.Add(new WriteFiles());
        }
    }

    private static readonly string[] CiteFormats = ["bib", "ris", "json"];

    /// <summary>The co-author index and a page per co-author.</summary>
    public sealed class CoAuthors : Pipeline
    {
        public CoAuthors(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Papers));
            InputModules.Add(new CreateDocuments(_ =>
                site.Profile.CoAuthors.Select(c => Document.Create(SiteUrls.FileOf(SiteUrls.CoAuthorPath(c.Slug)), DocumentContent.Empty, null,
                        [new(Keys.CoAuthor, c), new(Keys.Title, c.Name), new(Keys.Layout, "coauthor"), new(Keys.Date, site.PaperBySlug[c.Papers[0]].Date)]))
                    .Prepend(Document.Create("coauthors/index.html", DocumentContent.Empty, null, Dated(site.Profile, [new(Keys.Title, "Co-authors"), new(Keys.Layout, "coauthors")])))));
            ProcessModules.Add(new CacheDocuments((d, ctx) => CoAuthorKey(site, d, ctx), new RenderTemplate(d => d.GetRequired<string>(Keys.Layout), (doc, ctx) =>
            {
                var model = ctx.GetService<TemplateModel>();
                var index = model.Index(ctx);
                if (doc.Get<CoAuthor>(Keys.CoAuthor) is { } co)
                {
                    return Model(ctx, model.Page("coauthor", co.Name, $"Papers {site.Profile.Name} wrote with {co.Name}.", SiteUrls.CoAuthorPath(co.Slug)),
                        ("coauthor", model.CoAuthorPage(co, index)));
                }
                return Model(ctx, CoAuthorsFrame(site, model),
                    ("graph", model.CoAuthorGraph(index)),
                    ("coauthors", TemplateModel.Arr(site.Profile.CoAuthors.Select(model.CoAuthorSummary))));
            }),
                new StageFiles()) { CheckFile = d => !d.Has(Keys.CoAuthor) });
            OutputModules.Add(new WriteFiles());
        }
    }

    // A co-author's page shows the co-author, their papers as lists show them (not the abstracts), and the names of
    // the others on those papers (which an edit of another paper can change: the spelling most papers use). The
    // co-author index shows everyone (their names, years and counts) and the collaboration graph, which is the very
    // graph of the last build while the author lists it is drawn from are the same.
    private static InputKey CoAuthorKey(SiteContext site, Document doc, IExecutionContext ctx)
    {
        var model = ctx.GetService<TemplateModel>();
        if (doc.Get<CoAuthor>(Keys.CoAuthor) is { } co) return model.CoAuthorKey(co, ctx);
        return new InputKey(ModelFingerprint.Of(CoAuthorsFrame(site, model)), TemplateModel.CoAuthorsFingerprint(site.Profile, figures: true), model.Graph(model.Index(ctx)));
    }

    private static ScriptObject CoAuthorsFrame(SiteContext site, TemplateModel model)
        => model.Page("coauthors", "Co-authors", $"Everyone {site.Profile.Name} wrote papers with.", "coauthors/");

    // A topic's page shows its papers as lists show them; the topics index (a few lines, quick to make) is made every time.
    private static InputKey? TopicKey(Document doc, IExecutionContext ctx)
    {
        var model = ctx.GetService<TemplateModel>();
        var index = model.Index(ctx);
        if (doc.Get<Category>(Keys.Category) is not { } c) return null;
        var papers = index.ByCategory[c.Code];
        var summaries = new UInt128[papers.Count];
        for (var i = 0; i < summaries.Length; i++) summaries[i] = model.SummaryFingerprint(papers[i]);
        return new InputKey(c, summaries);
    }

    /// <summary>The topics index and a page per arXiv category present.</summary>
    public sealed class Topics : Pipeline
    {
        public Topics(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Papers));
            InputModules.Add(new CreateDocuments(_ =>
                TopicList(site.Profile).Select(c => Document.Create(SiteUrls.FileOf(SiteUrls.TopicPath(c)), DocumentContent.Empty, null,
                        [new(Keys.Category, c), new(Keys.Title, c.Name), new(Keys.Layout, "topic"),
                         new(Keys.Date, site.Profile.Papers.Where(p => p.Category.Code == c.Code).Max(p => p.Date))]))
                    .Prepend(Document.Create("topics/index.html", DocumentContent.Empty, null, Dated(site.Profile, [new(Keys.Title, "Topics"), new(Keys.Layout, "topics")])))));
            ProcessModules.Add(new CacheDocuments(TopicKey, new RenderTemplate(d => d.GetRequired<string>(Keys.Layout), (doc, ctx) =>
            {
                var model = ctx.GetService<TemplateModel>();
                var index = model.Index(ctx);
                if (doc.Get<Category>(Keys.Category) is { } c)
                {
                    return Model(ctx, model.Page("topic", c.Name, $"{site.Profile.Name}'s papers in {c.Name} ({c.Code}).", SiteUrls.TopicPath(c)),
                        ("topic", model.TopicPage(c, index)));
                }
                return Model(ctx, model.Page("topics", "Topics", $"The research areas of {site.Profile.Name}'s papers.", "topics/"),
                    ("topics", TemplateModel.Arr(TopicList(site.Profile).Select(t => model.TopicSummary(t, index)))));
            }),
                new StageFiles()));
            OutputModules.Add(new WriteFiles());
        }
    }

    /// <summary>The user's own pages (<c>content/about.md</c> and the like).</summary>
    public sealed class Pages : Pipeline
    {
        public Pages(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Content));
            InputModules.Add(new CreateDocuments(ctx => ctx.Outputs.FromPipeline(nameof(Content))
                .Where(d => d.Get<ContentPage>(Keys.Page) is { IsHomeIntro: false })
                .Select(d =>
                {
                    var page = d.GetRequired<ContentPage>(Keys.Page);
                    return d.WithDestination(SiteUrls.FileOf(page.OutputDirectory)).With(Keys.Title, page.Title);
                })));
            ProcessModules.Add(new RenderMarkdown(d => d.GetRequired<ContentPage>(Keys.Page) is var p ? (p.Body, p.BodyFirstLine) : null, generated: false, Keys.ContentHtml));
            ProcessModules.Add(new RenderTemplate(d => d.GetRequired<ContentPage>(Keys.Page).Layout, (doc, ctx) =>
            {
                var model = ctx.GetService<TemplateModel>();
                var page = doc.GetRequired<ContentPage>(Keys.Page);
                return Model(ctx, model.Page("page", page.Title, page.Description, page.OutputDirectory),
                    ("content", new RawHtml(doc.Get<string>(Keys.ContentHtml) ?? "")));
            }));
            ProcessModules.Add(new StageFiles());
            OutputModules.Add(new WriteFiles());
        }
    }

    /// <summary>The home page: the owner, figures, featured papers, all papers by year.</summary>
    public sealed class Home : Pipeline
    {
        public Home(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Papers));
            Dependencies.Add(nameof(Content));
            InputModules.Add(new CreateDocuments(ctx =>
            {
                var intro = ctx.Outputs.FromPipeline(nameof(Content)).FirstOrDefault(d => d.Get<ContentPage>(Keys.Page) is { IsHomeIntro: true });
                var doc = Document.Create("index.html", DocumentContent.Empty, intro?.Source, Dated(site.Profile, [new(Keys.Title, site.Title)]));
                return [intro?.Get<ContentPage>(Keys.Page) is { } page ? doc.With(Keys.Page, page) : doc];
            }));
            ProcessModules.Add(new RenderMarkdown(d => d.Get<ContentPage>(Keys.Page) is { } p ? (p.Body, p.BodyFirstLine) : null, generated: false, Keys.ContentHtml));
            // In serve the page is made again only when what it shows changed: the owner and the site (the page's
            // frame), the introduction, every paper as lists show it, and the co-authors it names.
            ProcessModules.Add(new CacheDocuments((doc, ctx) =>
            {
                var model = ctx.GetService<TemplateModel>();
                return new InputKey(ModelFingerprint.Of(HomeFrame(site, model)), model.ListsFingerprint(model.Index(ctx)),
                    site.Profile.CoAuthors.Take(TemplateModel.HomeCoAuthors).ToArray(), doc.Get<string>(Keys.ContentHtml));
            }, new RenderTemplate("index", (doc, ctx) =>
            {
                var model = ctx.GetService<TemplateModel>();
                var intro = doc.Get<string>(Keys.ContentHtml);
                return Model(ctx, HomeFrame(site, model), ("home", model.HomePage(model.Index(ctx), intro is null ? null : new RawHtml(intro))));
            }), new StageFiles()) { CheckFile = _ => true });
            OutputModules.Add(new WriteFiles());
        }
    }

    private static ScriptObject HomeFrame(SiteContext site, TemplateModel model)
        => model.Page("home", site.Title, site.Description, "", jsonLd: Scholarly.PageMetadata.PersonAndWebSite(site));

    /// <summary>The page static hosts show for a missing path.</summary>
    public sealed class NotFound : Pipeline
    {
        public NotFound(SiteContext site)
        {
            Publishes = true;
            Dependencies.Add(nameof(Content));
            InputModules.Add(new CreateDocuments(_ => [Document.Create("404.html", DocumentContent.Empty, null, [new(Keys.Title, "Page not found")])]));
            ProcessModules.Add(new RenderTemplate("404", (_, ctx) =>
                Model(ctx, ctx.GetService<TemplateModel>().Page("404", "Page not found", $"This page does not exist on {site.Title}.", "404.html"))));
            ProcessModules.Add(new StageFiles());
            OutputModules.Add(new WriteFiles());
        }
    }

    /// <summary>The theme's assets, under names that carry a hash of their content.</summary>
    public sealed class Assets : Pipeline
    {
        public Assets(SiteContext site)
        {
            Publishes = true;
            InputModules.Add(new CreateDocuments(_ => site.Theme.Assets.Values.OrderBy(a => a.OutputPath, StringComparer.Ordinal)
                .Select(a => Document.Create(a.OutputPath, new BytesContent(a.Bytes), site.Show(site.Theme.Roots[0]) + "/assets/" + a.Name))));
            ProcessModules.Add(new StageFiles());
            OutputModules.Add(new WriteFiles());
        }
    }

    /// <summary>Checks the whole site before anything is written: destinations, links, fragments, ids, HTML.</summary>
    public sealed class Checks : Pipeline
    {
        public Checks(SiteContext site)
        {
            PostProcessModules.Add(new ValidateOutputs());
            PostProcessModules.Add(new ValidateLinks(site.Urls.BasePath, d => OutputDisplay(site, d), LinkSourceOf));
        }
    }

    // The Markdown a page was made from: a content page's body, or a paper page's notes (its additions file).
    private static Modules.LinkSource? LinkSourceOf(Document page)
        => page.Get<ContentPage>(Keys.Page) is { } p ? new(p.Source, p.Body, p.BodyFirstLine)
            : page.Get<PaperView>(Keys.PaperView)?.Additions is { Source: { } file, Notes.Length: > 0 } a ? new(file, a.Notes, a.NotesFirstLine)
            : null;

    internal static string OutputDisplay(SiteContext site, string destination)
        => site.Show(Path.Combine(site.OutputDirectory, destination));

    // Listing pages change when their newest paper does: that date is their sitemap lastmod.
    private static IEnumerable<KeyValuePair<string, object>> Dated(Profile profile, KeyValuePair<string, object>[] metadata)
        => profile.Papers.Length == 0 ? metadata : metadata.Append(new(Keys.Date, profile.Papers.Max(p => p.Date)));

    /// <summary>The paper views of the build, from the Papers pipeline, newest first.</summary>
    public static ImmutableArray<PaperView> PaperViews(IExecutionContext ctx) => ctx.GetService<TemplateModel>().Index(ctx).NewestFirst;

    /// <summary>The categories present, most papers first, then by code.</summary>
    public static IEnumerable<Category> TopicList(Profile profile)
        => profile.Papers.GroupBy(p => p.Category.Code, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First().Category);

    private static ScriptObject Model(IExecutionContext ctx, ScriptObject page, params (string Key, object? Value)[] extra)
    {
        var o = new ScriptObject(2 + extra.Length)
        {
            ["site"] = ctx.GetService<TemplateModel>().Site(ctx),
            ["page"] = page,
        };
        foreach (var (k, v) in extra) o[k] = v;
        return o;
    }

    /// <summary>A description of at most about 160 characters, cut at a word.</summary>
    public static string Describe(string text, int max = 160)
    {
        // White space collapsed, as far as the first max + 1 characters: an abstract can be thousands long.
        // One string is made (in a reused builder): this runs for every paper in the search index and llms.txt.
        var sb = Text.StringBuilderCache.Acquire(max + 2);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(ch);
            if (sb.Length > max) break;
        }
        if (sb.Length <= max) return Text.StringBuilderCache.GetStringAndRelease(sb);
        var cut = -1;
        for (var i = max - 1; i >= 0; i--)
        {
            if (sb[i] == ' ')
            {
                cut = i;
                break;
            }
        }
        if (cut < max / 2) cut = max - 1;
        sb.Length = cut;
        while (sb.Length > 0 && sb[^1] is ',' or ';' or ':' or '.' or '-' or '\u2013' or '\u2014') sb.Length--;
        sb.Append('\u2026');
        return Text.StringBuilderCache.GetStringAndRelease(sb);
    }
}

/// <summary>
/// Makes each paper's BibTeX once: the page shows it, and the Citations pipeline writes it as cite.bib and
/// into publications.bib. Kept as UTF-8 bytes, half the memory of a string, across 10,000 papers.
/// </summary>
public sealed class CitePapers : SyncModule
{
    /// <inheritdoc />
    protected override Document? Execute(Document input, IExecutionContext context)
    {
        var site = context.GetService<SiteContext>();
        var view = input.GetRequired<PaperView>(Keys.PaperView);
        var key = input.GetRequired<string>(Keys.CitationKey);
        return input.With(Keys.BibTeX, Scholarly.Citations.BibTeX.EntryUtf8(view, key, site.Urls.Absolute(view.Path)));
    }
}

/// <summary>Writes one citation file of a paper: cite.bib (the BibTeX made for its page), cite.ris or cite.json.</summary>
public sealed class WriteCitations : SyncModule
{
    /// <inheritdoc />
    protected override Document? Execute(Document input, IExecutionContext context)
    {
        if (input.Get<string>(Keys.CitationFormat) is not { } format) return input;
        var site = context.GetService<SiteContext>();
        var view = input.GetRequired<PaperView>(Keys.PaperView);
        var url = site.Urls.Absolute(view.Path);
        var bytes = format switch
        {
            "bib" => input.GetRequired<byte[]>(Keys.BibTeX),
            // UTF-8 bytes, half a string's memory.
            "ris" => Scholarly.Citations.Ris.EntryUtf8(view, url),
            _ => Scholarly.Citations.CslJson.FileBytes(view, input.GetRequired<string>(Keys.CitationKey), url),
        };
        // The bytes go on beside the content: once the file is staged, JoinPublications still appends them.
        return input.WithContent(new BytesContent(bytes)).With(Keys.CitationBytes, bytes);
    }
}

/// <summary>
/// Joins every paper's citation files into publications.bib, .ris and .json, newest first. <see cref="Collect"/>
/// runs on each file as it is made (files arrive from all cores, nearly in order; the few that come early wait)
/// and appends it to the whole-site file being staged; the module itself then completes the three files and adds
/// them as documents.
/// </summary>
public sealed class JoinPublications : IModule
{
    private readonly object _gate = new();
    private readonly Dictionary<int, Document> _early = [];
    private int _next;
    private bool _draining;
    private Output.StagedStream? _bib, _ris, _json;

    /// <summary>The per-file step (inside the pipeline's <see cref="ForEachDocument"/>).</summary>
    /// <remarks>
    /// One thread at a time appends, outside the lock: a file that arrives while another thread is appending is left for
    /// that thread, which appends every file that is ready before it returns; the others go on making files instead of
    /// waiting for the lock (the appends, with the comparison against the site's 59 MB of bibliographies, held the other
    /// core idle for a third of a serve rebuild at 10,000 papers).
    /// </remarks>
    public IModule Collect => new TransformDocuments((doc, ctx) =>
    {
        lock (_gate)
        {
            _early[doc.GetRequired<int>(Keys.JoinOrder)] = doc;
            if (_draining) return doc.Without(Keys.CitationBytes);
            _draining = true;
        }
        var output = ctx.GetService<Output.OutputFolder>();
        try
        {
            while (true)
            {
                Document? ready;
                lock (_gate)
                {
                    if (!_early.Remove(_next, out ready))
                    {
                        _draining = false;
                        break;
                    }
                }
                Append(ready, output);
                lock (_gate) _next++;
            }
        }
        catch
        {
            lock (_gate) _draining = false;
            throw;
        }
        // Joined (or waiting in _early until the files before it are): the document need not keep the bytes.
        return doc.Without(Keys.CitationBytes);
    });

    private void Open(Output.OutputFolder output)
    {
        _bib ??= output.OpenStaged("publications.bib");
        _ris ??= output.OpenStaged("publications.ris");
        _json ??= output.OpenStaged("publications.json");
    }

    private void Append(Document doc, Output.OutputFolder output)
    {
        Open(output);
        var bytes = doc.GetRequired<byte[]>(Keys.CitationBytes).AsSpan();
        switch (doc.Get<string>(Keys.CitationFormat))
        {
            case "bib":
                if (_bib!.Length > 0) _bib.Write("\n"u8);
                _bib.Write(bytes);
                break;
            case "ris":
                _ris!.Write(bytes);
                break;
            case "json":
                // A paper's file is CslJson.FileBytes: the array of its one item, "[\n" + the indented item + "\n]\n";
                // the whole bibliography is the same indented items between the same brackets.
                _json!.Write(_json.Length == 0 ? "[\n"u8 : ",\n"u8);
                _json.Write(bytes[2..^3]);
                break;
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        lock (_gate)
        {
            // Every file must have been joined: one that never arrived would leave the whole-site files short.
            if (_next != inputs.Length) throw new InvalidOperationException($"{_next} of {inputs.Length} citation files were joined; {_early.Count} wait for one that never arrived");
            Open(context.GetService<Output.OutputFolder>());
            _json!.Write(_json.Length == 0 ? "[]\n"u8 : "\n]\n"u8);
            Document[] whole =
            [
                Document.Create("publications.bib", new StagedContent(_bib!.Complete())),
                Document.Create("publications.ris", new StagedContent(_ris!.Complete())),
                Document.Create("publications.json", new StagedContent(_json.Complete())),
            ];
            return Task.FromResult(inputs.AddRange((IEnumerable<Document>)whole));
        }
    }
}

/// <summary>
/// Writes each paper as Markdown (front matter with every field, the abstract, the notes): the paper's index.md.
/// </summary>
public sealed class GeneratePaperMarkdown : SyncModule
{
    /// <inheritdoc />
    protected override Document? Execute(Document input, IExecutionContext context)
    {
        var site = context.GetService<SiteContext>();
        var view = input.GetRequired<PaperView>(Keys.PaperView);
        return input.WithContent(PaperMarkdown.Generate(view, site.Urls));
    }
}

/// <summary>
/// Joins each paper with its <c>content/papers/&lt;slug&gt;.md</c>: an additions file that matches no paper,
/// and a featured slug in site.yml that matches no paper, are warnings naming the file and line. Gives every paper its
/// view and citation key; with a <see cref="Modules.PageFocus"/>, only the wanted papers go on.
/// </summary>
public sealed class MergePaperAdditions : IModule
{
    /// <inheritdoc />
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var site = context.GetService<SiteContext>();
        var additions = context.Outputs.FromPipeline(nameof(SitePipelines.Content))
            .Where(d => d.Get<string>(Keys.ContentKind) == "additions")
            .ToDictionary(d => Path.GetFileNameWithoutExtension(d.GetRequired<string>(Keys.RelativePath)), StringComparer.Ordinal);
        // The papers are the profile's (see Papers), so the site's lookup has their slugs.
        var slugs = site.PaperBySlug;
        foreach (var (slug, doc) in additions.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!slugs.ContainsKey(slug))
            {
                var near = slugs.Keys.Where(s => s.StartsWith(slug.Split('-')[0], StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(3).ToList();
                var hint = near.Count > 0 ? $"; papers with a similar slug: {string.Join(", ", near)}" : "; run 'portfoliogen parse' to list the slugs";
                context.Diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.AdditionsWithoutPaper, doc.DisplayName, 1, 1,
                    $"no paper has the slug '{slug}', so these additions are not used{hint}"));
            }
        }
        var settings = site.Settings;
        for (var i = 0; i < settings.Featured.Length; i++)
        {
            if (!slugs.ContainsKey(settings.Featured[i]))
            {
                context.Diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.FeaturedPaperUnknown, settings.SourceFile ?? "site.yml",
                    i < settings.FeaturedLines.Length ? settings.FeaturedLines[i] : 1, 1, $"'featured' names '{settings.Featured[i]}', which is no paper's slug"));
            }
        }
        // A homepage for a name no co-author has links nobody: said at its line, with the nearest co-author's name (an
        // accent or a transliteration apart: "Jose Mueller" for "José Müller").
        foreach (var (name, line, column) in settings.CoAuthorNames)
        {
            var key = Text.PersonNames.Key(name);
            if (site.CoAuthorsByKey.ContainsKey(key)) continue;
            var hint = site.Profile.OwnerKeys.Contains(key) ? "; that is the site's owner, whose homepage goes under owner.links"
                : ClosestCoAuthor(key, site.Profile.CoAuthors) is { } near ? $"; did you mean '{near}'?"
                : "; 'portfoliogen parse' lists the co-authors";
            context.Diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.CoAuthorUnknown, settings.SourceFile ?? "site.yml", line, column,
                $"'coauthors' names '{name}', who is no co-author of any paper, so this homepage is not used{hint}"));
        }
        // Every page waits for this step: the views are made on all cores, for the profile's papers in its order. Their
        // documents come in in that order; when serve renders the open pages ahead of the rebuild (a PageFocus), only
        // those pages' do, and every view and key is made all the same (each depends on all the papers; the rebuild
        // finds the views in the memo). Making 10,000 documents to let one go on took 24-27 ms of the first two edits'
        // head start at 10,000 papers, in memory touched for the first time.
        var focus = context.TryGetService<Modules.PageFocus>();
        var papers = site.Profile.Papers;
        if (focus is null && (inputs.Length != papers.Length || inputs.Where((d, i) => !ReferenceEquals(d.Get<Paper>(Keys.Paper), papers[i])).Any()))
        {
            throw new InvalidOperationException("the papers' documents are not the profile's papers in its order");
        }
        var memo = context.TryGetService<PaperViewMemo>();
        var views = new PaperView[papers.Length];
        Parallel.For(0, papers.Length, new ParallelOptions { MaxDegreeOfParallelism = context.MaxParallelism, CancellationToken = context.CancellationToken }, i =>
        {
            var paper = papers[i];
            var extra = additions.TryGetValue(paper.Slug, out var a) ? a.GetRequired<PaperAdditions>(Keys.Additions) : PaperAdditions.None;
            views[i] = memo?.Reusable(i, paper, extra, site) ?? PaperView.Create(paper, extra, site.Profile, settings, site.CoAuthorsByKey);
        });
        // In serve, an unchanged paper keeps the view object of the last build (see PaperViewMemo).
        memo?.Keep(views, site);
        // The pages that list papers list every paper, whether or not its own page renders.
        context.TryGetService<TemplateModel>()?.UseViews(views);
        // Citation keys are unique across the site, so they are given to all papers at once.
        var keys = Scholarly.Citations.CitationKeys.Assign(views, memo?.CitationKeys);
        if (focus is not null)
        {
            return Task.FromResult(inputs.Where(d => focus.Destinations.Contains(d.Destination)).Select(d =>
            {
                // The document's paper is the profile's (see Papers): its view is at its place.
                var paper = d.GetRequired<Paper>(Keys.Paper);
                var at = 0;
                while (!ReferenceEquals(papers[at], paper)) at++;
                var view = views[at];
                return d.With([new(Keys.PaperView, view), new(Keys.CitationKey, keys[view.Slug])]);
            }).ToImmutableArray());
        }
        var result = new Document[inputs.Length];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = context.MaxParallelism, CancellationToken = context.CancellationToken }, i =>
            result[i] = inputs[i].With([new(Keys.PaperView, views[i]), new(Keys.CitationKey, keys[views[i].Slug])]));
        return Task.FromResult(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(result));
    }
    // The co-author whose name is nearest to a key (keys already ignore accents, case, dots and hyphens), when it is near
    // enough to be a misspelling: a few letters apart ("mueller" and "muller"), or the same names in another order.
    internal static string? ClosestCoAuthor(string key, IEnumerable<Profiles.CoAuthor> coAuthors)
    {
        var words = key.Split(' ').Order(StringComparer.Ordinal).ToArray();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in coAuthors)
        {
            var distance = c.Key.Split(' ').Order(StringComparer.Ordinal).SequenceEqual(words) ? 0 : Text.EditDistance.Levenshtein(key, c.Key);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(c.Name, best) < 0)) (best, bestDistance) = (c.Name, distance);
        }
        return bestDistance <= Math.Max(2, key.Length / 4) ? best : null;
    }
}

/// <summary>Refuses outputs that would leave the output folder or that two pipelines both want to write.</summary>
public sealed class ValidateOutputs : IModule
{
    // What the site makes itself, by pipeline, as a message names it.
    private static readonly (string Pipeline, string Page, string File)[] Made =
    [
        (nameof(SitePipelines.Home), "the home page", "the home page"),
        (nameof(SitePipelines.Search), "the site's search page", "the site's search index"),
        (nameof(SitePipelines.Topics), "the site's topic pages", "the site's topic pages"),
        (nameof(SitePipelines.CoAuthors), "the site's co-author pages", "the site's co-author pages"),
        (nameof(SitePipelines.Papers), "the site's paper pages", "the site's paper pages"),
        (nameof(SitePipelines.PaperFiles), "the papers' Markdown", "the papers' Markdown"),
        (nameof(SitePipelines.Citations), "the citation files", "the citation files"),
        (nameof(SitePipelines.NotFound), "the 404 page", "the 404 page"),
        (nameof(SitePipelines.Feed), "the feed", "the feed"),
        (nameof(SitePipelines.Llms), "llms.txt", "llms.txt"),
        (nameof(SitePipelines.Sitemap), "the sitemap and robots.txt", "the sitemap and robots.txt"),
        (nameof(SitePipelines.Assets), "the theme's assets", "the theme's assets"),
        (nameof(SitePipelines.Favicon), "the favicon", "the favicon"),
        (nameof(SitePipelines.SocialCards), "the social cards", "the social cards"),
    ];

    // A file of the user's content folder (a page, a static file), which the message names by its path.
    private static bool IsUsers(Document doc) => doc.Get<string>(Keys.RelativePath) is not null;

    // "content/search.md", or what of the site made it: "the site's search page".
    private static string Describe(Document doc, IExecutionContext context)
    {
        if (IsUsers(doc)) return doc.DisplayName;
        foreach (var (pipeline, page, file) in Made)
        {
            try
            {
                if (context.Outputs.FromPipeline(pipeline).Contains(doc)) return doc.Destination.EndsWith(".html", StringComparison.Ordinal) ? page : file;
            }
            catch (InvalidOperationException)
            {
                // An engine without that pipeline (a test's).
            }
        }
        return "the site's own " + doc.Destination;
    }

    /// <inheritdoc />
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var seen = new Dictionary<string, Document>(StringComparer.Ordinal);
        foreach (var doc in context.Outputs.Published)
        {
            if (!Output.OutputFolder.IsSafeDestination(doc.Destination, out var reason))
            {
                context.Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PathOutsideOutput, doc.DisplayName, 0, 0,
                    $"refusing to write '{doc.Destination}': {reason}"));
            }
            else if (seen.TryGetValue(doc.Destination, out var first))
            {
                // Both named, the user's file first; reported at the user's file when one is (the later one when both are).
                var (at, other) = IsUsers(doc) || !IsUsers(first) ? (doc, first) : (first, doc);
                context.Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateOutputPath, at.DisplayName, 0, 0,
                    $"'{doc.Destination}' would be written twice: by {Describe(at, context)} and by {Describe(other, context)}"));
            }
            else
            {
                seen[doc.Destination] = doc;
            }
        }
        return Task.FromResult(inputs);
    }
}

/// <summary>
/// What the last <c>sitemap.xml</c> of a session was made from (its pages and their dates, in the order the build
/// publishes them, and the site's URLs) and its bytes: a rebuild whose pages and dates are the same, as after an edit
/// to an abstract, writes those bytes again instead of sorting 12,000 pages and making 1.8 MB of XML. They still go
/// through the staged stream, which compares them with the site's file byte for byte, so a sitemap edited in the site
/// is put back as any site-wide file is.
/// </summary>
public sealed class SitemapMemo
{
    internal (string Environment, string[] Destinations, DateOnly?[] Dates, byte[] Bytes)? Last { get; set; }

    /// <summary>How many builds wrote the last sitemap's bytes again (tests read it).</summary>
    public int Reused { get; internal set; }
}

/// <summary><c>sitemap.xml</c> of the published pages (every HTML page but the 404 page), sorted by path, each with its date.</summary>
public sealed class StageSitemap(SiteUrls urls) : IModule
{
    /// <inheritdoc />
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        if (context.Outputs.Published.FirstOrDefault(d => d.Destination == "sitemap.xml") is { } other)
        {
            context.Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateOutputPath, other.DisplayName, 0, 0,
                "'sitemap.xml' would be written twice: by this and by the sitemap the site makes of its pages"));
            return Task.FromResult(inputs);
        }
        var pages = context.Outputs.Published.Where(d => d.Destination.EndsWith(".html", StringComparison.Ordinal) && d.Destination != "404.html").ToArray();
        var destinations = Array.ConvertAll(pages, d => d.Destination);
        var dates = Array.ConvertAll(pages, d => d.Metadata.TryGetValue(Keys.Date, out var date) ? (DateOnly?)(DateOnly)date : null);
        var memo = context.TryGetService<SitemapMemo>();
        byte[] bytes;
        if (memo?.Last is { } last && last.Environment == urls.Key && last.Destinations.AsSpan().SequenceEqual(destinations, StringComparer.Ordinal)
            && last.Dates.AsSpan().SequenceEqual(dates))
        {
            bytes = last.Bytes;
            memo.Reused++;
        }
        else
        {
            var order = Enumerable.Range(0, pages.Length).OrderBy(i => destinations[i], StringComparer.Ordinal);
            using var buffer = new MemoryStream();
            Scholarly.Feeds.Sitemap(buffer, urls, order.Select(i => new Scholarly.Feeds.SitemapEntry(SiteUrls.PathOf(destinations[i]), dates[i])));
            bytes = buffer.ToArray();
            if (memo is not null) memo.Last = (urls.Key, destinations, dates, bytes);
        }
        var staged = context.GetService<Output.OutputFolder>().OpenStaged("sitemap.xml");
        staged.Write(bytes);
        return Task.FromResult(inputs.Add(Document.Create("sitemap.xml", new StagedContent(staged.Complete()))));
    }
}
