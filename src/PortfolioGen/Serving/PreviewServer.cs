using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace PortfolioGen.Serving;

/// <summary>How the preview server serves.</summary>
/// <param name="OutputDirectory">The built site.</param>
/// <param name="BasePath">The path the site lives under (<c>/</c> or <c>/portfolio/</c>) when serving starts (see <see cref="PreviewServer.BasePath"/>).</param>
/// <param name="LiveReload">Whether HTML responses get the live-reload script.</param>
public sealed record PreviewOptions(string OutputDirectory, string BasePath, bool LiveReload);

/// <summary>
/// Serves a built site the way static hosts do, for previewing: index.html for folders, 404.html with status
/// 404, correct content types, ETag and Last-Modified with 304 answers, no directory listings. Requests that
/// try to leave the site (dot segments, encoded or not, backslashes, absolute paths, NUL bytes) are refused
/// before any file is touched. HTML responses get the live-reload script; the files on disk never do.
/// </summary>
public sealed class PreviewServer(PreviewOptions options, LiveReload liveReload)
{
    private const string ReloadPath = "/__portfoliogen/reload.js";
    private const string EventsPath = "/__portfoliogen/events";
    private static readonly byte[] ReloadTag = Encoding.UTF8.GetBytes($"<script src=\"{ReloadPath}\" defer></script>\n");
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.OutputDirectory));
    // The base path now and the one before the last move, swapped as one: requests read both at once.
    private volatile BasePaths _basePaths = new(options.BasePath, null);

    private sealed record BasePaths(string Now, string? Before);

    /// <summary>The options.</summary>
    public PreviewOptions Options => options;

    /// <summary>
    /// The path the site is served under now. Serve sets it after a rebuild that moved the site (site.yml's
    /// <c>base_url</c> changed); requests under the path it had before are sent to the same place under the new one.
    /// </summary>
    public string BasePath
    {
        get => _basePaths.Now;
        set
        {
            var now = _basePaths;
            if (value != now.Now) _basePaths = new BasePaths(value, now.Now);
        }
    }

    /// <summary>Creates the web application (Kestrel unless <paramref name="configure"/> says otherwise, e.g. TestServer).</summary>
    public static WebApplication CreateApp(PreviewServer server, IEnumerable<string> urls, Action<WebApplicationBuilder>? configure = null)
    {
        var app = CreateBuilder(urls, configure).Build();
        app.Run(server.HandleAsync);
        return app;
    }

    /// <summary>
    /// Creates the web application before its server is known: serve starts it before the first build, so that a port
    /// in use is found before anything is built into the output folder (another serve of the same site may be serving
    /// it). Requests that come meanwhile wait for <paramref name="server"/>.
    /// </summary>
    public static WebApplication CreateApp(Task<PreviewServer> server, IEnumerable<string> urls, Action<WebApplicationBuilder>? configure = null)
    {
        var app = CreateBuilder(urls, configure).Build();
        app.Run(async context => await (await server.ConfigureAwait(false)).HandleAsync(context).ConfigureAwait(false));
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(IEnumerable<string> urls, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. urls]);
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } target ? target : (request.PathBase + request.Path).Value ?? "/";
        var rawPath = raw.Split('?', 2)[0];
        // An absolute-form target (what proxies, and TestServer, send) carries the path after its authority.
        if (rawPath.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rawPath.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var slash = rawPath.IndexOf('/', rawPath.IndexOf("//", StringComparison.Ordinal) + 2);
            rawPath = slash < 0 ? "/" : rawPath[slash..];
        }
        if (!IsAcceptableRawPath(rawPath))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var path = request.Path.Value ?? "/";
        if (path == ReloadPath && options.LiveReload)
        {
            await WriteBytes(context, Encoding.UTF8.GetBytes(LiveReload.Script), "text/javascript; charset=utf-8", null).ConfigureAwait(false);
            return;
        }
        if (path == EventsPath && options.LiveReload)
        {
            await StreamEvents(context, PageOf(request.Query["page"].ToString())).ConfigureAwait(false);
            return;
        }
        // The request's path is unescaped, the base path as the URL has it (/%C3%A1d%C3%A1/ for /ádá/): compare them
        // unescaped, and answer with the base path as it is.
        var (escapedBase, escapedBefore) = _basePaths;
        var basePath = Uri.UnescapeDataString(escapedBase);
        var before = escapedBefore is null ? null : Uri.UnescapeDataString(escapedBefore);
        // A page open at the site's old place (it reloads after the rebuild that moved the site) goes to its new one,
        // unless the new path is the closer match (a site moved from / to /homepage/ serves /homepage/x itself).
        if (before is not null && path.StartsWith(before, StringComparison.Ordinal)
            && !(path.StartsWith(basePath, StringComparison.Ordinal) && basePath.Length >= before.Length))
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = escapedBase + EscapePath(path[before.Length..]) + request.QueryString;
            return;
        }
        if (!path.StartsWith(basePath, StringComparison.Ordinal))
        {
            if (basePath != "/" && (path == "/" || path + "/" == basePath))
            {
                Redirect(context, escapedBase);
                return;
            }
            await NotFound(context).ConfigureAwait(false);
            return;
        }
        var relative = path[basePath.Length..];
        var file = Resolve(relative, out var redirectToFolder);
        if (redirectToFolder)
        {
            Redirect(context, escapedBase + EscapePath(relative) + "/" + request.QueryString);
            return;
        }
        if (file is null)
        {
            // A page rendered ahead at a place the site does not have yet (a title edit moved its paper).
            if (options.LiveReload)
            {
                var destination = Site.SiteUrls.FileOf(relative);
                if (liveReload.RedirectFor(destination) is { } elsewhere)
                {
                    // Temporary: the place may be the paper's again after the next edit.
                    context.Response.StatusCode = StatusCodes.Status302Found;
                    context.Response.Headers.Location = elsewhere + request.QueryString;
                    return;
                }
                if (liveReload.AheadPage(destination) is { } moved)
                {
                    await ServeAhead(context, destination, moved).ConfigureAwait(false);
                    return;
                }
                if (relative.Length > 0 && liveReload.AheadPage(relative + "/index.html") is not null)
                {
                    Redirect(context, escapedBase + EscapePath(relative) + "/" + request.QueryString);
                    return;
                }
            }
            await NotFound(context).ConfigureAwait(false);
            return;
        }
        // A page the session rendered ahead of its rebuild (see LiveReload.ShowAhead) is served from memory until the rebuild is written.
        if (options.LiveReload && liveReload.AheadPage(Path.GetRelativePath(_root, file).Replace('\\', '/')) is { } ahead)
        {
            await ServeAhead(context, file, ahead).ConfigureAwait(false);
            return;
        }
        await ServeFile(context, file, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    // A page rendered ahead, from memory, with the live-reload script.
    private Task ServeAhead(HttpContext context, string name, byte[] bytes)
    {
        var type = ContentTypes.For(name);
        context.Response.StatusCode = StatusCodes.Status200OK;
        return WriteBytes(context, type.StartsWith("text/html", StringComparison.Ordinal) ? Inject(bytes) : bytes, type, null);
    }

    // The site file an open page shows (its destination), from the path it gives when it connects for events; null when
    // it gives none or one outside the site.
    private string? PageOf(string path)
    {
        path = Uri.UnescapeDataString(path);
        var basePath = Uri.UnescapeDataString(BasePath);
        if (!path.StartsWith(basePath, StringComparison.Ordinal) || !IsAcceptableRawPath(path)) return null;
        var relative = path[basePath.Length..];
        return relative.Length == 0 || relative.EndsWith('/') ? relative + "index.html" : relative;
    }

    // The raw request target, before any decoding: refuse what only an attempt to escape would send.
    private static bool IsAcceptableRawPath(string rawPath)
    {
        if (!rawPath.StartsWith('/')) return false;
        if (rawPath.Contains('\\', StringComparison.Ordinal) || rawPath.Contains('\0', StringComparison.Ordinal)) return false;
        var lower = rawPath.ToLowerInvariant();
        if (lower.Contains("%5c", StringComparison.Ordinal) || lower.Contains("%00", StringComparison.Ordinal)) return false;
        var decoded = Uri.UnescapeDataString(Uri.UnescapeDataString(rawPath));
        foreach (var segment in decoded.Split('/'))
        {
            if (segment is "." or "..") return false;
        }
        return !decoded.Contains('\\', StringComparison.Ordinal) && !decoded.Contains('\0', StringComparison.Ordinal) && !decoded.Contains(':', StringComparison.Ordinal);
    }

    /// <summary>Maps a site path to a file inside the site, or null. Never returns a path outside it.</summary>
    internal string? Resolve(string relative, out bool redirectToFolder)
    {
        redirectToFolder = false;
        var segments = relative.Split('/');
        foreach (var s in segments)
        {
            if (s is "." or ".." || s.Contains('\\', StringComparison.Ordinal) || s.Contains('\0', StringComparison.Ordinal) || s.Contains(':', StringComparison.Ordinal)) return null;
            if (s.StartsWith('.') && s.Length > 1) return null; // .portfoliogen-manifest.json and other dotfiles
        }
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (full != _root && !full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        if (Directory.Exists(full))
        {
            if (relative.Length > 0 && !relative.EndsWith('/'))
            {
                redirectToFolder = true;
                return null;
            }
            full = Path.Combine(full, "index.html");
        }
        if (!File.Exists(full)) return null;
        // A link that points outside the site is not followed.
        var info = new FileInfo(full);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target
            && !Path.GetFullPath(target.FullName).StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }
        return full;
    }

    // A site path (unescaped) as a URL's path has it.
    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static void Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = location;
    }

    private async Task NotFound(HttpContext context)
    {
        var page = Path.Combine(_root, "404.html");
        if (File.Exists(page))
        {
            await ServeFile(context, page, StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Not found\n").ConfigureAwait(false);
    }

    private async Task ServeFile(HttpContext context, string file, int status)
    {
        byte[] bytes;
        DateTimeOffset modified;
        try
        {
            bytes = await File.ReadAllBytesAsync(file, context.RequestAborted).ConfigureAwait(false);
            modified = File.GetLastWriteTimeUtc(file);
        }
        catch (IOException)
        {
            // A rebuild replaced the file at this very moment: the next request gets it.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }
        var type = ContentTypes.For(file);
        if (options.LiveReload && type.StartsWith("text/html", StringComparison.Ordinal)) bytes = Inject(bytes);
        context.Response.StatusCode = status;
        await WriteBytes(context, bytes, type, new DateTimeOffset(modified.Ticks - modified.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero)).ConfigureAwait(false);
    }

    private static byte[] Inject(byte[] html)
    {
        var end = html.AsSpan().LastIndexOf("</body>"u8);
        if (end < 0) return [.. html, .. ReloadTag];
        return [.. html.AsSpan(0, end), .. ReloadTag, .. html.AsSpan(end)];
    }

    private static async Task WriteBytes(HttpContext context, byte[] bytes, string contentType, DateTimeOffset? modified)
    {
        var response = context.Response;
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(XxHash64.Hash(bytes)) + "\"");
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        if (modified is { } m) headers.LastModified = m;
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (response.StatusCode == StatusCodes.Status200OK && NotModified(context.Request, etag, modified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset? modified)
    {
        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch is { Count: > 0 } match)
        {
            return match.Any(m => m.Equals(EntityTagHeaderValue.Any) || m.Compare(etag, useStrongComparison: false));
        }
        return modified is { } m && headers.IfModifiedSince is { } since && m <= since;
    }

    private async Task StreamEvents(HttpContext context, string? page)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var (reader, registration) = liveReload.Connect(page);
        using (registration)
        {
            try
            {
                await response.WriteAsync("retry: 1000\n\n", context.RequestAborted).ConfigureAwait(false);
                if (liveReload.CurrentState is { } state)
                {
                    await response.WriteAsync(Format(state.Event, state.Data), context.RequestAborted).ConfigureAwait(false);
                }
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                await foreach (var (name, data) in reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
                {
                    await response.WriteAsync(Format(name, data), context.RequestAborted).ConfigureAwait(false);
                    await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The page went away.
            }
        }
    }

    private static string Format(string name, string data) => string.Create(CultureInfo.InvariantCulture, $"event: {name}\ndata: {data}\n\n");
}
