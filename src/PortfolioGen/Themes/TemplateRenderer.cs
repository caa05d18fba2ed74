using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using PortfolioGen.Site;

namespace PortfolioGen.Themes;

/// <summary>A template failed; the diagnostic names the template file, line and column.</summary>
public sealed class TemplateException(Diagnostic diagnostic) : Exception(diagnostic.ToString())
{
    /// <summary>The problem.</summary>
    public Diagnostic Diagnostic { get; } = diagnostic;
}

/// <summary>
/// Renders a theme's layouts. Templates were parsed once when the theme loaded; every render gets an
/// escaping context (reused, emptied, between pages) with Scriban's limits set (loops, recursion, output size) and strict variables, so a
/// typo in a template is an error with its position instead of an empty string on the page.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly Theme _theme;
    private readonly string _siteRoot;
    private readonly ScriptObject _builtins;
    private readonly ScriptObject _functions;

    /// <summary>Creates the renderer of a build; in a serve session, with the session's <paramref name="partials"/> and <paramref name="outputs"/>.</summary>
    public TemplateRenderer(Theme theme, SiteUrls urls, string siteRoot, PartialCache? partials = null, PageOutputs? outputs = null)
    {
        _outputs = outputs ?? new PageOutputs();
        _theme = theme;
        _siteRoot = siteRoot;
        _session = partials;
        _builtins = TemplateContext.GetDefaultBuiltinObject();
        _functions = new ScriptObject();
        if (_builtins["include"] is IScriptCustomFunction include)
        {
            var raw = new RawIncludeFunction(include);
            _functions["include"] = raw;
            // Hugo's partialCached: a partial whose output depends only on the key (and the build) is rendered
            // once per build. A paper's list entry appears on the home page, its topic's page and every
            // co-author's page: about seven renders of the same markup at 10,000 papers.
            // In serve, partials are also kept across builds while the variables they read keep their values (see PartialCache).
            _functions["include_cached"] = new TemplateFunction("include_cached", 2, 2, (context, node, a) =>
            {
                var name = a[0]?.ToString() ?? "";
                var key = name + "\u0001" + CacheKey(a[1], node);
                // Once per key and build even when two pages want it at the same moment (a paper's entry on its topic's
                // page and on a co-author's, rendered side by side): the first page's Lazy makes it, the other waits for it.
                return _partials.GetOrAdd(key, static (k, s) => new Lazy<RawHtml>(() => s.Self.Partial(s.Raw, s.Context, s.Node, s.Name, k)),
                    (Self: this, Raw: raw, Context: context, Node: node, Name: name)).Value;
            });
        }
        // An absolute URL (https:, mailto:, //host/) is left as it is, as Hugo's relURL and absURL do. A theme's link may
        // carry a #fragment or a ?query (url 'about/#team'): it is a link, not a site path (a page's own URL is page.url).
        _functions["url"] = new TemplateFunction("url", 1, 1, (_, _, a) => (a[0]?.ToString() ?? "") is var s && SiteUrls.IsAbsolute(s) ? s : urls.Link(s));
        _functions["abs_url"] = new TemplateFunction("abs_url", 1, 1, (_, _, a) => (a[0]?.ToString() ?? "") is var s && SiteUrls.IsAbsolute(s) ? s : urls.AbsoluteLink(s) ?? urls.Link(s));
        _functions["asset"] = new TemplateFunction("asset", 1, 1, (_, node, a) =>
        {
            var name = a[0]?.ToString() ?? "";
            return theme.Assets.TryGetValue(name, out var asset)
                ? urls.Url(asset.OutputPath)
                : throw new ScriptRuntimeException(node?.Span ?? default, $"the theme has no asset '{name}' (assets: {string.Join(", ", theme.Assets.Keys.Order(StringComparer.Ordinal))})");
        });
        _functions["raw"] = new TemplateFunction("raw", 1, 1, (_, _, a) => a[0] is RawHtml r ? r : new RawHtml(a[0]?.ToString() ?? ""));
        _functions.IsReadOnly = true;
    }

    // include_cached's partials of this build (Lazy's default mode runs one factory and makes the others wait).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<RawHtml>> _partials = new(StringComparer.Ordinal);

    // A partial as a serve session kept it while the variables it reads have the same values, else rendered (and kept).
    private RawHtml Partial(RawIncludeFunction raw, TemplateContext context, ScriptNode? node, string name, string key)
    {
        var reads = _session is null ? null : _reads.GetOrAdd(name, ReadsOf);
        var inputs = reads is null ? null : Inputs(context, name, reads);
        if (inputs is { } known && _session!.TryGet(key, known, out var kept)) return kept;
        var html = (RawHtml)raw.Invoke(context, node, [name], null)!;
        if (inputs is { } rendered) _session!.Set(key, rendered, html);
        return html;
    }
    private readonly PartialCache? _session;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ScriptVariableGlobal[]?> _reads = new(StringComparer.Ordinal);

    // The variables a partial reads (built-in objects and this renderer's functions are the same for the whole build).
    private ScriptVariableGlobal[]? ReadsOf(string name)
    {
        var names = PartialCache.ReadsOf(name, n =>
        {
            try
            {
                return _theme.Loader.Resolve(n) is { } path && _theme.Templates.TryGetValue(path, out var t) ? t : null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        });
        return names?.Where(n => !_builtins.ContainsKey(n) && !_functions.ContainsKey(n))
            .Select(n => (ScriptVariableGlobal)ScriptVariable.Create(n, ScriptVariableScope.Global)).ToArray();
    }

    // The fingerprint of the values those variables have now (an unset one reads as null, not as an error); null when
    // a value is one the fingerprint tells apart only by its type: a function the theme defined (it reads variables of
    // its own when called, which the partial's syntax tree does not show), a date, a range. Such a partial is not kept.
    private static UInt128? Inputs(TemplateContext context, string name, ScriptVariableGlobal[] reads)
    {
        var strict = context.StrictVariables;
        context.StrictVariables = false;
        try
        {
            var parts = new UInt128[reads.Length];
            for (var i = 0; i < reads.Length; i++)
            {
                var value = context.GetValue(reads[i]);
                if (!Fingerprinted(value)) return null;
                parts[i] = ModelFingerprint.Of(value);
            }
            return ModelFingerprint.Combine(name, parts);
        }
        finally
        {
            context.StrictVariables = strict;
        }
    }

    // What ModelFingerprint hashes by content: the model's kinds of value. Besides them, the state of a loop the
    // partial is included from (`for`, read by the partial's own loops), which within a build is no input either.
    private static bool Fingerprinted(object? value)
        => value is null or string or RawHtml or bool or int or long or double or float or decimal or DateOnly or ScriptObject or ScriptArray
           || value.GetType().DeclaringType == typeof(ScriptLoopStatementBase);

    // The key of include_cached: text, a number, a boolean, or a list of them.
    private static string CacheKey(object? value, ScriptNode? node) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f when value.GetType().IsPrimitive || value is decimal => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        RawHtml r => r.Html,
        ScriptArray list => string.Join("\u0002", list.Select(v => CacheKey(v, node))),
        _ => throw new ScriptRuntimeException(node?.Span ?? default,
            $"the key of include_cached must be text, a number or a list of them, not {value.GetType().Name}: the output is kept per key for the whole build"),
    };

    // Contexts are reused, one per render in flight: a new Scriban context allocates ~20 KB of stacks and tables.
    // A context is reused only after a render that left it as it was made (a failed render's is dropped). Each render
    // writes into an output from _outputs (see PageOutput), pushed on the context for the render.
    private readonly Stack<HtmlTemplateContext> _contexts = new();
    private readonly PageOutputs _outputs;
    // A page may be this long (characters). Scriban's own limit counts everything written, and what an include writes
    // is counted in the include's output and again in the page around it (three times for a paper's entry, which
    // includes the author list): at 16,000 papers the home page, ~10 million characters, passed it. So Scriban's limit,
    // which only stops a runaway template, is a few times the page's; the page itself is measured after the render.
    private const int OutputLimit = 16_000_000;
    private const int WrittenLimit = 4 * OutputLimit;

    private HtmlTemplateContext RentContext()
    {
        lock (_contexts)
        {
            if (_contexts.TryPop(out var pooled)) return pooled;
        }
        var context = new HtmlTemplateContext(_builtins)
        {
            TemplateLoader = _theme.Loader,
            StrictVariables = true,
            // A misspelt member is an error, not an empty string; templates test optional values with `if`.
            EnableRelaxedMemberAccess = false,
            LoopLimit = 1_000_000,
            RecursiveLimit = 64,
            // A value converted to text may be as long as a page (a layout that filters a 10,000-paper home page's
            // content); past that, as a page past the limit, it is an error, not text marked or cut with "...".
            LimitToString = OutputLimit,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OutputLimit = WrittenLimit,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            NewLine = "\n",
        };
        foreach (var (path, t) in _theme.Templates) context.CachedTemplates[path] = t;
        context.PushGlobal(_functions);
        return context;
    }

    // Builtins, functions and the page's globals; the page's go, the context is as new.
    private void ReturnContext(HtmlTemplateContext context)
    {
        if (context.GlobalCount != 3 || context.OutputCount != 1) return;
        context.PopGlobal();
        // Scriban keeps some functions' state (array.cycle's position, math.random's generator) in Tags.
        context.Tags.Clear();
        context.ResetPreviousNewLine();
        lock (_contexts) _contexts.Push(context);
    }

    /// <summary>The theme's fingerprint: every template and asset.</summary>
    public string ThemeFingerprint => _theme.Fingerprint;

    /// <summary>Whether the theme has a layout.</summary>
    public bool HasLayout(string layout) => _theme.Layout(layout) is not null;

    /// <summary>
    /// Renders <c>layouts/&lt;layout&gt;.sbn</c> with <paramref name="model"/>, then the base layout around it
    /// (as <c>content</c>). <paramref name="page"/> names the page being made, for messages.
    /// </summary>
    public string Render(string layout, ScriptObject model, string page)
    {
        Template? template;
        try
        {
            template = _theme.Layout(layout);
        }
        catch (ArgumentException e)
        {
            throw new TemplateException(Diagnostic.Error(DiagnosticCodes.TemplateNotFound, page, 0, 0, e.Message));
        }
        if (template is null)
        {
            // Reported at the file the theme lacks, with the page: every page that needs it is one message.
            throw new TemplateException(Diagnostic.Error(DiagnosticCodes.TemplateNotFound, Shown(Path.Combine(_theme.Roots[0], "layouts", layout + ".sbn")), 0, 0,
                $"the theme '{_theme.Name}' has no layout '{layout}'") with { Page = page, PageCount = 1 });
        }
        var context = RentContext();
        var output = _outputs.Rent(page);
        context.PushOutput(output);
        // A fresh top scope per page: templates may set variables without touching the shared model.
        var globals = new ScriptObject(model.Count + 1);
        foreach (var (key, value) in model) globals[key] = value;
        context.PushGlobal(globals);
        int? length = null;
        try
        {
            // Both layouts write into the output; the page is taken from it as one string (see PageOutput).
            template.Render(context);
            var last = template;
            if (_theme.BaseLayout.Length > 0 && layout != _theme.BaseLayout)
            {
                globals["content"] = output.EndBody();
                last = _theme.Layout(_theme.BaseLayout)!;
                last.Render(context);
            }
            if (output.PageLength > OutputLimit)
            {
                throw new TemplateException(Diagnostic.Error(DiagnosticCodes.TemplateRuntime, Shown(last.SourceFilePath), 0, 0,
                    $"the page is {output.PageLength:N0} characters, past the output limit of {OutputLimit:N0}") with { Page = page, PageCount = 1 });
            }
            var html = output.Page();
            length = html.Length;
            if (context.OutputCount == 2 && ReferenceEquals(context.Output, output))
            {
                context.PopOutput();
                ReturnContext(context);
            }
            return html;
        }
        catch (ScriptParserRuntimeException e) when (e.ParserMessages.FirstOrDefault(m => m.Type == Scriban.Parsing.ParserMessageType.Error) is { } first)
        {
            // A template the theme loaded parsed when it loaded; one that is only included (a partial that is not
            // .sbn) parses here: its syntax error is its own, at its line, not "Error while parsing template" at the include.
            var (line, column, message) = (first.Span.Start.Line + 1, first.Span.Start.Column + 1, first.Message);
            // A block left without `end` is placed at the block, as when a theme's .sbn files load (TemplateBlocks).
            if (TemplateBlocks.IsMissingEnd(message) && ReadBack(first.Span.FileName) is { } text)
            {
                (line, column, message) = TemplateBlocks.Describe(text, [first]).First();
            }
            throw new TemplateException(Diagnostic.Error(DiagnosticCodes.TemplateSyntax, Shown(first.Span.FileName), line, column, message)
                with { Page = page, PageCount = 1 });
        }
        catch (ScriptRuntimeException e)
        {
            throw new TemplateException(Locate(e.Span, e.OriginalMessage, page));
        }
        finally
        {
            _outputs.Return(output, page, length);
        }
    }

    // The text of an included file whose parse failed, read again to place its error (null if it cannot be).
    private static string? ReadBack(string? file)
    {
        try
        {
            return string.IsNullOrEmpty(file) ? null : File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // A template's file as messages name it: relative to the site.
    private string Shown(string? file) => string.IsNullOrEmpty(file) ? "(template)" : Path.GetRelativePath(_siteRoot, file).Replace('\\', '/');

    // The error at its place in the template; the page goes with it, not in its message, so that the same error on
    // many pages is reported once (see DiagnosticBag.ToReport).
    private Diagnostic Locate(Scriban.Parsing.SourceSpan span, string message, string page)
    {
        return Diagnostic.Error(DiagnosticCodes.TemplateRuntime, Shown(span.FileName), span.Start.Line + 1, span.Start.Column + 1, message) with { Page = page, PageCount = 1 };
    }
}
